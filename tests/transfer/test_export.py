"""Exports read back with independent parsers: openpyxl for xlsx, the csv module for CSV."""

from __future__ import annotations

import csv
import io
import zipfile

from openpyxl import load_workbook

from planner.plans import services
from planner.transfer.export import neutralise
from planner.web import safe_filename
from tests.factories import area_id, commit, days, make_activity, make_org, make_plan

HEADERS = [
    "ID",
    "Område",
    "Mål",
    "Aktivitet",
    "Beskrivning",
    "Ansvarig",
    "Roll",
    "E-post",
    "Organisationer",
    "Startdatum",
    "Slutdatum",
    "Uppföljningsdatum",
    "Status",
    "Procent klart",
    "Senaste kommentar",
    "Version",
]


def _plan_with_activities():
    region = make_org("Region Väst")
    unit = make_org("Akutkliniken", "enhet", region)
    plan = make_plan(region, title="Handlingsplan Väst 2025–2030")
    goal = services.create_goal(plan, area_id(plan, "F2"), "Färre fall")
    hostile = make_activity(
        plan,
        "F2",
        title="=cmd|' /C calc'!A0",
        description="+SUM(A1)\n-rad två",
        responsible_name="@Anna",
        goal_id=goal.id,
        organisation_ids=[region.id, unit.id],
        start_date=days(-30),
        due_date=days(60),
        follow_up_date=days(30),
    )
    services.record_progress(hostile, days(-2), "pagar", 40, "Första kommentaren", "Test")
    services.record_progress(hostile, days(-1), "pagar", 45, "", "Test")
    plain = make_activity(plan, "G1", title="Utbilda chefer", due_date=days(10))
    commit()
    return plan, hostile, plain


def test_xlsx_has_dates_numbers_and_strings_never_formulas(client):
    plan, hostile, plain = _plan_with_activities()
    response = client.get(f"/planer/{plan.id}/aktiviteter.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    disposition = response.headers["Content-Disposition"]
    assert disposition == 'attachment; filename="aktiviteter-handlingsplan-vast-2025-2030.xlsx"'

    workbook = load_workbook(io.BytesIO(response.data))  # formulas would show as "=…" with 'f'
    sheet = workbook.active
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:P3"
    assert sheet.column_dimensions["D"].width >= 30
    first, second = list(sheet.iter_rows(min_row=2))
    # G1 comes before F2 in the plan's order.
    assert first[0].value == plain.id and first[1].value.startswith("G1 ")
    assert second[0].value == hostile.id
    title = second[3]
    assert title.value == "=cmd|' /C calc'!A0" and title.data_type == "s"
    assert second[4].data_type == "s" and second[5].value == "@Anna"
    assert second[2].value == "Färre fall"
    assert second[8].value == "Akutkliniken; Region Väst"
    assert second[10].value.date() == days(60) and second[10].number_format == "yyyy-mm-dd"
    assert second[9].value.date() == days(-30)
    assert second[12].value == "Pågår"
    assert second[13].value == 45 and second[13].data_type == "n"
    assert second[14].value == "Första kommentaren"  # the latest comment that says something
    # No formula anywhere in the sheet's XML.
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml


def test_csv_is_utf8_with_bom_semicolons_and_neutralised_cells(client):
    plan, hostile, _plain = _plan_with_activities()
    response = client.get(f"/planer/{plan.id}/aktiviteter.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    assert response.data.startswith(b"\xef\xbb\xbf")
    text = response.data.decode("utf-8-sig")
    assert text.splitlines()[0] == ";".join(HEADERS)
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 3
    row = rows[2]
    assert row[0] == str(hostile.id)
    assert row[3] == "'=cmd|' /C calc'!A0"
    assert row[4] == "'+SUM(A1)\n-rad två"
    assert row[5] == "'@Anna"
    assert row[10] == days(60).isoformat()
    assert row[13] == "45"
    for cell in (c for r in rows for c in r):
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_neutralise_covers_every_formula_start():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert neutralise(start + "1+1") == "'" + start + "1+1"
    assert neutralise("Vanlig text") == "Vanlig text"
    assert neutralise(None) == ""
    assert neutralise(42) == "42"


def test_safe_filename_is_ascii():
    assert safe_filename("Årshjul Region Örebro län 2026", ".xlsx") == (
        "arshjul-region-orebro-lan-2026.xlsx"
    )
    assert safe_filename('"; rm -rf /', ".csv") == "rm-rf.csv"
    assert safe_filename("ÅÄÖ", ".csv") == "aao.csv"
    assert safe_filename("日本", ".csv") == "export.csv"


def test_english_interface_still_exports_swedish_labels(client):
    plan, hostile, _plain = _plan_with_activities()
    client.post("/sprak", data={"lang": "en", "next": "/"})
    response = client.get(f"/planer/{plan.id}/aktiviteter.csv")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[2][12] == "Pågår"


def test_wheel_exports_events_and_the_year(client):
    from planner.wheel import services as wheel

    region = make_org("Region Norr")
    wheel.create_event(
        region,
        wheel.EventData("=Temadag", "temadag", days(5), description="-minus", span_days=3),
    )
    commit()
    year = days(5).year
    response = client.get(f"/organisationer/{region.id}/arshjul.xlsx?ar={year}")
    assert response.status_code == 200
    assert f'filename="arshjul-region-norr-{year}.xlsx"' in response.headers["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.data))
    events = workbook["Händelser"]
    assert events["B1"].value == "Händelse"
    assert events["B2"].value == "=Temadag" and events["B2"].data_type == "s"
    assert events["C2"].value == "Temadag"
    assert events["E2"].value.date() == days(5)
    assert events["H2"].value == "En gång"
    assert (events["K1"].value, events["K2"].value) == ("Antal dagar", 3)
    occurrences = workbook[f"År {year}"]
    assert occurrences["A2"].value.date() == days(5)
    assert occurrences["C2"].value == "=Temadag"
    assert occurrences["F2"].value.date() == days(7)  # the period's last day
    assert occurrences.freeze_panes == "A2"


def test_export_links_on_plan_and_wheel_pages(client):
    plan, _hostile, _plain = _plan_with_activities()
    from tests.html import page

    for url in (f"/planer/{plan.id}", f"/planer/{plan.id}/aktiviteter"):
        links = {a["href"] for a in page(client.get(url)).find_all("a")}
        assert f"/planer/{plan.id}/aktiviteter.xlsx" in links
        assert f"/planer/{plan.id}/aktiviteter.csv" in links
        assert f"/planer/{plan.id}/importera" in links
    wheel_page = page(client.get(f"/organisationer/{plan.organisation_id}/arshjul"))
    assert any("arshjul.xlsx" in a["href"] for a in wheel_page.find_all("a"))
