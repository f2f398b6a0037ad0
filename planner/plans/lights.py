"""The traffic light and progress of an area, computed in one place for every page and PDF.

The overview, the yearly report and the regional roll-up all read an area's state from
``area_tallies``: one grouped query whose conditions are the activity's own rules
(``Activity.is_overdue``, ``Activity.is_unowned``), so the light on the page, in the report and
in the roll-up is the same number computed the same way."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, case, func, select

from planner.extensions import db
from planner.plans.models import CANCELLED, Activity

RED_OVERDUE_SHARE = 0.25  # a quarter or more of an area's activities overdue → red
DUE_SOON_DAYS = 30

GREEN, YELLOW, RED = "gron", "gul", "rod"


def traffic_light(active: int, overdue: int, unowned: int) -> str | None:
    """Red when ≥ 25 % of the area's activities are overdue; yellow when any is overdue or
    still to be done without a responsible person; green otherwise. No light for an area
    without activities. Cancelled activities are left out of ``active``."""
    if active == 0:
        return None
    if overdue / active >= RED_OVERDUE_SHARE:
        return RED
    if overdue or unowned:
        return YELLOW
    return GREEN


def due_soon(today: date):
    """Still to be done, with a due date in the coming ``DUE_SOON_DAYS`` days (SQL)."""
    return and_(
        ~Activity.is_closed,
        Activity.due_date >= today,
        Activity.due_date <= today + timedelta(days=DUE_SOON_DAYS),
    )


@dataclass
class Tally:
    """Sums over a set of activities (an area, a plan): what the light and progress need."""

    counts: Counter = field(default_factory=Counter)  # activities per status
    percent_sum: int = 0  # cancelled ones left out
    overdue: int = 0
    due_soon: int = 0
    unowned: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def counted(self) -> int:
        """The activities that count for progress and the light (all but cancelled)."""
        return self.total - self.counts.get(CANCELLED, 0)

    @property
    def progress(self) -> int | None:
        """Mean percent done of the counted activities; None if none count."""
        return round(self.percent_sum / self.counted) if self.counted else None

    @property
    def light(self) -> str | None:
        return traffic_light(self.counted, self.overdue, self.unowned)

    def count(self, status: str) -> int:
        return self.counts.get(status, 0)

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.counts + other.counts,
            self.percent_sum + other.percent_sum,
            self.overdue + other.overdue,
            self.due_soon + other.due_soon,
            self.unowned + other.unowned,
        )


def combined(tallies) -> Tally:
    return sum(tallies, Tally())


def area_tallies(where, today: date) -> dict[int, Tally]:
    """A tally per area id of the activities matching ``where``, in one grouped query."""

    def number(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    rows = db.session.execute(
        select(
            Activity.area_id,
            Activity.status,
            func.count(),
            func.coalesce(func.sum(case((Activity.status != CANCELLED, Activity.percent))), 0),
            number(Activity.is_overdue(today)),
            number(due_soon(today)),
            number(Activity.is_unowned),
        )
        .where(where)
        .group_by(Activity.area_id, Activity.status)
    ).all()
    tallies: dict[int, Tally] = {}
    for area_id, status, count, percent_sum, overdue, soon, unowned in rows:
        tallies[area_id] = tallies.get(area_id, Tally()) + Tally(
            Counter({status: count}), int(percent_sum), overdue, soon, unowned
        )
    return tallies
