"""The measure's chart, parsed as SVG: points in time order, the target line where the target
is, a title and a description, every text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

from planner.results.chart import ChartPoint, Line, line_chart
from planner.results.display import measure_chart
from planner.results.queries import series
from tests.factories import commit, make_measure, make_org, make_plan, record

SVG = "{http://www.w3.org/2000/svg}"


def _parse(markup) -> ET.Element:
    return ET.fromstring(str(markup))


def _points(root: ET.Element) -> list[tuple[float, float, str, str]]:
    return [
        (float(c.get("cx")), float(c.get("cy")), c.get("data-period"), c.get("data-value"))
        for c in root.iter(f"{SVG}circle")
    ]


def _target_y(root: ET.Element, css: str = "target") -> float:
    group = next(g for g in root.iter(f"{SVG}g") if g.get("class") == css)
    line = group.find(f"{SVG}line")
    assert line.get("y1") == line.get("y2")  # horizontal
    return float(line.get("y1"))


def test_the_chart_draws_the_values_in_order_with_the_target_line(app):
    region = make_org("Region Diagram")
    plan = make_plan(region)
    measure = make_measure(plan, name="BHK <avd>", target=Decimal(90), warning=Decimal(80))
    for period, value in (("2025-Q3", 70), ("2025-Q4", 95), ("2026-Q1", 85), ("2025-Q2", 60)):
        record(measure, region, period, value)
    commit()
    points = series([measure], region.id)[measure.id]
    root = _parse(measure_chart(measure, points, "c1"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.get("id") == "c1-title" and title.text == "BHK <avd> över tid"
    assert "4 värden från kvartal 2 2025 (60 %) till kvartal 1 2026 (85 %)" in desc.text
    assert "Målvärdet är 90 %" in desc.text
    drawn = _points(root)
    assert [p[2] for p in drawn] == ["2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]
    xs = [p[0] for p in drawn]
    assert xs == sorted(xs) and len(set(xs)) == 4
    # Higher values are drawn higher (smaller y); the target line lies between 85 and 95.
    y_by_value = {Decimal(p[3]): p[1] for p in drawn}
    assert y_by_value[Decimal(95)] < y_by_value[Decimal(85)] < y_by_value[Decimal(70)]
    target_y = _target_y(root)
    assert y_by_value[Decimal(95)] < target_y < y_by_value[Decimal(85)]
    assert y_by_value[Decimal(85)] < _target_y(root, "warning") < y_by_value[Decimal(70)]
    polyline = root.find(f".//{SVG}polyline")
    pairs = [tuple(map(float, pair.split(","))) for pair in polyline.get("points").split()]
    assert pairs == [(p[0], p[1]) for p in drawn]
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "Mål 90 %" in labels and "K2 2025" in labels


def test_a_chart_without_values_or_target_still_has_title_and_description(app):
    root = _parse(line_chart([], title="Tomt", description="Inga värden ännu.", chart_id="x"))
    assert root.find(f"{SVG}title").text == "Tomt"
    assert root.find(f"{SVG}desc").text == "Inga värden ännu."
    assert _points(root) == [] and root.find(f".//{SVG}polyline") is None


def test_user_text_in_the_chart_is_escaped():
    hostile = '<script>alert(1)</script>"&'
    markup = line_chart(
        [ChartPoint("k", hostile, Decimal(1), hostile)],
        title=hostile,
        description=hostile,
        chart_id="h",
        target=Line(Decimal(2), hostile),
    )
    root = _parse(markup)  # still well-formed XML
    assert root.find(f"{SVG}title").text == hostile
    assert "<script" not in str(markup)


def test_many_points_get_a_readable_axis():
    points = [ChartPoint(str(i), f"p{i}", Decimal(i % 7), str(i)) for i in range(120)]
    root = _parse(line_chart(points, title="t", description="d", chart_id="m"))
    assert len(_points(root)) == 120
    axis = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "x-axis")
    assert 2 <= len(list(axis)) <= 8
