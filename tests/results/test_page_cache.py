"""The results pages' kept content (planner/results/page_cache.py): a kept page is byte for byte
the page built anew, costs fewer statements, and every change shows at once – a value recorded,
corrected or deleted, a measure, goal or organisation renamed, another viewer's rights, another
language, another day."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from planner.clock import local_today
from planner.extensions import db
from planner.orgs.services import update_organisation
from planner.plans.models import Goal
from planner.plans.services import create_goal
from planner.results import page_cache, services
from planner.results.models import MeasureValue
from planner.results.periods import latest_ended
from tests.factories import area_id, commit, make_measure, make_org, make_plan, make_user, record
from tests.html import page, table_rows, text
from tests.test_query_counts import statements


@pytest.fixture
def world(app):
    region = make_org("Region Kvar")
    units = [make_org(name, "enhet", region) for name in ("Avd 1", "Avd 2")]
    plan = make_plan(region)
    bhk = make_measure(plan, name="Följsamhet till BHK")
    for unit, q1 in zip(units, (92, 70), strict=True):
        record(bhk, unit, "2026-Q1", q1)
    commit()
    return {"plan": plan, "units": units, "bhk": bhk}


def pages(world) -> tuple[str, ...]:
    bhk = world["bhk"]
    return (
        f"/planer/{world['plan'].id}/resultat",
        f"/matt/{bhk.id}",
        f"/matt/{bhk.id}?enhet={world['units'][1].id}",
    )


def _compare(client, world) -> dict[str, list[str]]:
    """The comparison across units: each organisation's latest value and period."""
    rows = table_rows(client.get(f"/matt/{world['bhk'].id}"), "Varje organisations senaste värde")
    return {row[1]: row[2:4] for row in rows if row[0]}  # not the target's marker row


def test_a_kept_page_is_the_page_built_anew_and_costs_fewer_statements(
    app, client, world, count_queries
):
    def main(url: str) -> str:  # the page but its header (its CSRF token is new each second)
        return str(page(client.get(url)).find("main"))

    page_cache.contents.clear()
    kept = [main(url) for url in pages(world)]
    kept_again = [main(url) for url in pages(world)]
    app.config["RESULTS_CACHE_BYTES"] = 0
    built = [main(url) for url in pages(world)]
    assert kept == kept_again == built
    building = [statements(client, count_queries, url) for url in pages(world)]
    app.config["RESULTS_CACHE_BYTES"] = 1024 * 1024
    keeping = [statements(client, count_queries, url) for url in pages(world)]
    assert all(k < b for k, b in zip(keeping, building, strict=True)), (keeping, building)


def test_a_value_recorded_through_the_form_shows_at_once(client, world):
    bhk, unit = world["bhk"], world["units"][1]
    for url in pages(world):
        client.get(url)  # kept
    data = {
        "organisation_id": unit.id,
        "period": "2026-Q2",
        "value": "",
        "numerator": "17",
        "denominator": "20",
        "comment": "Efter utbildningen",
        "version": "0",
        "started_for": f"{unit.id}:2026-Q2",
    }
    assert client.post(f"/matt/{bhk.id}/varde", data=data).status_code == 302
    assert _compare(client, world)["Avd 2"] == ["85 %", "kvartal 2 2026"]
    assert "Efter utbildningen" in text(client.get(pages(world)[2]))
    (row,) = table_rows(client.get(pages(world)[0]), "Planens mått")
    assert row[2] == "85 % kvartal 2 2026"  # Avd 2's is the only Q2 value


def test_a_correction_and_a_deletion_show_at_once(client, world):
    bhk, unit = world["bhk"], world["units"][1]
    assert _compare(client, world)["Avd 2"][0] == "70 %"
    record(bhk, unit, "2026-Q1", 71)
    commit()
    assert _compare(client, world)["Avd 2"][0] == "71 %"
    value = db.session.scalars(
        select(MeasureValue).where(MeasureValue.organisation_id == unit.id)
    ).one()
    response = client.post(f"/matt/varden/{value.id}/ta-bort", data={"bekrafta": "ja"})
    assert response.status_code == 302
    assert list(_compare(client, world)) == ["Avd 1"]


