"""Importing a spreadsheet through the preview, and downloading the plan, in a real browser."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_accessible, login

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_import_a_spreadsheet_through_the_preview(page: Page, plan_world):
    login(page, plan_world.world.editor)
    page.goto(f"/planer/{plan_world.plan_id}")
    page.get_by_role("link", name="Importera aktiviteter").click()
    expect(page.get_by_role("heading", level=1, name="Importera aktiviteter")).to_be_visible()
    assert_accessible(page)

    # A file whose first column has a heading of its own, and one row with a bad date.
    data = _workbook(
        [
            ["Vad ska göras", "Fokusområde", "Klart senast", "Status"],
            ["Införa fallriskbedömning", "F2", "2027-03-31", "Pågår"],
            ["Utbilda i ISBAR", "G3", "31/02/2027", ""],
        ]
    )
    page.get_by_label("Fil (.xlsx eller .csv)").set_input_files(
        {"name": "plan.xlsx", "mimeType": XLSX, "buffer": data}
    )
    page.get_by_role("button", name="Förhandsgranska").click()
    expect(page.get_by_role("heading", level=1, name="Förhandsgranska import")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Ingen kolumn är kopplad till Aktivitet")
    assert_accessible(page)

    # Map the unknown heading to the activity's title and look again.
    page.get_by_label("Vad ska göras").select_option(label="Aktivitet")
    page.get_by_role("button", name="Förhandsgranska igen").click()
    table = page.get_by_role("table", name="Raderna i filen")
    expect(table).to_contain_text("Rad 3: ogiltigt datum '31/02/2027' i Klart senast")
    expect(page.get_by_role("button", name="Importera")).to_have_count(0)
    assert_accessible(page)

    # Corrected file: both rows new, then saved together.
    data = _workbook(
        [
            ["Vad ska göras", "Fokusområde", "Klart senast", "Status"],
            ["Införa fallriskbedömning", "F2", "2027-03-31", "Pågår"],
            ["Utbilda i ISBAR", "G3", "2027-02-28", ""],
        ]
    )
    page.get_by_role("link", name="Välj en annan fil").click()
    page.get_by_label("Fil (.xlsx eller .csv)").set_input_files(
        {"name": "plan.xlsx", "mimeType": XLSX, "buffer": data}
    )
    page.get_by_role("button", name="Förhandsgranska").click()
    page.get_by_label("Vad ska göras").select_option(label="Aktivitet")
    page.get_by_role("button", name="Förhandsgranska igen").click()
    expect(page.get_by_role("status").filter(has_text="Filen plan.xlsx")).to_contain_text(
        "2 nya, 0 uppdateras, 0 oförändrade och 0 med fel"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Importera 2 aktiviteter").click()

    expect(page.get_by_role("heading", level=1, name="Aktiviteter")).to_be_visible()
    expect(page.locator(".flashes[role=status]")).to_contain_text(
        "Importen är klar: 2 nya och 0 uppdaterade aktiviteter."
    )
    expect(page.get_by_role("link", name="Införa fallriskbedömning")).to_be_visible()
    expect(page.get_by_role("link", name="Utbilda i ISBAR")).to_be_visible()


def test_a_reader_downloads_the_plan_but_cannot_import(page: Page, plan_world):
    login(page, plan_world.world.reader)
    page.goto(f"/planer/{plan_world.plan_id}/aktiviteter")
    expect(page.get_by_role("link", name="Importera aktiviteter")).to_have_count(0)
    with page.expect_download() as info:
        page.get_by_role("link", name="Exportera aktiviteter till Excel").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(download.path().read_bytes())).active
    assert sheet["D2"].value == "Införa strukturerad överlämning"
