"""A measure's responsible person: picked on the measure form from the people who can see the
plan (the activity form's picker), shown on the measure page, named in the history; an account
deleted leaves the measure without one."""

from __future__ import annotations

from planner.extensions import db
from tests.factories import commit, make_measure, make_org, make_plan, make_user
from tests.html import page, text


def _data(measure, **changes) -> dict:
    data = {
        "name": measure.name,
        "area_code": measure.area_code,
        "goal_id": "",
        "unit": measure.unit,
        "direction": measure.direction,
        "rhythm": measure.rhythm,
        "target": "90",
        "warning": "80",
        "responsible_user_id": "",
        "version": str(measure.version),
    }
    return data | changes


def test_picked_from_the_people_who_can_see_the_plan(client):
    region = make_org("Region Ansvar")
    unit = make_org("Avdelning 7", "enhet", region)
    outside = make_org("Annan region")
    plan = make_plan(region)
    anna = make_user("anna@test.se", "lasare", region, name="Anna <Ansvarig>")
    unit_person = make_user("ulla@test.se", "redaktor", unit, name="Ulla Enhet")
    stranger = make_user("sten@test.se", "redaktor", outside, name="Sten Utanför")
    measure = make_measure(plan, name="BHK")
    commit()
    form = page(client.get(f"/matt/{measure.id}/redigera"))
    offered = [o.get_text() for o in form.select("select#responsible_user_id option")]
    assert offered == ["– Ingen vald –", "Anna <Ansvarig> (anna@test.se)"]
    # someone who cannot see the plan is refused next to the field, nothing saved
    refused = client.post(
        f"/matt/{measure.id}/redigera", data=_data(measure, responsible_user_id=stranger.id)
    )
    assert refused.status_code == 200
    assert page(refused).find(id="responsible_user_id-error") is not None
    assert unit_person.id and measure.responsible_user_id is None
    saved = client.post(
        f"/matt/{measure.id}/redigera", data=_data(measure, responsible_user_id=anna.id)
    )
    assert saved.status_code == 302
    db.session.expire_all()
    assert measure.responsible_user_id == anna.id
    shown = page(client.get(f"/matt/{measure.id}"))
    facts = {
        dt.get_text(strip=True): dd.get_text(strip=True)
        for dt, dd in zip(shown.select("dl.facts dt"), shown.select("dl.facts dd"), strict=True)
    }
    assert facts["Ansvarig för värdena"] == "Anna <Ansvarig>"
    anna.name = "Anna Nyttnamn"  # the measure page's content is kept: a new name shows anew
    commit()
    assert "Anna Nyttnamn" in text(client.get(f"/matt/{measure.id}"))
    history = text(client.get(f"/planer/{plan.id}/historik"))
    assert "Ansvarig" in history and "Anna <Ansvarig>" in history  # as it was then
    # taken off again: the history names who it was
    client.post(f"/matt/{measure.id}/redigera", data=_data(measure))
    db.session.expire_all()
    assert measure.responsible_user_id is None


def test_a_new_measure_gets_its_responsible_person_on_creation(client):
    region = make_org("Region Ny")
    plan = make_plan(region)
    anna = make_user("anna@test.se", "redaktor", region, name="Anna Ansvarig")
    commit()
    data = {
        "name": "Trycksår",
        "area_code": "F3",
        "goal_id": "",
        "unit": "percent",
        "direction": "lower",
        "rhythm": "half_yearly",
        "responsible_user_id": str(anna.id),
        "version": "",
    }
    assert client.post(f"/planer/{plan.id}/matt/nytt", data=data).status_code == 302
    from planner.results.models import Measure

    measure = db.session.scalars(db.select(Measure)).one()
    assert measure.responsible.email == "anna@test.se"


def test_deleting_the_account_leaves_the_measure_without_one(app):
    region = make_org("Region Borta")
    plan = make_plan(region)
    anna = make_user("anna@test.se", "redaktor", region)
    measure = make_measure(plan)
    measure.responsible_user_id = anna.id
    commit()
    db.session.execute(db.delete(type(anna)).where(type(anna).id == anna.id))
    commit()
    db.session.expire_all()
    assert measure.responsible_user_id is None
