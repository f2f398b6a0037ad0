"""One year of the wheel: occurrences per month (the list) and their geometry (the picture)."""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from planner.language import month_name
from planner.plans.models import CLOSED_STATUSES, Activity
from planner.plans.template import AREA_CODES
from planner.wheel.models import CATEGORIES, WheelEvent

SIZE = 800
CENTRE = SIZE / 2
OUTER = 390  # outer edge of the month ring
MONTH_RING = 50
WEEK_RING = 24


@dataclass(frozen=True)
class Occurrence:
    day: date
    title: str
    ring: str  # category code, area code or "aktiviteter"
    ring_label: str
    kind: str  # "event" or "activity"
    ident: int
    done: bool


@dataclass
class Marker:
    x: float
    y: float
    occurrence: Occurrence


@dataclass
class Ring:
    key: str
    label: str
    inner: float
    outer: float
    markers: list[Marker] = field(default_factory=list)


@dataclass
class WheelYear:
    year: int
    today: date
    by: str  # "kategori" or "omrade"
    months: list[tuple[str, list[Occurrence]]]
    rings: list[Ring]
    month_arcs: list[dict]
    week_ticks: list[dict]
    today_line: dict | None
    size: int = SIZE

    @property
    def count(self) -> int:
        return sum(len(items) for _name, items in self.months)


def _angle(day: date) -> float:
    """Degrees clockwise from the top; the middle of the day."""
    first = date(day.year, 1, 1)
    days = 366 if calendar.isleap(day.year) else 365
    return ((day - first).days + 0.5) / days * 360


def _point(angle: float, radius: float) -> tuple[float, float]:
    radians = math.radians(angle - 90)
    return (
        round(CENTRE + radius * math.cos(radians), 2),
        round(CENTRE + radius * math.sin(radians), 2),
    )


def _arc(start: float, end: float, inner: float, outer: float) -> str:
    """An SVG path for the ring segment between two angles."""
    x1, y1 = _point(start, outer)
    x2, y2 = _point(end, outer)
    x3, y3 = _point(end, inner)
    x4, y4 = _point(start, inner)
    large = 1 if end - start > 180 else 0
    return (
        f"M{x1},{y1} A{outer},{outer} 0 {large} 1 {x2},{y2} L{x3},{y3} "
        f"A{inner},{inner} 0 {large} 0 {x4},{y4} Z"
    )


def occurrences(events: list[WheelEvent], activities: list[Activity], year: int, by: str):
    first, last = date(year, 1, 1), date(year, 12, 31)
    found: list[Occurrence] = []
    for event in events:
        done = event.done_days()
        ring = event.category if by == "kategori" else (event.area_code or "")
        label = event.category_label if by == "kategori" else (event.area_code or "Övrigt")
        for day in event.rule.occurrences(first, last):
            found.append(Occurrence(day, event.title, ring, label, "event", event.id, day in done))
    for activity in activities:
        for _kind, what, day in activity.calendar_days():
            if first <= day <= last:
                found.append(
                    Occurrence(
                        day,
                        f"{what}: {activity.title}",
                        "aktiviteter",
                        "Aktiviteter",
                        "activity",
                        activity.id,
                        activity.status in CLOSED_STATUSES,
                    )
                )
    return sorted(found, key=lambda o: (o.day, o.title))


def marker_at(occurrence: Occurrence, radius: float) -> Marker:
    """The occurrence's marker on the circle of ``radius``, at its day's angle."""
    x, y = _point(_angle(occurrence.day), radius)
    return Marker(x, y, occurrence)


def build_year(events, activities, year: int, today: date, by: str = "kategori") -> WheelYear:
    items = occurrences(events, activities, year, by)
    months = [(month_name(m), [o for o in items if o.day.month == m]) for m in range(1, 13)]
    keys = list(CATEGORIES) if by == "kategori" else [*AREA_CODES, ""]
    labels = {o.ring: o.ring_label for o in items}
    used = [k for k in keys if k in labels]
    if any(o.ring == "aktiviteter" for o in items):
        used.append("aktiviteter")
    inner_edge = 90
    outer_edge = OUTER - MONTH_RING - WEEK_RING
    width = (outer_edge - inner_edge) / max(1, len(used))
    rings = []
    for index, key in enumerate(used):
        outer = outer_edge - index * width
        ring = Ring(key, labels[key], outer - width, outer)
        middle = (ring.inner + ring.outer) / 2
        ring.markers.extend(marker_at(o, middle) for o in items if o.ring == key)
        rings.append(ring)
    month_arcs = []
    for month in range(1, 13):
        start = _angle(date(year, month, 1)) - _angle(date(year, 1, 1))
        end = (
            _angle(date(year + 1, 1, 1) - timedelta(days=1)) + 0.5
            if month == 12
            else _angle(date(year, month + 1, 1)) - _angle(date(year, 1, 1))
        )
        lx, ly = _point((start + end) / 2, OUTER - MONTH_RING / 2)
        month_arcs.append(
            {
                "path": _arc(start, end, OUTER - MONTH_RING, OUTER),
                "name": month_name(month),
                "x": lx,
                "y": ly,
                "even": month % 2 == 0,
            }
        )
    week_ticks = []
    day = date(year, 1, 1)
    day += timedelta(days=(7 - day.weekday()) % 7)  # the first Monday
    while day.year == year:
        x, y = _point(_angle(day), OUTER - MONTH_RING - WEEK_RING / 2)
        week_ticks.append({"x": x, "y": y, "week": day.isocalendar().week})
        day += timedelta(days=7)
    today_line = None
    if today.year == year:
        x1, y1 = _point(_angle(today), 80)
        x2, y2 = _point(_angle(today), OUTER)
        today_line = {"x1": x1, "y1": y1, "x2": x2, "y2": y2}
    return WheelYear(year, today, by, months, rings, month_arcs, week_ticks, today_line)
