"""The measures' values against target, and their charts inline with title and description."""

from __future__ import annotations

from decimal import Decimal

from planner.extensions import db
from planner.plans.models import Plan
from planner.psb import services as psb
from planner.results import services as results
from tests.factories import commit
from tests.html import page, table_rows
from tests.psb.helpers import YEAR, psb_world


def test_measures_with_values_against_target_and_charts(app, anonymous):
    world = psb_world(create=False)
    plan = db.session.get(Plan, world.plan_id)
    bhk = results.create_measure(
        plan,
        results.MeasureData(
            "Följsamhet till basala hygienrutiner", "F3", target=Decimal(90), warning=Decimal(80)
        ),
    )
    for period, value in (
        (f"{YEAR - 1}-Q4", 78),
        (f"{YEAR}-Q1", 82),
        (f"{YEAR}-Q2", 86),
        (f"{YEAR + 1}-Q1", 99),  # a later year's value: not in this year's report
    ):
        results.record_value(bhk, results.ValueEntry(world.org_id, period, Decimal(value)))
    results.create_measure(plan, results.MeasureData("Trycksår", "F3", direction="lower"))
    psb.create_report(plan.organisation, YEAR)
    commit()
    anonymous.login("lasare@psb.se")
    response = anonymous.get(world.url)
    rows = table_rows(response, f"Mått och resultat {YEAR}")
    assert rows[0][0] == "Följsamhet till basala hygienrutiner"
    assert rows[0][2].startswith("86 %") and rows[0][3] == "90 %"
    assert rows[0][4] == "Nära målet"
    assert rows[0][5] == "+4 procentenheter"
    assert rows[1][:3] == ["Trycksår", "F3", "–"]
    section = page(response).find(id="self_monitoring")
    (figure,) = section.find_all("figure")
    svg = figure.find("svg")
    assert svg.find("title").get_text() == "Följsamhet till basala hygienrutiner över tid"
    assert "3 värden" in svg.find("desc").get_text()  # the later year's value is left out
    assert figure.find("figcaption").get_text() == "Följsamhet till basala hygienrutiner över tid"


def test_the_self_assessment_beside_the_national_level(app, anonymous):
    from tests.factories import make_assessment

    world = psb_world(create=False)
    plan = db.session.get(Plan, world.plan_id)
    make_assessment(
        plan.organisation,
        YEAR,
        {
            "g1_responsibility": "yes",
            "g1_responsibility_levels": "yes",
            "g1_responsibility_ms": "yes",
            "f1_identify": "no",
        },
    )
    psb.create_report(plan.organisation, YEAR)
    commit()
    anonymous.login("lasare@psb.se")
    response = anonymous.get(world.url)
    rows = table_rows(response, f"Utvecklingsindikatorer mot nationell nivå {YEAR}")
    by_number = {row[0].split(".")[0]: row for row in rows}
    assert by_number["2"][2] == "uppfyllt"
    assert by_number["1"][2] == "ej uppfyllt"
    assert by_number["3"][2] == "ej besvarat"
    assert all(row[3] for row in rows)  # the national level, or that none is published
    section = page(response).find(id="results_analysis").get_text(" ", strip=True)
    assert f"Självskattningen {YEAR}" in section and "1 av" in section


def test_a_stored_chart_that_is_more_than_a_drawing_is_not_shown(app, anonymous):
    world = psb_world()
    report = psb.report_for(world.org_id, YEAR)
    hostile = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    chart = {"type": "chart", "svg": hostile, "alt_text": "Elak", "caption": "Ett diagram"}
    section = report.section("self_monitoring")
    section.generated = {"blocks": [chart], "subsections": []}
    commit()
    anonymous.login("lasare@psb.se")
    figure = page(anonymous.get(world.url)).find(id="self_monitoring").find("figure")
    assert figure.find("svg") is None and figure.find("script") is None
    assert figure.find("figcaption").get_text() == "Ett diagram"
