"""The results pages as a user sees them: the plan's measures against target, what is due, a
measure's comparison across units, the overview and area pages, the catalogue."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from planner.clock import local_today
from planner.extensions import db
from planner.plans.models import Plan
from planner.results.models import Measure
from planner.results.periods import latest_ended
from tests.factories import commit, make_measure, make_org, make_plan, record
from tests.html import page, table_rows, text


def _region_with_bhk():
    region = make_org("Region Test")
    units = [make_org(name, "enhet", region) for name in ("Avd 1", "Avd 2", "Avd 3")]
    plan = make_plan(region)
    bhk = make_measure(plan, name="Följsamhet till BHK", baseline_value=Decimal(80))
    for unit, q1, q2 in zip(units, (92, 85, 70), (95, 88, 72), strict=True):
        record(bhk, unit, "2026-Q1", q1)
        record(bhk, unit, "2026-Q2", q2)
    commit()
    return region, units, plan, bhk


def test_every_results_page_answers(client):
    _region, units, plan, bhk = _region_with_bhk()
    for url in (
        f"/planer/{plan.id}/resultat",
        f"/matt/{bhk.id}",
        f"/matt/{bhk.id}?enhet={units[2].id}",
        f"/matt/{bhk.id}?enhet=999999",
        f"/matt/{bhk.id}/redigera",
        f"/matt/{bhk.id}/varde",
        f"/matt/{bhk.id}/varde?enhet={units[0].id}&period=2026-Q1",
        f"/matt/{bhk.id}/varde?period=nonsens",
        f"/matt/{bhk.id}/varde?enhet={2**70}&period=2026-Q1",
        f"/matt/{bhk.id}?enhet={2**70}",
        f"/matt/{bhk.id}/period?period=2026-Q1",
        f"/planer/{plan.id}/matt/nytt",
        f"/planer/{plan.id}/matt/katalog",
    ):
        response = client.get(url)
        assert response.status_code == 200, url


def test_the_results_page_shows_each_measure_against_its_target_in_words(client):
    _region, _units, plan, _bhk = _region_with_bhk()
    (row,) = table_rows(client.get(f"/planer/{plan.id}/resultat"), "Planens mått")
    name, area, latest, target, state, previous, baseline, _next = row
    assert name == "Följsamhet till BHK" and area == "F3"
    # The plan's value is compiled from the units' (no value of its own): (95 + 88 + 72) / 3.
    assert latest == "85 % kvartal 2 2026"
    assert target == "90 %"
    assert state == "! Nära målet"  # text, not colour alone
    assert previous == "▲ Bättre" and baseline == "▲ Bättre"


def test_a_measure_whose_latest_period_has_no_value_is_due(client):
    region = make_org("Region Väntar")
    plan = make_plan(region)
    measure = make_measure(
        plan, name="Trycksår", rhythm="monthly", direction="lower", target=Decimal(10), warning=None
    )
    due = latest_ended("monthly", local_today())
    commit()
    response = client.get(f"/planer/{plan.id}/resultat")
    assert f"Väntar: {due.label}" in text(response)
    record(measure, region, due.key, 12)
    commit()
    assert "Väntar:" not in text(client.get(f"/planer/{plan.id}/resultat"))


def test_the_measure_page_compares_units_best_first_with_the_target_marked(client):
    _region, units, _plan, bhk = _region_with_bhk()
    response = client.get(f"/matt/{bhk.id}")
    rows = table_rows(response, "Varje organisations senaste värde")
    assert rows == [
        ["1", "Avd 1", "95 %", "kvartal 2 2026", "✓ Målet nått"],
        ["", "— Målvärde 90 % —"],
        ["2", "Avd 2", "88 %", "kvartal 2 2026", "! Nära målet"],
        ["3", "Avd 3", "72 %", "kvartal 2 2026", "✗ Målet ej nått"],
    ]
    # A unit's own series: its values, its chart.
    unit_page = client.get(f"/matt/{bhk.id}?enhet={units[2].id}")
    values = table_rows(unit_page, "Värden, senaste först")
    assert [r[:2] for r in values] == [["kvartal 2 2026", "72 %"], ["kvartal 1 2026", "70 %"]]
    title = page(unit_page).find("svg").find("title").get_text()
    assert title == "Följsamhet till BHK över tid – Avd 3"


def test_lower_is_better_sorts_the_lowest_first(client):
    region = make_org("Region Lägre")
    plan = make_plan(region)
    ulcers = make_measure(
        plan, name="Trycksår", direction="lower", target=Decimal(10), warning=Decimal(14)
    )
    for name, value in (("Avd A", 16), ("Avd B", 8), ("Avd C", 12)):
        record(ulcers, make_org(name, "enhet", region), "2026-Q1", value)
    commit()
    rows = table_rows(client.get(f"/matt/{ulcers.id}"), "Varje organisations senaste värde")
    assert [r[1] for r in rows] == ["Avd B", "— Målvärde 10 % —", "Avd C", "Avd A"]
    assert rows[0][-1] == "✓ Målet nått" and rows[-1][-1] == "✗ Målet ej nått"


def test_the_overview_and_the_area_page_show_the_measures_state(client):
    _region, _units, plan, bhk = _region_with_bhk()
    overview = client.get(f"/planer/{plan.id}")
    f3 = next(r for r in table_rows(overview, "Framsteg per") if r[0].startswith("F3"))
    assert f3[3] == "1 ! Nära målet"
    g1 = next(r for r in table_rows(overview, "Framsteg per") if r[0].startswith("G1"))
    assert g1[3] == "Inga mått"
    assert "0 av 1 bedömda mått når sitt målvärde." in text(overview)
    area = client.get(f"/planer/{plan.id}/omraden/F3")
    (row,) = table_rows(area, "Mått i F3")
    assert row[0] == "Följsamhet till BHK" and row[3] == "! Nära målet"


def test_a_goal_names_the_measures_that_show_it(client):
    from planner.plans import services

    _region, _units, plan, bhk = _region_with_bhk()
    goal = services.create_goal(plan, plan.areas[6].id, "Ingen smitta i vården")
    bhk.goal_id = goal.id
    commit()
    assert goal.measures == [bhk]
    area = text(client.get(f"/planer/{plan.id}/omraden/F3"))
    assert "Mått som visar om målet nås: Följsamhet till BHK (nära målet)" in area


def test_the_catalogue_is_offered_when_a_plan_is_created_and_later(client):
    region = make_org("Region Ny")
    commit()
    form = page(client.get(f"/organisationer/{region.id}/planer/ny"))
    offered = {box["value"] for box in form.find_all("input", attrs={"name": "keys"})}
    assert {"bhk", "trycksar", "vri", "mjg", "hse"} <= offered
    data = {"title": "Plan", "period_start": "2025", "period_end": "2030", "status": "utkast"}
    response = client.post(
        f"/organisationer/{region.id}/planer/ny", data={**data, "keys": ["bhk", "hse"]}
    )
    assert response.status_code == 302
    plan = db.session.scalars(select(Plan)).one()
    measures = db.session.scalars(select(Measure).order_by(Measure.id)).all()
    assert [(m.catalogue_key, m.area_code) for m in measures] == [("bhk", "F3"), ("hse", "G2")]
    assert measures[0].target == Decimal(90) and measures[1].rhythm == "biennial_even"
    # Later: the catalogue page offers only what the plan has not taken, and adds each once.
    later = page(client.get(f"/planer/{plan.id}/matt/katalog"))
    offered = {box["value"] for box in later.find_all("input", attrs={"name": "keys"})}
    assert "bhk" not in offered and "vri" in offered
    client.post(f"/planer/{plan.id}/matt/katalog", data={"keys": ["vri", "bhk"]})
    keys = db.session.scalars(select(Measure.catalogue_key).where(Measure.plan_id == plan.id))
    assert sorted(keys) == ["bhk", "hse", "vri"]


def test_a_measure_is_created_edited_and_deleted_with_its_values(client):
    region = make_org("Region Form")
    plan = make_plan(region)
    commit()
    data = {
        "name": "Fall med skada",
        "area_code": "F1",
        "goal_id": "",
        "unit": "rate_1000",
        "direction": "lower",
        "rhythm": "monthly",
        "target": "1,5",
        "warning": "1",
        "version": "",
    }
    refused = client.post(f"/planer/{plan.id}/matt/nytt", data=data)
    assert "varningsgränsen över målvärdet" in page(refused).find(id="warning-error").get_text()
    data["warning"] = "2,5"
    assert client.post(f"/planer/{plan.id}/matt/nytt", data=data).status_code == 302
    measure = db.session.scalars(select(Measure)).one()
    assert (measure.target, measure.warning) == (Decimal("1.5"), Decimal("2.5"))
    record(measure, region, "2026-03", "2.2")
    commit()
    edit = page(client.get(f"/matt/{measure.id}/redigera"))
    assert edit.find(id="target")["value"] == "1,5"
    data.update(version=str(measure.version), rhythm="quarterly")
    refused = client.post(f"/matt/{measure.id}/redigera", data=data)
    assert "byter mätintervall" in page(refused).find(id="rhythm-error").get_text()
    data.update(rhythm="monthly", unit="number")
    refused = client.post(f"/matt/{measure.id}/redigera", data=data)
    assert "byter enhet" in page(refused).find(id="unit-error").get_text()
    response = client.post(f"/matt/{measure.id}/ta-bort", data={"bekrafta": "ja"})
    assert response.status_code == 302
    assert db.session.scalars(select(Measure)).all() == []
    history = text(client.get(f"/planer/{plan.id}/historik"))
    assert "tog bort mätvärdet Fall med skada, 2026-03" in history
    assert "tog bort måttet Fall med skada" in history


def test_a_new_user_adds_bhk_for_three_units_records_two_quarters_and_finds_the_unit_under_target(
    client,
):
    region = make_org("Region Prov")
    for name in ("Avd 10", "Avd 11", "Avd 12"):
        make_org(name, "enhet", region)
    plan = make_plan(region)
    commit()
    client.post(f"/planer/{plan.id}/matt/katalog", data={"keys": ["bhk"]})
    bhk = db.session.scalars(select(Measure)).one()
    units = ("Avd 10", "Avd 11", "Avd 12")
    entered = {"2026-Q1": ("18/20", "19/20", "14/20"), "2026-Q2": ("19/20", "20/20", "15/20")}
    for period, values in entered.items():
        form = page(client.get(f"/matt/{bhk.id}/period?period={period}"))
        data = {"period": period}
        for field in form.find_all("input"):
            if field.get("name", "").startswith("rows-"):
                data[field["name"]] = field.get("value", "")
        names = [th.get_text(strip=True) for th in form.select("table.period-table tbody th")]
        for index, name in enumerate(names):
            if name in units:
                numerator, denominator = values[units.index(name)].split("/")
                data[f"rows-{index}-numerator"] = numerator
                data[f"rows-{index}-denominator"] = denominator
        assert client.post(f"/matt/{bhk.id}/period", data=data).status_code == 302
    rows = table_rows(client.get(f"/matt/{bhk.id}"), "Varje organisations senaste värde")
    under = [r[1] for r in rows if r[-1] in ("! Nära målet", "✗ Målet ej nått")]
    assert under == ["Avd 12"]
    assert rows[-1][:3] == ["3", "Avd 12", "75 %"]


def test_the_results_pages_speak_english_when_asked(client):
    _region, _units, plan, bhk = _region_with_bhk()
    client.post("/sprak", data={"lang": "en"})
    (row,) = table_rows(client.get(f"/planer/{plan.id}/resultat"), "The plan's measures")
    assert row[2] == "85 % quarter 2 2026" and row[4] == "! Near the target"
    assert row[5] == "▲ Better"
    shown = text(client.get(f"/matt/{bhk.id}"))
    assert "Comparison across units" in shown and "— Target 90 % —" in shown
