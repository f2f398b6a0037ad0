"""A patient-safety lead follows results in a real browser: adds BHK from the catalogue,
records a quarter for three units, sees the chart, records the next quarter and sees the chart
change, and finds the unit under target; axe checks every page on the way, errors included."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests import factories
from tests.e2e.conftest import assert_accessible, login

UNITS = ("Avdelning 10", "Avdelning 11", "Avdelning 12")


def _points(page: Page) -> list[tuple[str, str]]:
    circles = page.locator("svg.chart circle")
    return [
        (circles.nth(i).get_attribute("data-period"), circles.nth(i).get_attribute("data-value"))
        for i in range(circles.count())
    ]


def _fill_period(page: Page, values: dict[str, tuple[str, str]]) -> None:
    for unit, (numerator, denominator) in values.items():
        page.get_by_label(f"Täljare, {unit}").fill(numerator)
        page.get_by_label(f"Nämnare, {unit}").fill(denominator)


def test_record_values_and_see_the_chart_change(page: Page, seed, plan_world):
    def make():
        from planner.extensions import db
        from planner.orgs.models import Organisation

        region = db.session.get(Organisation, plan_world.world.region_id)
        for name in UNITS:
            factories.make_org(name, "enhet", region)

    seed(make)
    login(page, plan_world.world.editor)
    page.goto(f"/planer/{plan_world.plan_id}")
    parts = page.get_by_role("navigation", name="Planens delar")
    parts.get_by_role("link", name="Resultat").click()
    expect(page.get_by_role("heading", level=1, name="Resultat")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Lägg till mått ur katalogen").click()
    page.get_by_label("Följsamhet till basala hygien- och klädregler (BHK)").check()
    assert_accessible(page)
    page.get_by_role("button", name="Lägg till valda mått").click()
    measures = page.get_by_role("table", name="Planens mått: senaste värde mot målvärdet")
    measures.get_by_role("link", name="Följsamhet till basala hygien- och klädregler (BHK)").click()
    expect(page.locator("svg.chart > title")).to_contain_text("över tid")
    assert _points(page) == []

    page.get_by_role("link", name="Registrera en period för alla enheter").click()
    page.get_by_label("Period").select_option("2026-Q1")
    page.get_by_role("button", name="Välj period").click()
    _fill_period(page, {UNITS[0]: ("38", "40"), UNITS[1]: ("3", "0")})
    page.get_by_role("button", name="Spara perioden").click()
    # A zero denominator: nothing saved, the message next to the cell, the input kept.
    expect(page.get_by_role("alert")).to_contain_text("Inget sparades")
    denominator = page.get_by_label(f"Nämnare, {UNITS[1]}")
    expect(denominator).to_have_attribute("aria-invalid", "true")
    expect(denominator).to_have_accessible_description("Nämnaren kan inte vara 0.")
    expect(page.get_by_label(f"Täljare, {UNITS[0]}")).to_have_value("38")
    assert_accessible(page)
    _fill_period(page, {UNITS[1]: ("36", "40"), UNITS[2]: ("30", "40")})
    page.get_by_role("button", name="Spara perioden").click()
    expect(page.get_by_text("3 värden för kvartal 1 2026 sparades.")).to_be_visible()
    # (38 + 36 + 30) / 120 = 86.67 % for the plan
    assert _points(page) == [("2026-Q1", "86.6667")]
    assert_accessible(page)

    page.get_by_role("link", name="Registrera en period för alla enheter").click()
    page.get_by_label("Period").select_option("2026-Q2")
    page.get_by_role("button", name="Välj period").click()
    _fill_period(page, {UNITS[0]: ("39", "40"), UNITS[1]: ("38", "40"), UNITS[2]: ("31", "40")})
    page.get_by_role("button", name="Spara perioden").click()
    assert _points(page) == [("2026-Q1", "86.6667"), ("2026-Q2", "90.0000")]
    values = page.get_by_role("table", name="Värden, senaste först")
    expect(values.get_by_role("row").nth(1)).to_contain_text("kvartal 2 2026")
    expect(values.get_by_role("row").nth(1)).to_contain_text("90 %")

    # Which unit is under target? The comparison lists it below the target line, in words.
    compare = page.get_by_role("table", name="Varje organisations senaste värde")
    last = compare.get_by_role("row").last
    expect(last).to_contain_text(UNITS[2])
    expect(last).to_contain_text("Målet ej nått")
    expect(compare.get_by_role("row", name="— Målvärde 90 % —")).to_be_visible()
    last.get_by_role("link", name=UNITS[2]).click()
    expect(page.locator("svg.chart > title")).to_contain_text(UNITS[2])
    assert _points(page) == [("2026-Q1", "75.0000"), ("2026-Q2", "77.5000")]
    assert_accessible(page)

    # A single correction: the old value stays in the value's history.
    page.get_by_role("link", name="Rätta kvartal 1 2026").click()
    page.get_by_label("Värde", exact=True).fill("80")
    page.get_by_label("Täljare", exact=True).fill("")
    page.get_by_label("Nämnare", exact=True).fill("")
    page.get_by_role("button", name="Spara värdet").click()
    assert _points(page)[0] == ("2026-Q1", "80.0000")
    page.get_by_role("link", name="Rätta kvartal 1 2026").click()
    expect(page.locator(".audit")).to_contain_text("75 → 80")
    page.get_by_label("Värde", exact=True).fill("120")
    page.get_by_role("button", name="Spara värdet").click()
    expect(page.get_by_label("Värde", exact=True)).to_have_accessible_description(
        "Skriv decimaler med komma, till exempel 85,5. Lämna tomt om du angett täljare och "
        "nämnare. En procentsats ligger mellan 0 och 100."
    )
    assert_accessible(page)
