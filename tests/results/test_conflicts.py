"""Two people entering the same period never overwrite each other silently; a correction keeps
the old value visible in the history."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from planner.extensions import db
from planner.results.models import MeasureValue
from tests.factories import commit, make_measure, make_org, make_plan, make_user
from tests.html import page, text
from tests.plans.test_conflicts import form_data


def setup(app):
    region = make_org("Region Konflikt")
    unit = make_org("Avd 3", "enhet", region)
    other = make_org("Avd 4", "enhet", region)
    measure = make_measure(make_plan(region), name="BHK")
    make_user("karin@test.se", "redaktor", region, name="Karin")
    make_user("olle@test.se", "redaktor", region, name="Olle")
    commit()
    karin, olle = app.test_client(), app.test_client()
    karin.login("karin@test.se")
    olle.login("olle@test.se")
    return measure, unit, other, karin, olle


def _stored(measure) -> dict:
    db.session.expire_all()
    rows = db.session.scalars(select(MeasureValue).where(MeasureValue.measure_id == measure.id))
    return {(v.organisation_id, v.period): (v.value, v.recorded_by) for v in rows}


def test_two_people_entering_the_same_value_get_the_conflict_page(app):
    measure, unit, _other, karin, olle = setup(app)
    url = f"/matt/{measure.id}/varde?enhet={unit.id}&period=2026-Q1"
    karins, olles = form_data(karin.get(url)), form_data(olle.get(url))
    karins["value"], olles["value"] = "85", "70"
    assert karin.post(url, data=karins).status_code == 302
    response = olle.post(url, data=olles)
    assert response.status_code == 409
    assert "Någon annan har ändrat detta" in text(response)
    summary = page(response).find(id="felsammanfattning").get_text(" ")
    assert "Karin" in summary and "85" in summary  # who entered what
    again = form_data(response)
    assert again["value"] == "70"  # Olle's input kept
    assert _stored(measure) == {(unit.id, "2026-Q1"): (Decimal(85), "Karin")}
    # Having seen Karin's value, Olle saves again on purpose: a correction, in the history.
    assert olle.post(url, data=again).status_code == 302
    assert _stored(measure) == {(unit.id, "2026-Q1"): (Decimal(70), "Olle")}
    history = text(olle.get(f"/planer/{measure.plan_id}/historik?galler=MeasureValue"))
    assert "ändrade mätvärdet BHK, 2026-Q1, Avd 3" in history
    assert "Värde: 85 → 70" in history  # the old value stays visible next to the new


def test_the_value_page_shows_the_values_history(app):
    measure, unit, _other, karin, olle = setup(app)
    url = f"/matt/{measure.id}/varde?enhet={unit.id}&period=2026-Q1"
    first = form_data(karin.get(url))
    first["value"] = "85,5"
    karin.post(url, data=first)
    second = form_data(olle.get(url))
    assert second["value"] == "85,5"  # the form opens on the value to correct
    second["value"] = "88"
    assert olle.post(url, data=second).status_code == 302
    shown = text(olle.get(url))
    assert "Rätta värde" in shown and "Värde: 85,5 → 88" in shown


def test_choosing_another_unit_on_a_correction_form_starts_a_new_value(app):
    measure, unit, other, karin, _olle = setup(app)
    url = f"/matt/{measure.id}/varde?enhet={unit.id}&period=2026-Q1"
    data = form_data(karin.get(url))
    data["value"] = "80"
    karin.post(url, data=data)
    data = form_data(karin.get(url))  # now a correction of version 1
    data["organisation_id"], data["value"] = str(other.id), "75"
    assert karin.post(url, data=data).status_code == 302
    assert len(_stored(measure)) == 2


def test_the_period_form_refuses_everything_when_someone_else_entered_a_row(app):
    measure, unit, other, karin, olle = setup(app)
    url = f"/matt/{measure.id}/period?period=2026-Q1"
    karins, olles = form_data(karin.get(url)), form_data(olle.get(url))
    rows = {v: k.split("-")[1] for k, v in karins.items() if k.endswith("organisation_id")}
    unit_row, other_row = rows[str(unit.id)], rows[str(other.id)]
    karins[f"rows-{unit_row}-value"] = "90"
    assert karin.post(url, data=karins).status_code == 302
    olles[f"rows-{unit_row}-value"] = "60"
    olles[f"rows-{other_row}-numerator"] = "9"
    olles[f"rows-{other_row}-denominator"] = "10"
    response = olle.post(url, data=olles)
    assert response.status_code == 409
    error = page(response).find(id=f"rows-{unit_row}-value-error").get_text(" ")
    assert "Någon annan registrerade 90 % (Karin)" in error
    assert "Inget sparades" in text(response)
    assert _stored(measure) == {(unit.id, "2026-Q1"): (Decimal(90), "Karin")}  # all or nothing
    again = form_data(response)
    assert again[f"rows-{unit_row}-value"] == "60"
    assert olle.post(url, data=again).status_code == 302
    assert _stored(measure) == {
        (unit.id, "2026-Q1"): (Decimal(60), "Olle"),
        (other.id, "2026-Q1"): (Decimal(90), "Olle"),
    }


def test_a_bad_row_on_the_period_form_saves_nothing_and_says_why(app):
    measure, unit, other, karin, _olle = setup(app)
    url = f"/matt/{measure.id}/period?period=2026-Q2"
    data = form_data(karin.get(url))
    rows = {v: k.split("-")[1] for k, v in data.items() if k.endswith("organisation_id")}
    data[f"rows-{rows[str(unit.id)]}-value"] = "88"
    data[f"rows-{rows[str(other.id)]}-numerator"] = "3"
    data[f"rows-{rows[str(other.id)]}-denominator"] = "0"
    response = karin.post(url, data=data)
    error = page(response).find(id=f"rows-{rows[str(other.id)]}-denominator-error")
    assert "Nämnaren kan inte vara 0." in error.get_text()
    assert _stored(measure) == {}


def test_the_period_form_refuses_a_period_the_rhythm_has_not(app):
    measure, _unit, _other, karin, _olle = setup(app)
    response = karin.get(f"/matt/{measure.id}/period?period=2026-03")
    assert (
        "Perioden passar inte måttets mätintervall"
        in page(response).find(id="period-fel").get_text()
    )


def test_saving_the_period_form_leaves_untouched_rows_as_they_were(app):
    measure, unit, other, karin, olle = setup(app)
    url = f"/matt/{measure.id}/period?period=2026-Q3"
    data = form_data(karin.get(url))
    rows = {v: k.split("-")[1] for k, v in data.items() if k.endswith("organisation_id")}
    data[f"rows-{rows[str(unit.id)]}-numerator"] = "18"
    data[f"rows-{rows[str(unit.id)]}-denominator"] = "20"
    assert karin.post(url, data=data).status_code == 302
    # Olle opens the same period: Karin's row shows its fraction (the value is computed from
    # it); he enters another unit and corrects Karin's numerator.
    data = form_data(olle.get(url))
    assert data[f"rows-{rows[str(unit.id)]}-value"] == ""
    assert data[f"rows-{rows[str(unit.id)]}-numerator"] == "18"
    data[f"rows-{rows[str(other.id)]}-value"] = "70"
    assert olle.post(url, data=data).status_code == 302
    assert _stored(measure) == {
        (unit.id, "2026-Q3"): (Decimal(90), "Karin"),  # untouched: still Karin's
        (other.id, "2026-Q3"): (Decimal(70), "Olle"),
    }
    data = form_data(olle.get(url))
    data[f"rows-{rows[str(unit.id)]}-numerator"] = "19"
    assert olle.post(url, data=data).status_code == 302
    assert _stored(measure)[(unit.id, "2026-Q3")] == (Decimal(95), "Olle")
