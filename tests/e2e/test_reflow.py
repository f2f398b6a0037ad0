"""Every page fits a 360 px phone without sideways scrolling of the page itself (WCAG 1.4.10
reflow): wide tables and the wheel scroll inside their own region instead."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.e2e.conftest import login
from tests.e2e.test_every_page import everything  # noqa: F401 - the fixture
from tests.pages import PAGES

PHONE = 360


def test_no_page_scrolls_sideways_on_a_phone(page: Page, everything):  # noqa: F811
    page.set_viewport_size({"width": PHONE, "height": 800})
    login(page, "system@test.se")
    too_wide = []
    for path in PAGES:
        page.goto(path.format(**everything))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE:
            too_wide.append((path, width))
    assert too_wide == [], too_wide


DESKTOP = 1280


def test_no_table_scrolls_sideways_on_a_desktop(page: Page, everything):  # noqa: F811
    """At 1280 px every table fits its column: the scrolling region is the phone's fallback,
    not something a desktop user has to drag to see a table's last column."""
    page.set_viewport_size({"width": DESKTOP, "height": 800})
    login(page, "system@test.se")
    too_wide = []
    for path in PAGES:
        page.goto(path.format(**everything))
        overflowing = page.evaluate(
            "[...document.querySelectorAll('.table-scroll')]"
            ".filter(region => region.scrollWidth > region.clientWidth).length"
        )
        if overflowing:
            too_wide.append((path, overflowing))
    assert too_wide == [], too_wide
