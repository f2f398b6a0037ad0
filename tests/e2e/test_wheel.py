"""The annual wheel in a real browser: a recurring event, an occurrence marked done, a
subscription created and revoked; axe checks each page."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_accessible, login


def test_create_a_recurring_event_and_mark_an_occurrence_done(page: Page, world):
    login(page, world.editor)
    year = date.today().year
    page.goto(f"/organisationer/{world.region_id}/arshjul?ar={year}")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Årshjul {year}")
    expect(page.get_by_role("img", name=f"Årshjul {year} för {world.region}")).to_be_visible()
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
