"""Recurrence of annual-wheel events, in the terms of RFC 5545 (so the feed and the picture
agree): once; yearly on a date; yearly on the n-th (or last) weekday of a month; monthly on a
day or on the n-th weekday; every N years or months; ended by a date or a count; skipped dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from dateutil import rrule

ONCE = "once"
YEARLY_DATE = "yearly_date"
YEARLY_WEEKDAY = "yearly_weekday"
MONTHLY_DAY = "monthly_day"
MONTHLY_WEEKDAY = "monthly_weekday"
KINDS = (ONCE, YEARLY_DATE, YEARLY_WEEKDAY, MONTHLY_DAY, MONTHLY_WEEKDAY)
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
LAST = -1


@dataclass(frozen=True)
class Recurrence:
    kind: str
    start: date  # the first day the event may occur
    interval: int = 1  # every N years (yearly kinds) or months (monthly kinds)
    month: int | None = None  # yearly_weekday: which month
    weekday: int | None = None  # 0 = Monday … 6 = Sunday
    nth: int | None = None  # 1–5, or LAST (-1)
    until: date | None = None
    count: int | None = None
    skipped: tuple[date, ...] = field(default_factory=tuple)

    def _rule(self) -> rrule.rrule | None:
        # dateutil reads the same RRULE the feed publishes: the rule is mapped once.
        parts = self.rrule_parts()
        if parts is None:
            return None
        text = ";".join(
            f"{key}={value.strftime('%Y%m%d') if isinstance(value, date) else value}"
            for key, value in parts.items()
        )
        return rrule.rrulestr(text, dtstart=datetime.combine(self.start, time()))

    def first(self) -> date | None:
        """The first occurrence (the feed's DTSTART), skipped dates included as in RFC 5545."""
        rule = self._rule()
        if rule is None:
            return self.start
        found = rule.after(datetime.combine(self.start, time()), inc=True)
        return found.date() if found else None

    def occurrences(self, start: date, end: date) -> list[date]:
        """The days it occurs on from ``start`` to ``end`` inclusive, skipped dates left out."""
        rule = self._rule()
        if rule is None:
            days = [self.start] if start <= self.start <= end else []
        else:
            days = [
                d.date()
                for d in rule.between(
                    datetime.combine(start, time()), datetime.combine(end, time()), inc=True
                )
            ]
        skipped = set(self.skipped)
        return [d for d in days if d not in skipped]

    def rrule_parts(self) -> dict | None:
        """The RRULE as icalendar's vRecur mapping (None for a single event)."""
        if self.kind == ONCE:
            return None
        if self.kind not in KINDS:
            raise ValueError(f"unknown recurrence {self.kind!r}")
        parts: dict = {}
        if self.kind in (YEARLY_DATE, YEARLY_WEEKDAY):
            parts["FREQ"] = "YEARLY"
        else:
            parts["FREQ"] = "MONTHLY"
        if self.interval > 1:
            parts["INTERVAL"] = self.interval
        if self.kind == YEARLY_DATE:
            parts["BYMONTH"] = self.start.month
            parts["BYMONTHDAY"] = self.start.day
        elif self.kind == YEARLY_WEEKDAY:
            parts["BYMONTH"] = self.month
            parts["BYDAY"] = f"{self.nth:+d}{WEEKDAY_CODES[self.weekday]}"
        elif self.kind == MONTHLY_DAY:
            parts["BYMONTHDAY"] = self.start.day
        else:
            parts["BYDAY"] = f"{self.nth:+d}{WEEKDAY_CODES[self.weekday]}"
        if self.until:
            parts["UNTIL"] = self.until
        elif self.count:
            parts["COUNT"] = self.count
        return parts
