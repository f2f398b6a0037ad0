"""Writing an organisation subtree to a backup document (the export half)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select

from planner.audit.models import AuditEvent
from planner.auth.models import Membership, User
from planner.backup.format import (
    BY_KEY,
    ENTITY_SECTIONS,
    FORMAT,
    HISTORY_REFS,
    VERSION,
    to_bytes,
    to_file,
)
from planner.extensions import db
from planner.models import utcnow
from planner.orgs.models import Organisation
from planner.orgs.services import subtree
from planner.plans.models import (
    Activity,
    Goal,
    Plan,
    PlanArea,
    ProgressUpdate,
    activity_organisation,
)
from planner.wheel.models import OccurrenceDone, Subscription, WheelEvent


class _Numbering:
    """File-local ids per section: database id → 1, 2, 3 … in the file's order."""

    def __init__(self) -> None:
        self.local: dict[str, dict[int, int]] = {}
        self.ghosts: dict[str, dict[int, int]] = {}

    def assign(self, section: str, rows: Iterable[Any]) -> None:
        self.local[section] = {row.id: n for n, row in enumerate(rows, start=1)}

    def ref(self, section: str, db_id: int | None) -> int | None:
        return None if db_id is None else self.local[section].get(db_id)

    def history_ref(self, kind: str, db_id: int | None) -> int | None:
        """A row of the file, or a negative ghost for one that is gone (or not exported)."""
        if db_id is None:
            return None
        section = ENTITY_SECTIONS.get(kind)
        if section is not None and db_id in self.local.get(section, {}):
            return self.local[section][db_id]
        ghosts = self.ghosts.setdefault(kind, {})
        return ghosts.setdefault(db_id, -(len(ghosts) + 1))


def _rows(section: str, objs: Iterable[Any], numbering: _Numbering, extra=None) -> list[dict]:
    spec = BY_KEY[section]
    rows = []
    for n, obj in enumerate(objs, start=1):
        row: dict[str, Any] = {"id": n}
        for column in spec.columns:
            value = getattr(obj, column.key)
            if column.key in spec.refs:
                row[column.key] = numbering.ref(spec.refs[column.key], value)
            else:
                row[column.key] = to_file(column, value)
        if extra is not None:
            row.update(extra(obj))
        rows.append(row)
    return rows


def _sorted(objs: Iterable[Any], key: Callable[[Any], tuple]) -> list[Any]:
    # The database id breaks ties last: a restore inserts rows in file order, so new ids keep
    # the same relative order and the next export sorts identically.
    return sorted(objs, key=lambda o: (*key(o), o.id))


def _nulls_first(value: Any) -> tuple:
    return (value is not None, value if value is not None else 0)


