"""One year of the wheel: occurrences per month (the list) and the picture drawn from them
(drawing.py), and the text version ("syntolkning") read from the same list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from planner.language import month_name
from planner.plans.models import CLOSED_STATUSES, Activity
from planner.plans.template import AREA_CODES
from planner.wheel import drawing
from planner.wheel.labels import Label
from planner.wheel.measurements import CATEGORY as MEASUREMENT
from planner.wheel.measurements import Measurement
from planner.wheel.models import CATEGORIES, WheelEvent


@dataclass(frozen=True)
class Occurrence:
    day: date
    title: str
    ring: str  # category code, area code or "aktiviteter"
    ring_label: str
    kind: str  # "event" or "activity"
    ident: int
    done: bool
    end: date | None = None  # the last day of a period; None: the day itself
    part: str = ""  # which of an activity's dates ("due", "follow_up"): both may fall on one day

    def __post_init__(self):
        if self.end is None:
            object.__setattr__(self, "end", self.day)

    @property
    def when(self) -> str:
        """The day, or the first and last day of a period, as ISO dates."""
        if self.end == self.day:
            return self.day.isoformat()
        return f"{self.day.isoformat()}–{self.end.isoformat()}"

    @property
    def anchor(self) -> str:
        """The occurrence's id in the list, which the picture links to."""
        part = f"-{self.part}" if self.part else ""
        return f"{self.kind}-{self.ident}{part}-{self.day.isoformat()}"


def month_anchor(occurrence: Occurrence) -> str:
    return f"manad-{occurrence.day.month}"


@dataclass
class WheelYear:
    year: int
    today: date
    by: str  # "kategori" or "omrade"
    months: list[tuple[str, list[Occurrence]]]
    rings: list[drawing.Ring]
    month_arcs: list[dict]
    weeks: list[dict]
    today_line: dict | None
    labels: list[Label]
    width: int = drawing.WIDTH
    height: int = drawing.HEIGHT
    centre: tuple[float, float] = (drawing.CX, drawing.CY)

    @property
    def count(self) -> int:
        return sum(len(items) for _name, items in self.months)

    @property
    def current_week(self) -> int | None:
        return next((w["week"] for w in self.weeks if w["current"]), None)

    def leader(self, label: Label) -> dict:
        return drawing.leader(label)

    @staticmethod
    def legend_symbol(ring: drawing.Ring) -> str:
        return drawing.shape(ring.shape, 8, 8, 10)

    def symbol(self, label: Label) -> str:
        """The ring's shape before a name, so a name tells its ring without colour."""
        ring = self.rings[label.first.ring]
        return drawing.shape(ring.shape, label.symbol_x, label.centre, 10)


def occurrences(
    events: list[WheelEvent],
    activities: list[Activity],
    year: int,
    by: str,
    measurements: Sequence[Measurement] = (),
):
    first, last = date(year, 1, 1), date(year, 12, 31)
    found: list[Occurrence] = []
    for event in events:
        done = event.done_days()
        ring = event.category if by == "kategori" else (event.area_code or "")
        label = event.category_label if by == "kategori" else (event.area_code or "Övrigt")
        span = timedelta(days=max(1, event.span_days or 1) - 1)
        for day in event.rule.occurrences(first, last):
            found.append(
                Occurrence(
                    day, event.title, ring, label, "event", event.id, day in done, day + span
                )
            )
    for activity in activities:
        for part, what, day in activity.calendar_days():
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
                        part=part,
                    )
                )
    for m in measurements:
        if first <= m.day <= last:
            by_area = by != "kategori"
            found.append(
                Occurrence(
                    m.day,
                    m.title,
                    m.area_code if by_area else MEASUREMENT,
                    m.area_code if by_area else m.category_label,
                    "measure",
                    m.measure_id,
                    m.recorded,
                )
            )
    return sorted(found, key=lambda o: (o.day, o.title))


def build_year(
    events,
    activities,
    year: int,
    today: date,
    by: str = "kategori",
    measurements: Sequence[Measurement] = (),
) -> WheelYear:
    items = occurrences(events, activities, year, by, measurements)
    months = [(month_name(m), [o for o in items if o.day.month == m]) for m in range(1, 13)]
    keys = list(CATEGORIES) if by == "kategori" else [*AREA_CODES, ""]
    labels = {o.ring: o.ring_label for o in items}
    used = [(k, labels[k]) for k in keys if k in labels]
    if "aktiviteter" in labels:
        used.append(("aktiviteter", labels["aktiviteter"]))
    rings = drawing.rings(used, items, year)
    return WheelYear(
        year,
        today,
        by,
        months,
        rings,
        drawing.months(year, tuple(month_name(m) for m in range(1, 13))),
        drawing.weeks(year, today),
        drawing.today_line(today, year),
        drawing.names(rings, month_anchor),
    )
