"""Every text-like form control on every page looks the same: the same font, border, padding
and height (the login page's password field once had none of the e-mail field's styling)."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.e2e.conftest import login
from tests.e2e.test_every_page import everything  # noqa: F401 - the fixture
from tests.pages import PAGES

TEXT_LIKE = (
    "input:is([type=text],[type=email],[type=password],[type=search],[type=url],[type=tel],"
    "[type=date],[type=number],:not([type])), select:not([multiple]), textarea"
)
STYLE = """(selector) => [...document.querySelectorAll(selector)]
  .filter((e) => e.offsetParent !== null && !e.disabled)
  .map((e) => {
    const s = getComputedStyle(e);
    const look = {};
    // line-height is left out: Chromium draws a select with its own; heights are compared.
    for (const p of ["font-family", "font-size", "font-weight", "color",
        "background-color", "box-sizing", "border-top-width", "border-top-style",
        "border-top-color", "border-left-width", "border-radius", "padding-top",
        "padding-right", "padding-bottom", "padding-left"]) look[p] = s.getPropertyValue(p);
    // A textarea is meant to be taller; single-line controls share one height.
    if (e.tagName !== "TEXTAREA") look.height = Math.round(e.getBoundingClientRect().height);
    return {what: `${e.tagName.toLowerCase()}#${e.id || e.name} (${e.type})`, look};
  })"""


def looks(page: Page) -> list[dict]:
    return page.evaluate(STYLE, TEXT_LIKE)


def test_all_text_like_controls_share_their_style(page: Page, everything):  # noqa: F811
    page.goto("/logga-in")
    seen = [(page.url, c) for c in looks(page)]
    assert {c["what"].split("#")[1].split(" ")[0] for _url, c in seen} >= {"email", "password"}
    login(page, "system@test.se")
    for path in PAGES:
        page.goto(path.format(**everything))
        seen += [(page.url, c) for c in looks(page)]
    reference = seen[0][1]["look"]
    different = [
        (url, c["what"], {k: v for k, v in c["look"].items() if reference.get(k, v) != v})
        for url, c in seen
        if any(reference.get(k, v) != v for k, v in c["look"].items())
    ]
    assert len(seen) > 40
    assert different == [], (len(different), different[:8], reference)
