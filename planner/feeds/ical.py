"""The calendar feed as a pure function from rows to bytes: the same data gives the same
bytes (stable UIDs, DTSTAMP from the rows), so a hash of it is a fair ETag.

Rules followed (notes/ical.md): one Europe/Stockholm VTIMEZONE in RRULE form, all-day items
with an exclusive DTEND and TRANSP:TRANSPARENT, SEQUENCE that rises on schedule changes,
refresh hints, a URL back to each item."""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, vDuration, vRecur

from planner.clock import STOCKHOLM, to_local

UID_NAMESPACE = uuid.UUID("5f0c3a52-8b0e-4a8e-9d5e-2a4f4c1d9e11")
UID_DOMAIN = "planner"
REFRESH = timedelta(hours=6)
DESCRIPTION_LIMIT = 500

# Sweden's rules since 1996: summer time from the last Sunday of March 02:00 to the last
# Sunday of October 03:00. Written in RRULE form: icalendar's generated RDATE lists are
# misread by vobject and reportedly shifted by Outlook.
STOCKHOLM_VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Stockholm
X-LIC-LOCATION:Europe/Stockholm
BEGIN:DAYLIGHT
TZNAME:CEST
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZNAME:CET
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
"""


@dataclass(frozen=True)
class FeedItem:
    """One calendar entry, already in plain values."""

    key: str  # stable identity, e.g. "wheel_event:12" → the UID
    title: str
    description: str
    url: str
    start: date | datetime  # a date for all-day items, a Stockholm-local datetime otherwise
    duration: timedelta | None  # whole days for all-day items; None: one day (or one hour)
    sequence: int
    modified: datetime
    categories: tuple[str, ...] = ()
    rrule: dict | None = None
    exdates: tuple[date, ...] = ()


def uid(key: str) -> str:
    return f"{uuid.uuid5(UID_NAMESPACE, key)}@{UID_DOMAIN}"


# Characters readers may take for the end of a line (Python's str.splitlines() list): only
# LF may reach the library, which escapes it as \n. Left raw, U+2028/U+2029/NEL split a
# line for some readers and not for others.
_LINE_BREAKS = str.maketrans(dict.fromkeys("\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", "\n"))


def plain_text(text: str) -> str:
    """User text as iCal TEXT may carry it: every line break a newline (which the library
    escapes as \\n), no other control character (RFC 5545 allows only HTAB)."""
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")


def _short(text: str) -> str:
    text = plain_text(text).strip()
    return text if len(text) <= DESCRIPTION_LIMIT else text[: DESCRIPTION_LIMIT - 1] + "…"


def _event(item: FeedItem) -> Event:
    stamp = to_local(item.modified).astimezone(UTC)
    event = Event()
    event.add("uid", uid(item.key))
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("sequence", item.sequence)
    event.add("summary", plain_text(item.title))
    description = _short(item.description)
    event.add("description", f"{description}\n\n{item.url}" if description else item.url)
    event.add("url", item.url)
    if item.categories:
        event.add("categories", [plain_text(c) for c in item.categories])
    if isinstance(item.start, datetime):
        start = item.start.replace(tzinfo=STOCKHOLM)
        event.add("dtstart", start)
        event.add("dtend", start + (item.duration or timedelta(hours=1)))
        exdate_values = [datetime.combine(d, start.timetz()) for d in item.exdates]
    else:
        event.add("dtstart", item.start)
        event.add("dtend", item.start + (item.duration or timedelta(days=1)))  # exclusive
        event.add("transp", "TRANSPARENT")
        exdate_values = list(item.exdates)
    if item.rrule:
        event.add("rrule", vRecur(item.rrule))
    for value in exdate_values:
        event.add("exdate", value)
    return event


def build_feed(name: str, items: Iterable[FeedItem]) -> bytes:
    """The whole VCALENDAR for ``items`` (sorted by key so output is deterministic)."""
    calendar = Calendar()
    calendar.add("prodid", "-//planner//Patientsäkerhetsplanen//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = " ".join(plain_text(name).split())  # the calendar's name is one line
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Stockholm")
    calendar.add("refresh-interval", vDuration(REFRESH), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    calendar.add_component(Calendar.from_ical(STOCKHOLM_VTIMEZONE))
    for item in sorted(items, key=lambda i: i.key):
        calendar.add_component(_event(item))
    return calendar.to_ical()
