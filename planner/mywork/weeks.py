"""My work's list in the order a person works through it: what is overdue, then week by week
(ISO weeks, Monday to Sunday, as Swedish calendars count them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from planner.mywork.items import Item

# How far ahead the page looks, in weeks (this week counts as the first); the default is four.
WEEK_CHOICES = (1, 2, 4, 8, 13, 26, 52)
DEFAULT_WEEKS = 4


@dataclass
class Week:
    monday: date
    items: list[Item] = field(default_factory=list)

    @property
    def number(self) -> int:
        return self.monday.isocalendar().week

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)


@dataclass
class WorkList:
    today: date
    overdue: list[Item]
    weeks: list[Week]

    @property
    def upcoming_count(self) -> int:
        return sum(len(week.items) for week in self.weeks)

    @property
    def is_empty(self) -> bool:
        return not self.overdue and not self.upcoming_count


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def horizon_days(today: date, weeks: int) -> int:
    """Days from ``today`` to the Sunday that ends the ``weeks``-th week (this one first)."""
    return (monday_of(today) + timedelta(weeks=weeks, days=-1) - today).days


def work_list(items: list[Item], today: date, weeks: int) -> WorkList:
    """``items`` (in day order) as the overdue ones and one entry per week with something in
    it; weeks with nothing due are left out."""
    by_week: dict[date, Week] = {}
    overdue = []
    for item in items:
        if item.is_overdue(today):
            overdue.append(item)
        else:
            monday = monday_of(item.day)
            by_week.setdefault(monday, Week(monday)).items.append(item)
    return WorkList(today, overdue, sorted(by_week.values(), key=lambda week: week.monday))
