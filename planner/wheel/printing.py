"""The printed wheel (the PDF): what its list after the picture holds, bounded.

Rendering time grows with what is drawn: the list of a year with 600 activities (1,217 dates)
took WeasyPrint minutes, because a long list split over pages inside the side-by-side layout
is laid out again and again. So the printed list is capped: every date while the year has
at most LIST_LIMIT of them; beyond that the activities' dates are counted per month (the
picture still shows each of them) and each month lists at most MONTH_LIMIT lines, the rest
counted. The web page always lists everything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import ngettext

from planner.wheel import drawing
from planner.wheel.year import Occurrence, WheelYear, month_anchor

LIST_LIMIT = 250  # dates listed one by one in the PDF
MONTH_LIMIT = LIST_LIMIT // 12  # lines per month once the list is summarised
MARKER_LIMIT = 800  # markers drawn in the PDF's picture: beyond, one per ring and week


@dataclass(frozen=True)
class Line:
    text: str
    occurrence: Occurrence | None = None  # None for a summary line


@dataclass(frozen=True)
class PrintedList:
    months: list[tuple[str, list[Line]]]
    summarised: bool

    @property
    def lines(self) -> int:
        return sum(len(lines) for _name, lines in self.months)

    markers: int = 0  # drawn in the picture

    @property
    def items(self) -> int:
        """What the PDF draws: how heavy its render is."""
        return self.lines + self.markers


def printed_list(wheel: WheelYear) -> PrintedList:
    """The months of ``wheel`` as the PDF lists them (see the module's docstring)."""
    markers = sum(len(ring.markers) for ring in wheel.rings)
    if wheel.count <= LIST_LIMIT:
        months = [(name, [Line("", o) for o in items]) for name, items in wheel.months]
        return PrintedList(months, False, markers)
    months = [(name, _month_summary(items)) for name, items in wheel.months]
    return PrintedList(months, True, markers)


def _month_summary(items: list[Occurrence]) -> list[Line]:
    events = [o for o in items if o.kind != "activity"]  # wheel events and measurements
    dates = [o for o in items if o.kind == "activity"]
    lines = [Line("", o) for o in events[:MONTH_LIMIT]]
    if len(events) > MONTH_LIMIT:
        rest = len(events) - MONTH_LIMIT
        more = ngettext("… och %(num)d händelse till", "… och %(num)d händelser till", rest)
        lines.append(Line(more))
    if dates:
        lines.append(
            Line(_("Aktiviteter: %(num)d datum (slutdatum eller uppföljning)", num=len(dates)))
        )
    return lines


def printed_wheel(wheel: WheelYear) -> WheelYear:
    """``wheel`` with the picture's day markers merged: one per ring and day (dates on one day
    overlap anyway), or one per ring and week when that is still more than MARKER_LIMIT;
    the names beside the wheel are laid out again for the merged markers."""
    if sum(len(r.markers) for r in wheel.rings) <= MARKER_LIMIT:
        return wheel
    merged = _merged(wheel, lambda day: day)
    if sum(len(r.markers) for r in merged.rings) > MARKER_LIMIT:
        merged = _merged(wheel, lambda day: day - timedelta(days=day.weekday()))
    return replace(merged, labels=drawing.names(merged.rings, month_anchor))


def _merged(wheel: WheelYear, period: Callable[[date], date]) -> WheelYear:
    rings = []
    for ring in wheel.rings:
        arcs = [m for m in ring.markers if m.arc]  # periods stay as they are
        groups: dict[date, list[Occurrence]] = {}
        for marker in ring.markers:
            if not marker.arc:
                groups.setdefault(period(marker.occurrence.day), []).append(marker.occurrence)
        days = [drawing.dot(ring, _one(group)) for group in groups.values()]
        rings.append(replace(ring, markers=arcs + days))
    return replace(wheel, rings=rings)


def _one(group: list[Occurrence]) -> Occurrence:
    first = group[0]
    if len(group) == 1:
        return first
    titles = "; ".join(o.title for o in group[:3])
    if len(group) > 3:
        titles += " " + _("(och %(num)d till)", num=len(group) - 3)
    return replace(first, title=titles, done=all(o.done for o in group))


def list_note(printed: PrintedList) -> str:
    """Said above a summarised list, so nobody mistakes it for the whole year."""
    if not printed.summarised:
        return ""
    return _(
        "Året har fler datum än vad som får plats i listan: aktiviteternas datum räknas per "
        "månad och visas som punkter i hjulet. Hela listan finns på årshjulets sida."
    )
