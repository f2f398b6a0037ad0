"""A quarter's values for three units imported from a spreadsheet through the preview, in a
real browser: the unit under target is found on the measure's page, and the measurement
appears on the annual wheel."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests import factories
from tests.e2e.conftest import assert_accessible, login
from tests.transfer.helpers import xlsx_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_import_a_quarter_of_values_and_find_the_unit_under_target(page: Page, seed, plan_world):
    def make():
        from planner.extensions import db
        from planner.orgs.models import Organisation
        from planner.plans.models import Plan

        region = db.session.get(Organisation, plan_world.world.region_id)
        for name in ("Avdelning 1", "Avdelning 2", "Avdelning 3"):
            factories.make_org(name, "enhet", region)
        plan = db.session.get(Plan, plan_world.plan_id)
        return factories.make_measure(plan, name="BHK", on_wheel=True).id

    measure_id = seed(make)
    login(page, plan_world.world.editor)
    page.goto(f"/planer/{plan_world.plan_id}/resultat")
    page.get_by_role("link", name="Importera värden från Excel eller CSV").click()
    expect(page.get_by_role("heading", level=1, name="Importera mätvärden")).to_be_visible()
    assert_accessible(page)

    rows = [
        ["Mått", "Enhet/organisation", "Period", "Täljare", "Nämnare", "Kommentar"],
        ["BHK", "Avdelning 1", "2026-Q1", 38, 40, ""],
        ["BHK", "Avdelning 2", "2026-Q1", 37, 40, ""],
        ["BHK", "Avdelning 3", "2026-03", 28, 40, "Personalbrist i mars"],
    ]
    page.get_by_label("Fil (.xlsx eller .csv)").set_input_files(
        {"name": "bhk.xlsx", "mimeType": XLSX, "buffer": xlsx_bytes(rows)}
    )
    page.get_by_role("button", name="Förhandsgranska").click()
    table = page.get_by_role("table", name="Raderna i filen")
    expect(table).to_contain_text("Rad 4: perioden '2026-03' passar inte BHK")
    expect(page.get_by_role("button", name="Importera")).to_have_count(0)
    assert_accessible(page)

    rows[3][2] = "2026-Q1"
    page.get_by_role("link", name="Välj en annan fil").click()
    page.get_by_label("Fil (.xlsx eller .csv)").set_input_files(
        {"name": "bhk.xlsx", "mimeType": XLSX, "buffer": xlsx_bytes(rows)}
    )
    page.get_by_role("button", name="Förhandsgranska").click()
    expect(page.get_by_role("status")).to_contain_text("3 nya värden")
    page.get_by_role("button", name="Importera 3 värden").click()
    expect(page.get_by_text("Importen är klar: 3 nya och 0 rättade värden.")).to_be_visible()

    # The measure's page: the unit under target is the one that stands out.
    page.goto(f"/matt/{measure_id}")
    expect(page.get_by_role("heading", level=1, name="BHK")).to_be_visible()
    expect(page.locator("body")).to_contain_text("Avdelning 3")
    expect(page.locator("body")).to_contain_text("70 %")

    # The measurement period is on the wheel, linked to the measure.
    page.goto(f"/organisationer/{plan_world.world.region_id}/arshjul?ar=2026")
    link = page.get_by_role("link", name="Mätning: BHK, kvartal 1 2026")
    expect(link).to_be_visible()
    expect(link.locator("xpath=..")).to_contain_text("Värde registrerat")

    assert_accessible(page)

    # The yearly report's results chapter (chart, values against target) passes axe too.
    page.goto(f"/planer/{plan_world.plan_id}/rapport?ar=2026")
    chapter = page.locator("#resultat")
    expect(chapter.get_by_role("heading", level=2)).to_have_text("Resultat 2026")
    expect(chapter.get_by_role("img", name="BHK över tid")).to_be_visible()
    expect(page.locator(".results-summary")).to_contain_text("mått nådde sitt målvärde 2026")
    assert_accessible(page)

    # The export holds what was imported.
    with page.expect_download() as download:
        page.goto(f"/planer/{plan_world.plan_id}/resultat")
        page.get_by_role("link", name="Ladda ner mått och värden som Excel (.xlsx)").click()
    workbook = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    values = list(workbook["Värden"].iter_rows(values_only=True))
    assert sorted(r[3] for r in values[1:]) == ["Avdelning 1", "Avdelning 2", "Avdelning 3"]
