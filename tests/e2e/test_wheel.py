"""The annual wheel in a real browser: a recurring event, an occurrence marked done, a
subscription created and revoked; axe checks each page."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import Page, expect

from planner.wheel.labels import overlapping
from tests.e2e.conftest import assert_accessible, login


def test_create_a_recurring_event_and_mark_an_occurrence_done(page: Page, world):
    login(page, world.editor)
    year = date.today().year
    page.goto(f"/organisationer/{world.region_id}/arshjul?ar={year}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Årshjul {year}")
    expect(page.get_by_role("group", name=f"Årshjul {year} för {world.region}")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Ny händelse").click()
    page.get_by_role("button", name="Spara").click()  # nothing filled in
    expect(page.get_by_role("alert")).to_contain_text("Formuläret sparades inte")
    assert_accessible(page)

    page.get_by_label("Titel").fill("Stoppa trycksår-dagen")
    page.get_by_label("Kategori").select_option(label="Temadag")
    page.get_by_label("Område").select_option("F3")
    page.get_by_label("Första datum").fill(f"{year}-01-01")
    page.get_by_label("Upprepas", exact=True).select_option(
        label="Varje år på en viss veckodag i en månad"
    )
    page.get_by_label("Vilken i månaden").select_option(label="tredje")
    page.get_by_label("Veckodag").select_option(label="torsdag")
    page.get_by_label("Månad", exact=True).select_option(label="november")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".flashes")).to_contain_text("Händelsen lades till")

    november = page.get_by_role("heading", level=3, name="November").locator(
        "xpath=following-sibling::ul[1]"
    )
    expect(november).to_contain_text("Stoppa trycksår-dagen")
    third_thursday = {2026: "2026-11-19", 2027: "2027-11-18"}.get(year)
    if third_thursday:
        expect(november).to_contain_text(third_thursday)
    assert_accessible(page)

    november.get_by_role("button", name="Markera genomförd").click()
    expect(page.locator(".flashes")).to_contain_text(f"Markerad som genomförd {year}")
    november = page.get_by_role("heading", level=3, name="November").locator(
        "xpath=following-sibling::ul[1]"
    )
    expect(november).to_contain_text(f"Genomförd {year}")
    # only that year's occurrence: next year's is untouched
    page.get_by_role("link", name="Nästa år").click()
    next_november = page.get_by_role("heading", level=3, name="November").locator(
        "xpath=following-sibling::ul[1]"
    )
    expect(next_november).to_contain_text("Stoppa trycksår-dagen")
    expect(next_november).not_to_contain_text("Genomförd")
    assert_accessible(page)


def test_create_and_revoke_a_subscription(page: Page, world):
    login(page, world.reader)
    page.goto(f"/organisationer/{world.region_id}/arshjul")
    page.get_by_role("link", name="Prenumerera i din kalender").click()
    expect(page.get_by_text("bara var 8–24 timme")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Namn på prenumerationen").fill("Mina APT-teman")
    page.get_by_label("APT-tema").check()
    page.get_by_role("button", name="Skapa länk").click()
    link = page.get_by_label("Länk (https)")
    feed_url = link.input_value()
    assert "/flode/" in feed_url and feed_url.endswith(".ics")
    expect(page.get_by_role("button", name="Kopiera länken")).to_be_visible()
    expect(
        page.get_by_role("link", name="Öppna i Apple Kalender eller klassiska Outlook (webcal)")
    ).to_have_attribute("href", "webcal://" + feed_url.split("://", 1)[1])
    assert_accessible(page)
    # Post/redirect/get: reloading shows the list, neither the link again nor a second one.
    page.reload()
    expect(page.get_by_label("Länk (https)")).to_have_count(0)
    expect(page.get_by_role("button", name="Återkalla Mina APT-teman")).to_have_count(1)

    path = "/flode/" + feed_url.rsplit("/flode/", 1)[1]
    response = page.request.get(path)
    assert response.status == 200 and "BEGIN:VCALENDAR" in response.text()

    page.get_by_role("button", name="Återkalla Mina APT-teman").click()
    expect(page.locator(".flashes")).to_contain_text("återkallad")
    assert page.request.get(path).status == 404
    assert_accessible(page)


NAME_BOXES = """() => {
    const svg = document.querySelector("svg.wheel-svg");
    const view = svg.viewBox.baseVal;
    return {
        view: [view.width, view.height],
        boxes: [...svg.querySelectorAll("text.label")].map(t => {
            const b = t.getBBox();
            return [b.x, b.y, b.x + b.width, b.y + b.height];
        }),
    };
}"""


def test_200_names_on_the_wheel_do_not_overlap_in_the_browser(page: Page, world, seed):
    from planner.extensions import db
    from planner.orgs.models import Organisation
    from tests.wheel.test_picture import YEAR, two_hundred_events

    seed(lambda: two_hundred_events(db.session.get(Organisation, world.region_id)))
    login(page, world.reader)
    for width in (1280, 360):  # text boxes are rounded to device pixels at each scale
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/organisationer/{world.region_id}/arshjul?ar={YEAR}")
        measured = page.evaluate(NAME_BOXES)
        (right, bottom), found = measured["view"], measured["boxes"]
        assert len(found) > 60
        pairs = overlapping([tuple(b) for b in found])
        assert pairs == [], [(found[i], found[j]) for i, j in pairs[:3]]
        assert all(min(x0, y0) >= 0 and x1 <= right and y1 <= bottom for x0, y0, x1, y1 in found)
    # A name leads to its occurrence in the list.
    first = page.locator("svg.wheel-svg text.label a").first
    target = first.get_attribute("href")
    first.dispatch_event("click")
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    expect(page.locator(target)).to_be_visible()
    assert_accessible(page)


def test_a_measurement_week_becomes_an_arc_with_its_name(page: Page, world):
    login(page, world.editor)
    year = date.today().year + 1
    page.goto(f"/organisationer/{world.region_id}/arshjul/ny")
    page.get_by_label("Titel").fill("Mätvecka trycksår")
    page.get_by_label("Kategori").select_option(label="Mätning")
    page.get_by_label("Första datum").fill(f"{year}-10-04")
    page.get_by_label("Antal dagar").fill("7")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".flashes")).to_contain_text("Händelsen lades till")
    october = page.get_by_role("heading", level=3, name="Oktober").locator(
        "xpath=following-sibling::ul[1]"
    )
    expect(october).to_contain_text(f"{year}-10-04–{year}-10-10")
    label = page.locator("svg.wheel-svg text.label", has_text="Mätvecka trycksår")
    expect(label).to_be_visible()
    arc = page.locator("svg.wheel-svg a.mark")
    expect(arc).to_have_count(1)
    # An arc, not a dot (at most 12 units): it spans a week of the 360° wheel.
    width, height = arc.locator("path").evaluate(
        "p => { const b = p.getBBox(); return [b.width, b.height]; }"
    )
    assert max(width, height) > 2 * 12
    assert_accessible(page)
