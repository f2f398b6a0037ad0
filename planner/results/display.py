"""How results read: a value with its unit, a measure's chart from its points."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from flask_babel import gettext as _

from planner.results.chart import ChartPoint, Line, line_chart
from planner.results.models import COUNT, INDEX, PERCENT, RATE_1000, Measure
from planner.results.numbers import format_number
from planner.results.queries import Point

# What a chart's axis may show of each unit (a plain number may be negative).
BOUNDS = {
    PERCENT: (0.0, 100.0),
    INDEX: (0.0, 100.0),
    COUNT: (0.0, float("inf")),
    RATE_1000: (0.0, float("inf")),
}
DECIMALS = 1  # values are shown to one decimal ("85,5 %"); stored with four


def with_unit(measure: Measure, value: object) -> str:
    """``value`` as it reads on a page: "85,5 %", "3,2 per 1 000 vårddagar", "12"."""
    if value is None:
        return "–"
    text = format_number(value, DECIMALS)
    suffix = measure.unit_suffix
    return f"{text} {suffix}" if suffix else text


def change_text(measure: Measure, change: Decimal | None) -> str:
    """A change with its sign: "+2,5 procentenheter" for a percent, "−1,2" otherwise."""
    if change is None:
        return ""
    sign = "+" if change > 0 else ""
    text = sign + format_number(change, DECIMALS)
    if measure.unit == PERCENT:
        return _("%(change)s procentenheter", change=text)
    return text


def target_line(measure: Measure) -> Line | None:
    if measure.target is None:
        return None
    return Line(measure.target, _("Mål %(value)s", value=with_unit(measure, measure.target)))


def warning_line(measure: Measure) -> Line | None:
    if measure.warning is None:
        return None
    return Line(measure.warning, _("Varning %(value)s", value=with_unit(measure, measure.warning)))


def measure_chart(measure: Measure, points: Sequence[Point], chart_id: str, whose: str = "") -> str:
    """The measure's line chart with its target line: title and description say what it shows,
    the values themselves are in the table beside it."""
    title = _("%(name)s över tid", name=measure.name)
    if whose:
        title += f" – {whose}"
    if points:
        first, last = points[0], points[-1]
        description = _(
            "%(count)s värden från %(first)s (%(first_value)s) till %(last)s (%(last_value)s).",
            count=len(points),
            first=first.period.label,
            first_value=with_unit(measure, first.value),
            last=last.period.label,
            last_value=with_unit(measure, last.value),
        )
    else:
        description = _("Inga värden ännu.")
    target = target_line(measure)
    if target is not None:
        description += " " + _(
            "Målvärdet är %(value)s (%(direction)s).",
            value=with_unit(measure, measure.target),
            direction=measure.direction_label.lower(),
        )
    return line_chart(
        [
            ChartPoint(p.period.key, p.period.short_label, p.value, with_unit(measure, p.value))
            for p in points
        ],
        title=title,
        description=description,
        chart_id=chart_id,
        target=target,
        warning=warning_line(measure),
        bounds=BOUNDS.get(measure.unit),
        suffix=" %" if measure.unit == PERCENT else "",
    )
