"""The weekly digests: a person's own list (their My work, by mail) and a plan's state for
the editors who asked for it (overdue, unowned, due soon)."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from planner.extensions import db
from planner.mywork.items import Item, items_for
from planner.plans.models import Activity, Plan
from planner.reminders.mail import Entry, Mail, Section, absolute

# A digest lists at most this many rows per section and counts the rest.
SECTION_ROWS = 30
DUE_SOON_DAYS = 14


def _item_entry(item: Item, today: date) -> Entry:
    """A My work row in the digest: what, which date, and a link to the item itself."""
    where = item.plan_title or item.organisation_name
    what = f"{item.kind_label} {item.day.isoformat()}"
    return Entry(item.title, f"{where}. {what}", absolute(item.path))


def _section(heading: str, entries: list[Entry], total: int | None = None) -> Section:
    total = len(entries) if total is None else total
    return Section(heading, entries[:SECTION_ROWS], max(0, total - SECTION_ROWS))


def personal(user, today: date, horizon_days: int) -> Mail | None:
    """The person's own weekly digest, or None when nothing is overdue or coming."""
    items = items_for(user, today, horizon_days)
    if not items:
        return None
    with force_locale("sv"):
        late = [_item_entry(i, today) for i in items if i.is_overdue(today)]
        coming = [_item_entry(i, today) for i in items if not i.is_overdue(today)]
        sections = []
        if late:
            sections.append(_section(_("Försenat"), late))
        if coming:
            sections.append(_section(_("De kommande %(n)d dagarna", n=horizon_days), coming))
        return Mail(
            user.name,
            user.email,
            _(
                "Veckobrev: %(late)d försenade och %(coming)d kommande",
                late=len(late),
                coming=len(coming),
            ),
            _("Det här är du ansvarig för, vecka %(week)d.", week=today.isocalendar()[1]),
            sections,
            _(
                "Du får det här för att du har valt ett veckobrev i stället för en påminnelse "
                "i taget."
            ),
            recipient_id=user.id,
        )


def _activities(plan_id: int, condition, order) -> tuple[list[Entry], int]:
    where = (Activity.plan_id == plan_id, condition)
    total = db.session.scalar(select(func.count(Activity.id)).where(*where)) or 0
    rows = db.session.execute(
        select(Activity.id, Activity.title, Activity.due_date, Activity.responsible_name)
        .where(*where)
        .order_by(order, Activity.id)
        .limit(SECTION_ROWS)
    ).all()
    entries = []
    for row in rows:
        due = row.due_date.isoformat() if row.due_date else "–"
        who = row.responsible_name or _("ingen ansvarig")
        detail = _("Slutdatum %(date)s, %(who)s", date=due, who=who)
        entries.append(Entry(row.title, detail, absolute(f"/aktiviteter/{row.id}")))
    return entries, total


def plan(user, plan_id: int, today: date) -> Mail | None:
    """A plan's weekly digest for an editor, or None when nothing needs attention."""
    found = db.session.get(Plan, plan_id)
    if found is None:
        return None
    soon = today + timedelta(days=DUE_SOON_DAYS)
    with force_locale("sv"):
        parts = [
            (_("Försenade"), Activity.is_overdue(today), Activity.due_date),
            (_("Utan ansvarig"), Activity.is_unowned, Activity.due_date),
            (
                _("Slutdatum inom %(n)d dagar", n=DUE_SOON_DAYS),
                (Activity.due_date >= today) & (Activity.due_date <= soon) & ~Activity.is_closed,
                Activity.due_date,
            ),
        ]
        sections, counts = [], []
        for heading, condition, order in parts:
            entries, total = _activities(plan_id, condition, order)
            counts.append(total)
            if total:
                sections.append(_section(f"{heading} ({total})", entries, total))
        if not sections:
            return None
        return Mail(
            user.name,
            user.email,
            _(
                "Veckobrev om %(plan)s: %(late)d försenade, %(unowned)d utan ansvarig",
                plan=found.title,
                late=counts[0],
                unowned=counts[1],
            ),
            _(
                "Läget i planen %(plan)s (%(org)s), vecka %(week)d. Hela planen: %(url)s",
                plan=found.title,
                org=found.organisation.name,
                week=today.isocalendar()[1],
                url=absolute(f"/planer/{plan_id}"),
            ),
            sections,
            _("Du får det här för att du har valt veckobrev om planen."),
            plan_id=plan_id,
            recipient_id=user.id,
        )
