"""Measure values in bulk: export to xlsx and CSV, import through the preview (all or
nothing, each row's problem in Swedish), and the round trip export → import → unchanged."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from planner.audit.models import AuditEvent
from planner.extensions import db
from planner.results.models import MeasureValue
from tests.factories import commit, make_measure, make_org, make_plan, record
from tests.html import field_error, page, text
from tests.transfer import helpers
from tests.transfer.helpers import csv_bytes, form_values, review, rows, xlsx_bytes

HEADER = ["Mått", "Organisation", "Period", "Värde", "Täljare", "Nämnare", "Kommentar"]


@pytest.fixture
def plan(app):
    region = make_org("Region Mätning")
    for name in ("Avdelning 1", "Avdelning 2", "Avdelning 3"):
        make_org(name, "enhet", region)
    plan = make_plan(region)
    make_measure(plan, name="Följsamhet till BHK", target=Decimal(90), warning=Decimal(80))
    make_measure(
        plan,
        name="Fall",
        unit="count",
        direction="lower",
        rhythm="monthly",
        area_code="F2",
        target=None,
        warning=None,
    )
    make_measure(plan, name="HSE", unit="index", rhythm="biennial_even", area_code="G1")
    commit()
    return plan


def values() -> dict[tuple[str, str, str], MeasureValue]:
    found = db.session.scalars(select(MeasureValue)).all()
    return {(v.measure.name, v.organisation.name, v.period): v for v in found}


VALUES = "matvarden/importera"


def upload(client, plan_id: int, data: bytes, name: str = "varden.xlsx"):
    return helpers.upload(client, plan_id, data, name, VALUES)


def confirm(client, plan_id: int, preview):
    return helpers.confirm(client, plan_id, preview, VALUES)


def results(response) -> list[str]:
    return [row[1] for row in rows(response)]


def test_a_quarter_for_three_units_is_imported_with_computed_values(client, plan):
    data = xlsx_bytes(
        [
            HEADER,
            ["Följsamhet till BHK", "Avdelning 1", "2026-Q1", 85.5, None, None, "Ny rutin"],
            ["följsamhet till bhk", "Avdelning 2", "2026-q1", None, 46, 50, ""],
            ["Följsamhet till BHK", "Avdelning 3", "2026-Q1", "72,5 %", None, None, None],
            ["Fall", "Region Mätning", "2026-03", 4, None, None, None],
            ["HSE", "Avdelning 1", 2026, 71, None, None, None],
        ]
    )
    preview = upload(client, plan.id, data)
    assert preview.status_code == 200
    assert results(preview) == ["Nytt värde"] * 5
    shown = rows(preview)
    assert shown[1][4:6] == ["kvartal 1 2026", "92"]  # 46 of 50
    assert shown[3][4] == "mars 2026"
    assert values() == {}  # nothing before the confirmation

    response = confirm(client, plan.id, preview)
    assert response.status_code == 302
    saved = values()
    assert saved["Följsamhet till BHK", "Avdelning 1", "2026-Q1"].value == Decimal("85.5")
    assert saved["Följsamhet till BHK", "Avdelning 1", "2026-Q1"].comment == "Ny rutin"
    computed = saved["Följsamhet till BHK", "Avdelning 2", "2026-Q1"]
    assert (computed.value, computed.numerator, computed.denominator) == (92, 46, 50)
    assert saved["Följsamhet till BHK", "Avdelning 3", "2026-Q1"].value == Decimal("72.5")
    assert saved["Fall", "Region Mätning", "2026-03"].period_end.isoformat() == "2026-03-31"
    assert saved["HSE", "Avdelning 1", "2026"].recorded_by == "Systemadmin"
    follow = client.get(response.headers["Location"], follow_redirects=True)
    assert "Importen är klar: 5 nya och 0 rättade värden." in text(follow)


def test_every_hostile_row_is_named_in_swedish_and_nothing_is_saved(client, plan):
    record(plan_measure(plan, "Följsamhet till BHK"), org("Avdelning 1"), "2025-Q4", "80")
    commit()
    data = xlsx_bytes(
        [
            [*HEADER, "Enhet"],
            ["Följsamhet till BHK", "Avdelning 1", "2026-03", 80, None, None, None, None],
            ["Följsamhet till BHK", "Avdelning 1", "2026-Q1", 120, None, None, None, None],
            ["Följsamhet till BHK", "Avdelning 2", "2026-Q1", None, 5, 0, None, None],
            ["Följsamhet till BHK", "Avdelning 3", "2026-Q1", 80, None, None, None, "furlongs"],
            ["Följsamhet till BHK", "Avdelning 3", "2026-Q2", 80, None, None, None, "Antal"],
            ["Fall", "Avdelning 1", "2026-03", -1, None, None, None, None],
            ["Fall", "Avdelning 1", "2026-04", 2.5, None, None, None, None],
            ["HSE", "Avdelning 1", "2025", 60, None, None, None, None],
            ["Trycksår", "Avdelning 1", "2026-Q1", 3, None, None, None, None],
            ["Följsamhet till BHK", "Grannregionen", "2026-Q1", 90, None, None, None, None],
            ["Följsamhet till BHK", "Avdelning 2", "2026-Q2", "=1+1", None, None, None, None],
            ["Följsamhet till BHK", "Avdelning 2", "2026-Q3", "åttio", None, None, None, None],
            ["Följsamhet till BHK", "Avdelning 1", "2025-Q4", 81, None, None, None, None],
            ["Följsamhet till BHK", "Avdelning 1", "2025-Q4", 82, None, None, None, None],
        ]
    )
    preview = upload(client, plan.id, data)
    page_text = text(preview)
    assert results(preview) == ["Fel"] * 12 + ["Rättas", "Fel"]
    for message in (
        "Rad 2: perioden '2026-03' passar inte Följsamhet till BHK: Perioden passar inte "
        "måttets mätintervall (varje kvartal). Skriv till exempel 2026-Q1.",
        "Rad 3: En procentsats ligger mellan 0 och 100. (Värde)",
        "Rad 4: Nämnaren kan inte vara 0. (Nämnare)",
        "Rad 5: okänd enhet 'furlongs'",
        "Rad 6: enheten 'Antal' stämmer inte med måttets enhet (Procent)",
        "Rad 7: Ett antal är ett heltal, 0 eller större. (Värde)",
        "Rad 8: Ett antal är ett heltal, 0 eller större.",
        "Rad 9: perioden '2025' passar inte HSE: Måttet mäts jämna år.",
        "Rad 10: okänt mått 'Trycksår'",
        "Rad 11: okänd organisation 'Grannregionen'",
        "Rad 12: formel i Värde tas inte emot",
        "Rad 13: ogiltigt tal 'åttio' i Värde",
        "Rad 15: samma mått, organisation och period som rad 14",
    ):
        assert message in page_text, message
    assert not [b for b in page(preview).find_all("button") if b.text.startswith("Importera")]
    # A forged save is refused too: the preview still has rows with problems.
    response = confirm(client, plan.id, preview)
    assert response.status_code == 400
    assert len(values()) == 1 and values()[
        "Följsamhet till BHK", "Avdelning 1", "2025-Q4"
    ].value == Decimal("80")


def plan_measure(plan, name):
    return next(m for m in plan_measures(plan) if m.name == name)


def plan_measures(plan):
    from planner.results.models import Measure

    return db.session.scalars(select(Measure).where(Measure.plan_id == plan.id)).all()


def org(name):
    from planner.orgs.models import Organisation

    return db.session.scalars(select(Organisation).where(Organisation.name == name)).one()


def filled(plan) -> None:
    bhk = plan_measure(plan, "Följsamhet till BHK")
    falls = plan_measure(plan, "Fall")
    record(bhk, org("Avdelning 1"), "2026-Q1", "85.5", comment='=HYPERLINK("http://x")')
    record(bhk, org("Avdelning 2"), "2026-Q1", "92", numerator=Decimal(46), denominator=Decimal(50))
    record(bhk, org("Avdelning 1"), "2025-Q4", "78.25")
    record(falls, org("Region Mätning"), "2026-01", "3")
    commit()


def test_the_xlsx_export_has_values_then_measures_and_imports_back_unchanged(client, plan):
    filled(plan)
    response = client.get(f"/planer/{plan.id}/matt.xlsx")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    workbook = load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == ["Värden", "Mått"]
    sheet = [list(r) for r in workbook["Värden"].iter_rows(values_only=True)]
    header = sheet[0]
    assert header[:7] == [
        "Mått-ID",
        "Mått",
        "Område",
        "Organisation",
        "Period",
        "Periodens namn",
        "Värde",
    ]
    by_period = {(r[3], r[4]): dict(zip(header, r, strict=True)) for r in sheet[1:]}
    first = by_period["Avdelning 1", "2026-Q1"]
    assert first["Värde"] == 85.5 and first["Periodens namn"] == "kvartal 1 2026"
    assert first["Kommentar"] == '=HYPERLINK("http://x")'  # text, never a formula
    assert first["Läge"] == "Nära målet" and first["Målvärde"] == 90
    assert by_period["Avdelning 2", "2026-Q1"]["Läge"] == "Målet nått"
    assert by_period["Avdelning 1", "2025-Q4"]["Läge"] == "Målet ej nått"
    assert [r[4] for r in sheet[1:]] == ["2026-01", "2025-Q4", "2026-Q1", "2026-Q1"]
    measures = [list(r) for r in workbook["Mått"].iter_rows(values_only=True)]
    assert [r[1] for r in measures[1:]] == ["HSE", "Fall", "Följsamhet till BHK"]

    preview = upload(client, plan.id, response.data, "matt.xlsx")
    assert results(preview) == ["Oförändrat"] * 4
    assert "Alla värden i filen finns redan i planen" in text(preview)

    # Change one value in the exported file: exactly that row is a correction.
    workbook["Värden"].cell(row=3, column=7).value = 80
    out = io.BytesIO()
    workbook.save(out)
    preview = upload(client, plan.id, out.getvalue(), "matt.xlsx")
    assert results(preview) == ["Oförändrat", "Rättas", "Oförändrat", "Oförändrat"]
    assert "Värde 78,25 → 80" in text(preview)
    assert confirm(client, plan.id, preview).status_code == 302
    corrected = values()["Följsamhet till BHK", "Avdelning 1", "2025-Q4"]
    assert corrected.value == 80 and corrected.version == 2
    history = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.entity_type == "MeasureValue", AuditEvent.entity_id == corrected.id)
        .order_by(AuditEvent.id)
    ).all()
    assert history[-1].changes["value"] == ["78.25", "80"]  # the old value stays visible


def test_the_csv_export_uses_decimal_commas_and_imports_back_unchanged(client, plan):
    filled(plan)
    response = client.get(f"/planer/{plan.id}/matvarden.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    body = response.data.decode("utf-8-sig")
    assert ";85,5;" in body and ";78,25;" in body
    assert "'=HYPERLINK" in body  # neutralised for spreadsheet programs
    preview = upload(client, plan.id, response.data, "matvarden.csv")
    assert results(preview) == ["Oförändrat"] * 4
    measures = client.get(f"/planer/{plan.id}/matt.csv").data.decode("utf-8-sig").splitlines()
    assert measures[0].startswith("ID;Mått;Område;Mål;Definition")
    bhk = next(line for line in measures if ";Följsamhet till BHK;" in line).split(";")
    assert bhk[7:10] == ["Procent", "Högre är bättre", "90"] and bhk[-1] == "Nej"


def test_an_export_older_than_a_correction_cannot_undo_it(client, plan):
    filled(plan)
    exported = client.get(f"/planer/{plan.id}/matt.xlsx").data
    value = values()["Följsamhet till BHK", "Avdelning 1", "2025-Q4"]
    value.value = Decimal("79")  # someone corrects it after the export
    commit()
    workbook = load_workbook(io.BytesIO(exported))
    workbook["Värden"].cell(row=3, column=7).value = 77
    out = io.BytesIO()
    workbook.save(out)
    preview = upload(client, plan.id, out.getvalue())
    assert "Fel" in results(preview)
    assert "värdet har ändrats i planner sedan filen exporterades" in text(preview)


def test_rows_without_a_value_are_skipped_so_a_file_can_list_periods_to_fill(client, plan):
    data = csv_bytes(
        [
            ["Mått", "Organisation", "Period", "Värde"],
            ["Följsamhet till BHK", "Avdelning 1", "2026-Q2", ""],
            ["Följsamhet till BHK", "Avdelning 2", "2026-Q2", "88"],
        ]
    )
    preview = upload(client, plan.id, data, "mall.csv")
    assert results(preview) == ["Inget värde", "Nytt värde"]
    assert confirm(client, plan.id, preview).status_code == 302
    assert list(values()) == [("Följsamhet till BHK", "Avdelning 2", "2026-Q2")]


def test_a_file_without_the_needed_columns_says_which(client, plan):
    data = csv_bytes([["Mått", "Siffra"], ["Följsamhet till BHK", "3"]])
    preview = upload(client, plan.id, data, "x.csv")
    page_text = text(preview)
    assert "Ingen kolumn är kopplad till Organisation" in page_text
    assert "Ingen kolumn är kopplad till Period" in page_text
    assert "Koppla en kolumn till Värde, eller kolumner till täljare och nämnare." in page_text


def test_hostile_files_get_the_import_limits(client, plan):
    lines = ["Mått;Organisation;Period;Värde"] + [
        f"Fall;Avdelning 1;2026-01;{n}" for n in range(6000)
    ]
    response = upload(client, plan.id, "\r\n".join(lines).encode(), "stor.csv")
    assert "Filen har fler än 5 000 rader" in field_error(response, "file")
    workbook = Workbook()
    workbook.active.append(["Mått", "Organisation", "Period", "Värde"])
    workbook.active.append(["Fall", "Avdelning 1", "2026-01", "=SUM(A1:A9)"])
    out = io.BytesIO()
    workbook.save(out)
    preview = upload(client, plan.id, out.getvalue())
    assert "Rad 2: formel i Värde tas inte emot (=SUM(A1:A9))" in text(preview)
    assert db.session.scalar(select(func.count()).select_from(MeasureValue)) == 0


def test_the_table_signed_for_activities_is_not_accepted_for_values(client, plan):
    data = csv_bytes(
        [["Mått", "Organisation", "Period", "Värde"], ["Fall", "Avdelning 1", "2026-01", "1"]]
    )
    preview = upload(client, plan.id, data, "v.csv")
    forged = form_values(preview)
    response = client.post(
        f"/planer/{plan.id}/importera/granska", data={**forged, "atgard": "spara"}
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/importera")
    response = review(client, plan.id, forged)
    assert response.status_code == 302
    assert values() == {}


def test_a_reader_may_export_but_not_import(anonymous, plan):
    from tests.factories import make_user

    make_user("lasare@matning.se", "lasare", plan.organisation)
    commit()
    anonymous.login("lasare@matning.se")
    assert anonymous.get(f"/planer/{plan.id}/matt.xlsx").status_code == 200
    assert anonymous.get(f"/planer/{plan.id}/matvarden.csv").status_code == 200
    assert anonymous.get(f"/planer/{plan.id}/matvarden/importera").status_code == 403


def test_the_values_waiting_come_as_a_file_to_fill_in_and_import(client, plan):
    from planner.clock import local_today
    from planner.results.periods import latest_ended

    filled(plan)
    response = client.get(f"/planer/{plan.id}/matvarden-att-fylla-i.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.data))
    sheet = workbook["Att fylla i"]
    found = [(r[1], r[3], r[4]) for r in sheet.iter_rows(min_row=2, values_only=True)]
    today = local_today()
    quarter = latest_ended("quarterly", today).key
    month = latest_ended("monthly", today).key
    even_year = latest_ended("biennial_even", today).key
    assert found == [
        ("HSE", "Region Mätning", even_year),  # nobody has reported it: the plan's own
        ("Fall", "Region Mätning", month),
        ("Följsamhet till BHK", "Avdelning 1", quarter),  # the units that report BHK
        ("Följsamhet till BHK", "Avdelning 2", quarter),
    ]
    sheet.cell(row=4, column=7).value = 88  # Avdelning 1's BHK
    out = io.BytesIO()
    workbook.save(out)
    preview = upload(client, plan.id, out.getvalue(), "att-fylla-i.xlsx")
    assert results(preview) == ["Inget värde", "Inget värde", "Nytt värde", "Inget värde"]
    assert confirm(client, plan.id, preview).status_code == 302
    assert values()["Följsamhet till BHK", "Avdelning 1", quarter].value == 88
