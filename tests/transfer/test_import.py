"""Import through the pages: upload, preview with its mapping, confirm; all or nothing."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from planner.audit.models import AuditEvent
from planner.extensions import db
from planner.plans import services
from planner.plans.models import Activity, Plan, ProgressUpdate
from tests.factories import area_id, commit, days, make_activity, make_org, make_plan
from tests.html import page, text
from tests.transfer.helpers import (
    confirm,
    csv_bytes,
    form_values,
    results,
    review,
    rows,
    upload,
    xlsx_bytes,
)


@pytest.fixture
def plan_ids():
    region = make_org("Region Syd")
    make_org("Ortopedkliniken", "enhet", region)
    plan = make_plan(region)
    goal = services.create_goal(plan, area_id(plan, "F2"), "Färre fallskador")
    first = make_activity(plan, "G1", title="Utbilda chefer", due_date=days(30))
    second = make_activity(
        plan, "F2", title="Fallprevention", goal_id=goal.id, status="pagar", percent=20
    )
    services.record_progress(second, days(-1), "pagar", 30, "Går enligt plan", "Test")
    commit()
    return {"plan": plan.id, "first": first.id, "second": second.id, "region": region.id}


def activity_count(plan_id: int) -> int:
    return db.session.scalar(select(func.count()).where(Activity.plan_id == plan_id))


def snapshot(plan_id: int) -> list[tuple]:
    db.session.expire_all()
    return [
        (a.id, a.title, a.area_id, a.goal_id, a.due_date, a.status, a.percent, a.version)
        for a in db.session.scalars(
            select(Activity).where(Activity.plan_id == plan_id).order_by(Activity.id)
        )
    ]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_round_trip_changes_nothing(client, plan_ids, kind):
    plan_id = plan_ids["plan"]
    before = snapshot(plan_id)
    exported = client.get(f"/planer/{plan_id}/aktiviteter.{kind}").data
    preview = upload(client, plan_id, exported, f"export.{kind}")
    assert preview.status_code == 200
    assert results(preview) == ["Oförändrad", "Oförändrad"]
    assert "Allt i filen finns redan i planen" in text(preview)
    assert page(preview).find("button", value="spara") is None
    # Every exported header was recognised: no column is left unmapped.
    assert all(v for k, v in form_values(preview).items() if k.startswith("kolumn_"))
    response = confirm(client, plan_id, preview)
    assert response.status_code == 400  # nothing to save
    assert snapshot(plan_id) == before


def test_edited_export_updates_and_adds_then_a_second_import_changes_nothing(client, plan_ids):
    plan_id = plan_ids["plan"]
    workbook = load_workbook(io.BytesIO(client.get(f"/planer/{plan_id}/aktiviteter.xlsx").data))
    sheet = workbook.active
    sheet["M2"] = "Klar"  # Utbilda chefer is done
    sheet["O2"] = "Alla chefer utbildade"
    sheet.append([None, "Fokusområde 2", "Färre fallskador", "Ny rutin för fallrisk", None])
    sheet["K4"] = days(90)
    sheet["I4"] = "Ortopedkliniken"
    out = io.BytesIO()
    workbook.save(out)
    data = out.getvalue()

    preview = upload(client, plan_id, data)
    assert results(preview) == ["Uppdateras", "Oförändrad", "Ny"]
    assert "Status" in rows(preview)[0][5] and "Kommentar" in rows(preview)[0][5]
    assert "1 nya, 1 uppdateras, 1 oförändrade och 0 med fel" in text(preview)
    response = confirm(client, plan_id, preview)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/planer/{plan_id}/aktiviteter")
    follow = client.get(response.headers["Location"])
    assert "Importen är klar: 1 nya och 1 uppdaterade aktiviteter." in text(follow)

    done = db.session.get(Activity, plan_ids["first"])
    db.session.refresh(done)
    assert (done.status, done.percent) == ("klar", 100)
    entry = done.updates[0]
    assert entry.comment == "Alla chefer utbildade" and entry.author_name
    new = db.session.scalars(
        select(Activity).where(Activity.title == "Ny rutin för fallrisk")
    ).one()
    assert new.area.code == "F2" and new.goal.title == "Färre fallskador"
    assert [o.name for o in new.organisations] == ["Ortopedkliniken"]
    assert new.due_date == days(90)
    # The history records the import like any edit.
    assert db.session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.activity_id == new.id)
    )

    before = snapshot(plan_id)
    again = upload(client, plan_id, data)
    assert results(again) == ["Oförändrad", "Oförändrad", "Oförändrad"]
    assert snapshot(plan_id) == before


def test_common_swedish_headings_in_a_windows_csv(client, plan_ids):
    plan_id = plan_ids["plan"]
    data = csv_bytes(
        [
            ["Fokusområde", "Åtgärd", "Ansvarig", "Klart senast", "Status", "Procent", "Kommentar"],
            ["G3", "Träning i ISBAR", "Åsa Öberg", "2027-01-31", "Pågår", "25 %", "Startat"],
            ["Grundläggande förutsättning 2", "Öppen rapportering", "", "31.12.2026", "", "", ""],
        ],
        delimiter=",",
        encoding="cp1252",
    )
    preview = upload(client, plan_id, data, "fran-excel.csv")
    assert results(preview) == ["Ny", "Ny"], text(preview)
    assert confirm(client, plan_id, preview).status_code == 302
    isbar = db.session.scalars(select(Activity).where(Activity.title == "Träning i ISBAR")).one()
    assert isbar.responsible_name == "Åsa Öberg"
    assert (isbar.area.code, isbar.status, isbar.percent) == ("G3", "pagar", 25)
    assert isbar.updates[0].comment == "Startat"
    assert [o.id for o in isbar.organisations] == [plan_ids["region"]]  # the plan's own
    other = db.session.scalars(select(Activity).where(Activity.title == "Öppen rapportering"))
    assert other.one().area.code == "G2"


def test_row_problems_in_swedish_and_nothing_saved(client, plan_ids):
    plan_id = plan_ids["plan"]
    data = xlsx_bytes(
        [
            ["Område", "Aktivitet", "Slutdatum", "Status", "Organisationer", "Mål", "Procent"],
            ["G1", "Bra rad", "2026-05-01", "Pågår", "", "", 10],
            ["X", "Okänt område", "2026-05-01", "", "", "", None],
            [None, None, "2026-05-01", "Klar", None, None, None],
            ["G2", "Fel datum", "31/02/2026", "", "", "", None],
            ["G2", "Fel status", "2026-05-01", "Nästan klar", "", "", None],
            ["G2", "Fel organisation", "2026-05-01", "", "Annan region", "", None],
            ["G2", "Fel mål", "2026-05-01", "", "", "Inget sådant", None],
            ["G2", "Fel procent", "2026-05-01", "", "", "", 150],
            ["G2", "Inget datum", None, "", "", "", None],
        ]
    )
    preview = upload(client, plan_id, data)
    page_text = text(preview)
    assert results(preview) == ["Ny"] + ["Fel"] * 8
    for message in (
        "Rad 3: okänt område 'X'",
        "Rad 4: titel saknas",
        "Rad 4: område saknas",
        "Rad 5: ogiltigt datum '31/02/2026' i Slutdatum",
        "Rad 6: okänd status 'Nästan klar'",
        "Rad 7: okänd organisation 'Annan region'",
        "Rad 8: okänt mål 'Inget sådant' i G2",
        "Rad 9: ogiltig andel klart '150' i Procent",
        "Rad 10: ange slutdatum eller uppföljningsdatum",
    ):
        assert message in page_text
    assert page(preview).find("button", value="spara") is None
    before = activity_count(plan_id)
    # Saving anyway (a forged button) saves nothing.
    response = confirm(client, plan_id, preview)
    assert response.status_code == 400
    assert activity_count(plan_id) == before


def test_a_rule_broken_while_saving_saves_no_row(client, plan_ids, monkeypatch):
    plan_id = plan_ids["plan"]
    data = csv_bytes(
        [["Område", "Aktivitet", "Slutdatum"]]
        + [["G1", f"Aktivitet {n}", "2026-05-01"] for n in range(1, 6)]
    )
    preview = upload(client, plan_id, data, "fem.csv")
    assert results(preview) == ["Ny"] * 5
    real = services.create_activity
    calls = []

    def failing_on_the_fourth(plan, data):
        calls.append(data.title)
        if len(calls) == 4:
            raise services.PlanRuleError("Välj ett område i planen.", "area_id")
        return real(plan, data)

    monkeypatch.setattr(services, "create_activity", failing_on_the_fourth)
    before = activity_count(plan_id)
    response = confirm(client, plan_id, preview)
    assert response.status_code == 409
    assert "Inget sparades. Rad 5: Välj ett område i planen." in text(response)
    assert len(calls) == 4
    assert activity_count(plan_id) == before  # the three created before the failure are gone


def test_mapping_can_be_changed_and_duplicates_are_refused(client, plan_ids):
    plan_id = plan_ids["plan"]
    data = csv_bytes([["Vad", "Var", "När"], ["Hygienronder", "G4", "2026-09-01"]])
    preview = upload(client, plan_id, data, "egen.csv")
    assert "Ingen kolumn är kopplad till Aktivitet" in text(preview)
    assert "Ingen kolumn är kopplad till Område" in text(preview)
    values = form_values(preview)
    values.update(kolumn_0="title", kolumn_1="area", kolumn_2="title")
    twice = review(client, plan_id, values)
    assert twice.status_code == 400
    assert "Kolumnerna Vad och När är båda kopplade till Aktivitet" in text(twice)
    values.update(kolumn_2="due")
    remapped = review(client, plan_id, values)
    assert results(remapped) == ["Ny"]
    saved = confirm(client, plan_id, remapped)
    assert saved.status_code == 302
    activity = db.session.scalars(select(Activity).where(Activity.title == "Hygienronder")).one()
    assert activity.due_date.isoformat() == "2026-09-01"


def test_a_changed_plan_since_the_preview_is_not_saved_blindly(client, plan_ids):
    plan_id = plan_ids["plan"]
    data = csv_bytes([["Område", "Aktivitet", "Slutdatum"], ["G1", "Ny sak", "2030-05-01"]])
    preview = upload(client, plan_id, data, "a.csv")
    make_activity(db.session.get(Plan, plan_id), "G1", title="Ny sak", due_date=date(2030, 5, 1))
    commit()
    response = confirm(client, plan_id, preview)
    assert response.status_code == 409
    assert "stämmer inte längre" in text(response)
    assert results(response) == ["Oförändrad"]


def test_the_signed_table_cannot_be_forged_or_moved(client, plan_ids):
    plan_id = plan_ids["plan"]
    data = csv_bytes([["Område", "Aktivitet", "Slutdatum"], ["G1", "Ny sak", "2026-05-01"]])
    values = form_values(upload(client, plan_id, data, "a.csv"))
    forged = dict(values, table=values["table"][:-3] + "abc")
    response = review(client, plan_id, forged, "spara")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/planer/{plan_id}/importera")
    other = make_plan(db.session.get(Plan, plan_id).organisation)
    commit()
    moved = review(client, other.id, values, "spara")
    assert moved.status_code == 302
    assert db.session.scalar(select(func.count()).where(Activity.title == "Ny sak")) == 0


def test_user_text_is_escaped_on_the_preview(client, plan_ids):
    plan_id = plan_ids["plan"]
    data = csv_bytes(
        [["<script>alert(1)</script>", "Område"], ["<img src=x onerror=alert(1)>", "G1"]]
    )
    preview = upload(client, plan_id, data, "x.csv")
    body = preview.get_data(as_text=True)
    assert "<script>alert(1)" not in body and "<img src=x" not in body
    assert "&lt;script&gt;" in body


def test_progress_is_recorded_once_for_a_status_change(client, plan_ids):
    plan_id = plan_ids["plan"]
    workbook = load_workbook(io.BytesIO(client.get(f"/planer/{plan_id}/aktiviteter.xlsx").data))
    workbook.active["N3"] = 60  # Fallprevention 20 % → 60 %
    out = io.BytesIO()
    workbook.save(out)
    before = db.session.scalar(select(func.count()).select_from(ProgressUpdate))
    preview = upload(client, plan_id, out.getvalue())
    assert results(preview) == ["Oförändrad", "Uppdateras"]
    assert confirm(client, plan_id, preview).status_code == 302
    assert db.session.scalar(select(func.count()).select_from(ProgressUpdate)) == before + 1
    activity = db.session.get(Activity, plan_ids["second"])
    db.session.refresh(activity)
    assert activity.percent == 60 and activity.version == 3  # one state change, no edit


def test_moving_an_activity_to_another_area_keeps_no_goal_of_the_old_one(client, plan_ids):
    plan_id = plan_ids["plan"]
    data = csv_bytes([["ID", "Område", "Aktivitet"], [plan_ids["second"], "G4", "Fallprevention"]])
    preview = upload(client, plan_id, data, "flytta.csv")
    assert results(preview) == ["Fel"]
    assert "Rad 2: målet hör till ett annat område än G4" in text(preview)
    data = csv_bytes(
        [["ID", "Område", "Mål", "Aktivitet"], [plan_ids["second"], "G4", "", "Fallprevention"]]
    )
    preview = upload(client, plan_id, data, "flytta.csv")
    assert results(preview) == ["Uppdateras"]
    assert confirm(client, plan_id, preview).status_code == 302
    moved = db.session.get(Activity, plan_ids["second"])
    db.session.refresh(moved)
    assert (moved.area.code, moved.goal_id, moved.percent) == ("G4", None, 20)


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_round_trip_of_formula_looking_and_multiline_text(client, kind):
    from tests.transfer.test_export import _plan_with_activities

    plan, hostile, _plain = _plan_with_activities()
    before = snapshot(plan.id)
    exported = client.get(f"/planer/{plan.id}/aktiviteter.{kind}").data
    preview = upload(client, plan.id, exported, f"export.{kind}")
    assert results(preview) == ["Oförändrad", "Oförändrad"], text(preview)
    assert snapshot(plan.id) == before
    # Excel on Windows gives line breaks back as CRLF: still the same text.
    if kind == "csv":
        crlf = exported.replace(b"\n-rad", b"\r\n-rad")
        assert results(upload(client, plan.id, crlf, "crlf.csv")) == ["Oförändrad"] * 2
