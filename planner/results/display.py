"""How results read: a value with its unit, a measure's chart from its points."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup

from planner.results.chart import ChartPoint, Line, line_chart
from planner.results.models import COUNT, INDEX, PERCENT, RATE_1000, Measure
from planner.results.numbers import format_number
from planner.results.queries import Point
from planner.results.state import (
    MET,
    MISSED,
    NEAR,
    STATES,
    TREND_ARROWS,
    TRENDS,
    UNJUDGED,
)

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


def unit_cell(measure: Measure, value: object) -> str:
    """``with_unit`` for a narrow table cell: the number, the unit's first word and any figures
    stay on one line ("3,5 per 1 000"), the unit's later words may wrap ("vårddagar")."""
    number, *unit = with_unit(measure, value).split(" ")
    text = number
    for position, word in enumerate(unit):
        keep = position == 0 or not word[:1].isalpha()
        text += ("\u00a0" if keep else " ") + word
    return text


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


SYMBOLS = {MET: "✓", NEAR: "!", MISSED: "✗", UNJUDGED: "–"}


def state_badge(state: str | None) -> Markup:
    """A value's state in words with a symbol; its colour (a class) only adds to them."""
    if not state:
        return Markup('<span class="muted">%s</span>') % _("Inget värde")
    return Markup('<span class="badge result-%s">%s %s</span>') % (
        state,
        SYMBOLS[state],
        STATES[state],
    )


def trend_badge(code: str | None, change: str = "") -> Markup:
    """A trend in words; the arrow beside it is hidden from screen readers (the words say it)."""
    if not code:
        return Markup('<span class="muted">–</span>')
    extra = Markup(' <span class="muted">(%s)</span>') % change if change else ""
    return Markup('<span class="trend trend-%s"><span aria-hidden="true">%s</span> %s%s</span>') % (
        code,
        TREND_ARROWS[code],
        TRENDS[code],
        extra,
    )


def state_counts(counter) -> Markup:
    """How many of an area's measures are in each state ("1 ✓ Målet nått")."""
    if not counter:
        return Markup('<span class="muted">%s</span>') % _("Inga mått")
    items = [
        Markup("<li>%s %s</li>") % (counter[state], state_badge(state))
        for state in (MET, NEAR, MISSED, UNJUDGED)
        if counter[state]
    ]
    if counter["none"]:
        items.append(
            Markup('<li class="muted">%s</li>')
            % ngettext("%(num)s utan värde", "%(num)s utan värde", counter["none"])
        )
    return Markup('<ul class="measure-states">%s</ul>') % Markup("").join(items)


def page_labels() -> dict:
    """What the results templates need to name states, trends and values."""
    return {
        "states": STATES,
        "trends": TRENDS,
        "arrows": TREND_ARROWS,
        "with_unit": with_unit,
        "unit_cell": unit_cell,
        "number": format_number,
        "change_text": change_text,
        "state_badge": state_badge,
        "trend": trend_badge,
        "state_counts": state_counts,
    }
