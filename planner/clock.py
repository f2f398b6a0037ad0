"""Dates as users mean them: the calendar day in Europe/Stockholm."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# The dates the planner accepts anywhere: forms, the import and the backup agree.
EARLIEST = date(1990, 1, 1)
LATEST = date(2100, 12, 31)


def local_today() -> date:
    return datetime.now(STOCKHOLM).date()


def as_utc(moment: datetime) -> datetime:
    """A stored timestamp as an aware UTC time (SQLite returns it without a zone; it is UTC)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def to_local(moment: datetime) -> datetime:
    """A stored timestamp in Swedish time."""
    return as_utc(moment).astimezone(STOCKHOLM)
