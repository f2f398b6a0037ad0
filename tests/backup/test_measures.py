"""Backups carry measures, their values (per unit and period) and the goals they show; a
version-2 file (made before measures existed) still restores; a broken measure row is refused
with a Swedish message and nothing written."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from planner.backup.dump import dump, dump_bytes
from planner.backup.format import BackupError, parse, to_bytes
from planner.backup.restore import restore
from planner.extensions import db
from planner.orgs.models import Organisation
from planner.plans import services
from planner.results.models import Measure, MeasureValue
from tests.factories import commit, make_measure, make_org, make_plan, record

AT = datetime(2026, 5, 4, 3, 2, 1, tzinfo=UTC)
VERSION_2 = Path(__file__).parent / "fixtures" / "version-2.json"


@pytest.fixture
def region(app):
    region = make_org("Region Mått")
    north = make_org("Enhet Norr", "enhet", region)
    south = make_org("Enhet Söder", "enhet", region)
    plan = make_plan(region)
    goal = services.create_goal(plan, plan.areas[6].id, "Följsamheten till BHK ökar")
    bhk = make_measure(
        plan, name="Följsamhet till BHK", area_code="F3", goal_id=goal.id, target=Decimal(90)
    )
    ulcers = make_measure(
        plan,
        name="Trycksår",
        unit="percent",
        direction="lower",
        rhythm="half_yearly",
        target=Decimal(5),
        warning=None,
    )
    record(bhk, north, "2026-Q1", "85.5", comment="Ny rutin för handsprit")
    record(bhk, south, "2026-Q1", "92", numerator=Decimal(46), denominator=Decimal(50))
    record(ulcers, region, "2025-H2", "7.25")
    commit()
    return region


def restored_into(document: dict) -> Organisation:
    summary = restore(parse(to_bytes(document)), make_org("Region Ny"))
    commit()
    return summary.root


def test_measures_values_and_goal_links_survive_a_round_trip(region):
    exported = dump_bytes(region, AT)
    document = json.loads(exported)
    assert [m["name"] for m in document["measures"]] == ["Följsamhet till BHK", "Trycksår"]
    assert len(document["measure_values"]) == 3
    assert {v["value"] for v in document["measure_values"]} == {"85.5", "92", "7.25"}

    root = restored_into(json.loads(exported))
    plan = root.plans[0]
    measures = db.session.scalars(
        select(Measure).where(Measure.plan_id == plan.id).order_by(Measure.name)
    ).all()
    assert [m.name for m in measures] == ["Följsamhet till BHK", "Trycksår"]
    bhk = measures[0]
    assert bhk.goal is not None and bhk.goal.plan_id == plan.id
    assert bhk.goal.title == "Följsamheten till BHK ökar"
    assert [m.name for m in bhk.goal.measures] == ["Följsamhet till BHK"]
    values = {(v.organisation.name, v.period): v for v in bhk.values}
    assert set(values) == {("Enhet Norr", "2026-Q1"), ("Enhet Söder", "2026-Q1")}
    assert values["Enhet Norr", "2026-Q1"].value == Decimal("85.5")
    assert values["Enhet Norr", "2026-Q1"].comment == "Ny rutin för handsprit"
    assert values["Enhet Söder", "2026-Q1"].denominator == Decimal("50")
    # The restored values belong to the restored units, not to the originals.
    assert values["Enhet Norr", "2026-Q1"].organisation.parent_id == root.id
    # Export → import → export gives the same file.
    assert dump_bytes(root, AT) == exported


def test_a_version_2_file_from_before_measures_still_restores(app):
    data = VERSION_2.read_bytes()
    assert json.loads(data)["version"] == 2 and "measures" not in json.loads(data)
    document = parse(data)
    assert document["version"] == 7  # upgraded to the current version
    assert document["measures"] == [] and document["measure_values"] == []
    summary = restore(document)
    commit()
    assert summary.root.name == "Region Gammal"
    assert summary.root.plans[0].title == "Handlingsplan 2025–2030"
    assert db.session.scalar(select(func.count()).select_from(Measure)) == 0


def refused(document: dict) -> str:
    before = db.session.scalar(select(func.count()).select_from(MeasureValue))
    with pytest.raises(BackupError) as error:
        restore(parse(to_bytes(document)), make_org("Region Ny"))
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(MeasureValue)) == before
    return str(error.value)


def test_a_value_for_a_period_outside_the_rhythm_is_refused(region):
    document = dump(region, AT)
    value = next(v for v in document["measure_values"] if v["period"] == "2026-Q1")
    value["period"] = "2026-03"
    message = refused(document)
    assert "measure_values" in message and "Perioden passar inte måttets mätintervall" in message


def test_a_period_whose_dates_disagree_with_its_key_is_refused(region):
    document = dump(region, AT)
    document["measure_values"][0]["period_end"] = "2026-12-31"
    assert "okänt värde" in refused(document)


@pytest.mark.parametrize("number", [85.5, "NaN", "1e400", "12345678901", "1.23456", "åtta"])
def test_numbers_must_be_exact_text_within_the_column(region, number):
    document = dump(region, AT)
    document["measure_values"][0]["value"] = number
    assert "ska vara ett tal skrivet som text" in refused(document)


def test_an_unknown_unit_or_rhythm_is_refused(region):
    document = dump(region, AT)
    document["measures"][0]["unit"] = "furlongs"
    assert "measures, rad 1" in refused(document)
    document = dump(region, AT)
    document["measures"][0]["rhythm"] = "weekly"
    assert "okänt värde" in refused(document)


def test_a_goal_of_another_plan_is_refused(region):
    other = make_plan(region, title="Annan plan")
    services.create_goal(other, other.areas[0].id, "Annat mål")
    commit()
    document = dump(region, AT)
    foreign = next(g["id"] for g in document["goals"] if g["title"] == "Annat mål")
    linked = next(m for m in document["measures"] if m["goal_id"] is not None)
    linked["goal_id"] = foreign
    assert "hör till en annan plan" in refused(document)


def test_the_same_value_twice_is_refused(region):
    document = dump(region, AT)
    document["measure_values"].append({**document["measure_values"][0], "id": 99})
    assert "värdet för perioden finns redan tidigare i filen" in refused(document)


def test_the_responsible_person_comes_along_and_a_version_6_file_has_none(region):
    from planner.auth.models import User
    from tests.factories import make_user

    anna = make_user("anna@test.se", "redaktor", region, name="Anna Ansvarig")
    bhk = db.session.scalars(select(Measure).where(Measure.name == "Följsamhet till BHK")).one()
    bhk.responsible_user_id = anna.id
    commit()
    document = dump(region, AT)
    users = {u["email"]: u["id"] for u in document["users"]}
    by_name = {m["name"]: m["responsible_user_id"] for m in document["measures"]}
    assert by_name == {"Följsamhet till BHK": users["anna@test.se"], "Trycksår": None}
    root = restored_into(json.loads(json.dumps(document)))
    restored = {
        m.name: m.responsible
        for m in db.session.scalars(select(Measure).where(Measure.plan_id == root.plans[0].id))
    }
    assert (
        restored["Följsamhet till BHK"]
        == db.session.scalars(select(User).where(User.email == "anna@test.se")).one()
    )
    assert restored["Trycksår"] is None
    # a version-6 file: its measures name nobody
    document["version"] = 6
    for measure in document["measures"]:
        del measure["responsible_user_id"]
    upgraded = parse(to_bytes(document))
    assert upgraded["version"] == 7
    assert [m["responsible_user_id"] for m in upgraded["measures"]] == [None, None]
    root = restored_into(upgraded)
    assert all(
        m.responsible_user_id is None
        for m in db.session.scalars(select(Measure).where(Measure.plan_id == root.plans[0].id))
    )
