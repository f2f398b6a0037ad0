"""Dates as users mean them: the calendar day in Europe/Stockholm."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def local_today() -> date:
    return datetime.now(STOCKHOLM).date()


def to_local(moment: datetime) -> datetime:
    """A stored timestamp (UTC; SQLite returns it without a zone) in Swedish time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(STOCKHOLM)
