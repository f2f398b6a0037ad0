"""Where reminders come from: a small registry, one module per kind of item.

A source is a module with ``ITEM_KIND`` and ``notices(today, leads)``: an iterator of
``Notice``, one per reminder due today (or due earlier and still relevant: a missed day
catches up) for each person who answers for the item, ordered by recipient and read from the
database in pages (never all rows at once), so a run can write each person one mail.
The weekly digest is the person's "My work" list (planner.mywork.items).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from types import ModuleType

from sqlalchemy import select

from planner.extensions import db
from planner.orgs.models import Organisation
from planner.reminders.models import DEFAULT_LEAD_DAYS, ReminderPolicy, parse_lead_days

# Reminder kinds: what the mail says about the item.
DUE_SOON, FOLLOW_UP_SOON, OVERDUE = "due_soon", "follow_up_soon", "overdue"


@dataclass(frozen=True)
class Notice:
    recipient_id: int
    item_kind: str
    item_id: int
    reminder_kind: str
    occasion: str  # which reminder of the item: the date and the lead, or the overdue week
    day: date
    title: str
    context: str  # the plan (and organisation) it belongs to
    organisation_id: int
    path: str  # the item's page, below PLANNER_BASE_URL

    @property
    def key(self) -> tuple:
        return (self.recipient_id, self.item_kind, self.item_id, self.reminder_kind, self.occasion)


class LeadDays:
    """Each organisation's lead days: its own policy, else its nearest ancestor's, else the
    default (14 and 1 days). Read once per run (a few hundred organisations)."""

    def __init__(self) -> None:
        self._parent = {
            r[0]: r[1] for r in db.session.execute(select(Organisation.id, Organisation.parent_id))
        }
        self._own: dict[int, tuple[int, ...]] = {}
        for org_id, text in db.session.execute(
            select(ReminderPolicy.organisation_id, ReminderPolicy.lead_days)
        ):
            try:
                self._own[org_id] = parse_lead_days(text)
            except ValueError:
                continue
        self._cache: dict[int, tuple[int, ...]] = {}

    def of(self, org_id: int) -> tuple[int, ...]:
        if org_id not in self._cache:
            node, seen = org_id, set()
            while node is not None and node not in self._own and node not in seen:
                seen.add(node)
                node = self._parent.get(node)
            self._cache[org_id] = self._own.get(node, DEFAULT_LEAD_DAYS)
        return self._cache[org_id]

    @property
    def tree(self) -> dict[int, int | None]:
        """Each organisation's parent (None at the top)."""
        return self._parent

    @property
    def longest(self) -> int:
        return max((max(d) for d in [*self._own.values(), DEFAULT_LEAD_DAYS]), default=14)


def keyset_pages(statement, key, size: int = 2000) -> Iterator:
    """The rows of ``statement(after)`` page by page, ``after`` being the ``key`` of the last
    row read ((0, 0) at first): a source streams its rows in the recipient's order without
    holding them all."""
    after = (0, 0)
    while True:
        rows = db.session.execute(statement(after).limit(size)).all()
        yield from rows
        if len(rows) < size:
            return
        after = key(rows[-1])


def before(day: date, today: date, lead_days: tuple[int, ...]) -> str | None:
    """The occasion of the reminder due before ``day``: the nearest lead that has come
    ("2026-12-15/1"). A missed run catches up with the latest lead only, never a stale one."""
    if day < today:
        return None
    come = [lead for lead in lead_days if (day - today).days <= lead]
    return f"{day.isoformat()}/{min(come)}" if come else None


def overdue(day: date, today: date) -> str:
    """Once when overdue, then once a week while it stays overdue ("2026-11-30/v2")."""
    return f"{day.isoformat()}/v{(today - day).days // 7}"


def registered() -> list[ModuleType]:
    from planner.reminders.sources import activities, measures, psb_parts

    return [activities, measures, psb_parts]


def all_notices(today: date, leads: LeadDays) -> Iterator[Notice]:
    """Every source's notices merged in recipient order, streamed."""
    streams = [source.notices(today, leads) for source in registered()]
    return heapq.merge(*streams, key=lambda notice: notice.recipient_id)