def dump(root: Organisation, exported_at: datetime | None = None) -> dict:
    """Everything that belongs to ``root`` and the organisations below it, as a document."""
    # Siblings by name (then age), so the same tree gives the same file.
    orgs = [org for _depth, org in subtree(root, key=lambda o: (o.name, o.kind, o.id))]
    ids = [org.id for org in orgs]
    n = _Numbering()

    n.assign("organisations", orgs)
    org_no = n.local["organisations"]

    plans = _sorted(
        db.session.scalars(select(Plan).where(Plan.organisation_id.in_(ids))),
        lambda p: (org_no[p.organisation_id], p.period_start, p.title),
    )
    n.assign("plans", plans)
    plan_ids = [p.id for p in plans]
    areas = _sorted(
        db.session.scalars(select(PlanArea).where(PlanArea.plan_id.in_(plan_ids))),
        lambda a: (n.local["plans"][a.plan_id], a.position, a.code),
    )
    n.assign("plan_areas", areas)
    goals = _sorted(
        db.session.scalars(select(Goal).where(Goal.plan_id.in_(plan_ids))),
        lambda g: (n.local["plan_areas"][g.area_id], g.position, g.title),
    )
    n.assign("goals", goals)
    activities = _sorted(
        db.session.scalars(select(Activity).where(Activity.plan_id.in_(plan_ids))),
        lambda a: (
            n.local["plan_areas"][a.area_id],
            _nulls_first(n.ref("goals", a.goal_id)),
            a.title,
        ),
    )
    n.assign("activities", activities)
    links = db.session.execute(
        select(activity_organisation).where(
            activity_organisation.c.activity_id.in_([a.id for a in activities])
        )
    ).all()
    outside_ids = {org_id for _a, org_id in links if org_id not in org_no}
    external = _sorted(
        db.session.scalars(select(Organisation).where(Organisation.id.in_(outside_ids))),
        lambda o: (o.name, o.kind),
    )
    n.assign("external_organisations", external)
    responsible: dict[int, dict[str, list[int]]] = {
        a.id: {"organisations": [], "external_organisations": []} for a in activities
    }
    for activity_id, org_id in links:
        inside = org_id in org_no
        key = "organisations" if inside else "external_organisations"
        responsible[activity_id][key].append(n.local[key][org_id])

    memberships = list(
        db.session.scalars(select(Membership).where(Membership.organisation_id.in_(ids)))
    )
    users = sorted(
        db.session.scalars(select(User).where(User.id.in_({m.user_id for m in memberships}))),
        key=lambda u: (u.email, u.id),
    )
    n.assign("users", users)
    memberships = _sorted(
        memberships,
        lambda m: (n.local["users"][m.user_id], org_no[m.organisation_id]),
    )
    n.assign("memberships", memberships)

    updates = _sorted(
        db.session.scalars(
            select(ProgressUpdate).where(ProgressUpdate.activity_id.in_(responsible))
        ),
        lambda u: (n.local["activities"][u.activity_id], u.date, u.created_at),
    )
    n.assign("progress_updates", updates)
    events = _sorted(
        db.session.scalars(select(WheelEvent).where(WheelEvent.organisation_id.in_(ids))),
        lambda e: (org_no[e.organisation_id], e.start_date, e.title),
    )
    n.assign("wheel_events", events)
    done = _sorted(
        db.session.scalars(
            select(OccurrenceDone).where(OccurrenceDone.event_id.in_([e.id for e in events]))
        ),
        lambda d: (n.local["wheel_events"][d.event_id], d.day),
    )
    n.assign("occurrences_done", done)
    # A personal subscription of someone without a role here could not be used after a move.
    subscriptions = _sorted(
        (
            s
            for s in db.session.scalars(
                select(Subscription).where(Subscription.organisation_id.in_(ids))
            )
            if s.user_id is None or s.user_id in n.local["users"]
        ),
        lambda s: (org_no[s.organisation_id], s.token_hash),
    )
    n.assign("subscriptions", subscriptions)
    history = list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.organisation_id.in_(ids))
            .order_by(AuditEvent.at, AuditEvent.id)
        )
    )

    def activity_extra(activity: Activity) -> dict:
        return {key: sorted(value) for key, value in responsible[activity.id].items()}

    def history_extra(event: AuditEvent) -> dict:
        refs = {"entity_id": n.history_ref(event.entity_type, event.entity_id)}
        refs.update(
            {
                column: n.history_ref(kind, getattr(event, column))
                for column, kind in HISTORY_REFS.items()
            }
        )
        return refs

    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": to_file(AuditEvent.__table__.c.at, exported_at or utcnow()),
        "root": root.name,
        "organisations": _rows("organisations", orgs, n),
        "external_organisations": _rows("external_organisations", external, n),
        "users": _rows("users", users, n),
        "memberships": _rows("memberships", memberships, n),
        "plans": _rows("plans", plans, n),
        "plan_areas": _rows("plan_areas", areas, n),
        "goals": _rows("goals", goals, n),
        "activities": _rows("activities", activities, n, activity_extra),
        "progress_updates": _rows("progress_updates", updates, n),
        "wheel_events": _rows("wheel_events", events, n),
        "occurrences_done": _rows("occurrences_done", done, n),
        "subscriptions": _rows("subscriptions", subscriptions, n),
        "history": _rows("history", history, n, history_extra),
    }
    # A wheel event may point at a plan of an organisation above the subtree: that link is
    # not part of this backup (the event stays, without its plan).
    return document


def dump_bytes(root: Organisation, exported_at: datetime | None = None) -> bytes:
    return to_bytes(dump(root, exported_at))


def counts(document: dict) -> dict[str, int]:
    """How many rows of each kind the document holds (for the summary after export/import)."""
    return {key: len(document.get(key) or []) for key in BY_KEY}