def test_values_written_behind_the_orm_show_at_once(client, world):
    """The database counts every change to a measure's values (its values_version), so a
    value written with plain SQL – as the backup restore writes – shows at once: inserted,
    corrected, deleted, and a deleted newest value replaced by another in the same id (as
    SQLite may do) with the same version."""
    bhk, first, unit = world["bhk"], *world["units"]
    table = MeasureValue.__table__
    db.session.execute(
        table.insert().values(
            measure_id=bhk.id,
            organisation_id=first.id,
            period="2026-Q2",
            period_start=date(2026, 4, 1),
            period_end=date(2026, 6, 30),
            value=Decimal(93),
        )
    )
    commit()
    assert _compare(client, world)["Avd 1"] == ["93 %", "kvartal 2 2026"]
    db.session.execute(table.update().where(table.c.period == "2026-Q2").values(value=Decimal(94)))
    commit()
    assert _compare(client, world)["Avd 1"] == ["94 %", "kvartal 2 2026"]
    db.session.execute(table.delete().where(table.c.period == "2026-Q2"))
    commit()
    assert _compare(client, world)["Avd 1"] == ["92 %", "kvartal 1 2026"]
    assert _compare(client, world)["Avd 2"][0] == "70 %"
    newest = db.session.scalars(select(MeasureValue).order_by(MeasureValue.id.desc())).first()
    fields = {c.key: getattr(newest, c.key) for c in MeasureValue.__table__.columns}
    db.session.execute(MeasureValue.__table__.delete().where(MeasureValue.id == newest.id))
    fields.update(value=Decimal(60))  # same id, version and record time
    db.session.execute(MeasureValue.__table__.insert().values(**fields))
    commit()
    assert newest.organisation_id == unit.id
    assert _compare(client, world)["Avd 2"][0] == "60 %"


def test_renamed_measures_goals_and_organisations_show_at_once(client, world):
    plan, bhk, unit = world["plan"], world["bhk"], world["units"][1]
    goal = create_goal(plan, area_id(plan, "F3"), "Färre vårdrelaterade infektioner")
    commit()
    for url in pages(world):
        client.get(url)
    data = services.MeasureData(
        **{name: getattr(bhk, name) for name in services.MeasureData.__dataclass_fields__}
    )
    data.name, data.goal_id = "Basala hygienrutiner", goal.id
    services.update_measure(bhk, data)
    commit()
    assert "Basala hygienrutiner" in text(client.get(pages(world)[0]))
    assert "Visar målet: Färre vårdrelaterade infektioner" in text(client.get(pages(world)[1]))
    db.session.get(Goal, goal.id).title = "Inga vårdrelaterade infektioner"
    commit()
    assert "Visar målet: Inga vårdrelaterade infektioner" in text(client.get(pages(world)[1]))
    update_organisation(unit, "Avdelning 2 (ny)", unit.kind, unit.parent)
    commit()
    assert "Avdelning 2 (ny)" in _compare(client, world)


def test_each_viewer_sees_their_own_rights_and_language(app, client, world):
    make_user("lasa@test.se", "lasare", world["plan"].organisation, name="Läsa")
    commit()
    reader = app.test_client()
    reader.login("lasa@test.se")
    for url in pages(world)[:2]:
        assert "Registrera" in text(client.get(url)) or "Nytt mått" in text(client.get(url))
        shown = page(reader.get(url))
        assert shown.find(string="Nytt mått") is None
        assert shown.find(string="Registrera ett värde") is None
    assert "Registrera ett värde" in text(client.get(pages(world)[1]))
    client.post("/sprak", data={"lang": "en"})
    assert "Comparison across units" in text(client.get(pages(world)[1]))
    assert "Jämförelse mellan enheter" in text(reader.get(pages(world)[1]))


def test_a_new_day_makes_a_new_period_due(client, world, monkeypatch):
    """A monthly measure whose month ended today asks for its value the next day."""
    measure = make_measure(world["plan"], name="Trycksår", rhythm="monthly")
    today = local_today()
    last = latest_ended("monthly", today)
    record(measure, world["units"][0], last.key, 12)
    commit()
    url = f"/matt/{measure.id}"
    assert "Väntar:" not in text(client.get(url))
    later = last.end + timedelta(days=32)
    for module in ("planner.results.page_cache", "planner.results.views"):
        monkeypatch.setattr(f"{module}.local_today", lambda: later)
    due = latest_ended("monthly", later)
    assert f"Väntar: {due.label}" in text(client.get(url))
