"""Writing an organisation subtree to a backup document (the export half)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from planner.assessment.models import Answer, Assessment, GapActivity
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
from planner.feeds.models import Subscription
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
from planner.psb.contribution_models import Contribution, PartRequest
from planner.psb.models import ReportFigures, ReportSection, SafetyReport
from planner.results.models import Measure, MeasureValue
from planner.wheel.models import OccurrenceDone, WheelEvent


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


@dataclass(frozen=True)
class _Part:
    """A section whose rows hang off rows already chosen: ``column`` points into ``owner``;
    ``order`` sorts them in file terms (the owners' file ids first), ``keep`` filters."""

    section: str
    model: type
    column: str
    owner: str
    order: Callable[[Any, _Numbering], tuple]
    keep: Callable[[Any, _Numbering], bool] | None = None

    def choose(self, n: _Numbering) -> list[Any]:
        owners = list(n.local[self.owner])
        found = db.session.scalars(
            select(self.model).where(getattr(self.model, self.column).in_(owners))
        )
        if self.keep is not None:
            found = [row for row in found if self.keep(row, n)]
        rows = _sorted(found, lambda row: self.order(row, n))
        n.assign(self.section, rows)
        return rows


# The plan side, in the order a section's sort needs the one before it numbered.
_PLAN_PARTS = (
    _Part(
        "plans",
        Plan,
        "organisation_id",
        "organisations",
        lambda p, n: (n.local["organisations"][p.organisation_id], p.period_start, p.title),
    ),
    _Part(
        "plan_areas",
        PlanArea,
        "plan_id",
        "plans",
        lambda a, n: (n.local["plans"][a.plan_id], a.position, a.code),
    ),
    _Part(
        "goals",
        Goal,
        "plan_id",
        "plans",
        lambda g, n: (n.local["plan_areas"][g.area_id], g.position, g.title),
    ),
    _Part(
        "activities",
        Activity,
        "plan_id",
        "plans",
        lambda a, n: (
            n.local["plan_areas"][a.area_id],
            _nulls_first(n.ref("goals", a.goal_id)),
            a.title,
        ),
    ),
    _Part(
        "measures",
        Measure,
        "plan_id",
        "plans",
        lambda m, n: (n.local["plans"][m.plan_id], m.area_code, m.position, m.name),
    ),
)
# After the people are numbered (a subscription needs its user in the file).
_LATER_PARTS = (
    _Part(
        "progress_updates",
        ProgressUpdate,
        "activity_id",
        "activities",
        lambda u, n: (n.local["activities"][u.activity_id], u.date, u.created_at),
    ),
    _Part(
        "measure_values",
        MeasureValue,
        "measure_id",
        "measures",
        lambda v, n: (
            n.local["measures"][v.measure_id],
            v.period_start,
            v.period,
            n.local["organisations"][v.organisation_id],
        ),
        # A value of a unit that has since moved out of the tree cannot be restored here.
        keep=lambda v, n: v.organisation_id in n.local["organisations"],
    ),
    _Part(
        "wheel_events",
        WheelEvent,
        "organisation_id",
        "organisations",
        lambda e, n: (n.local["organisations"][e.organisation_id], e.start_date, e.title),
    ),
    _Part(
        "occurrences_done",
        OccurrenceDone,
        "event_id",
        "wheel_events",
        lambda d, n: (n.local["wheel_events"][d.event_id], d.day),
    ),
    _Part(
        "subscriptions",
        Subscription,
        "organisation_id",
        "organisations",
        lambda s, n: (n.local["organisations"][s.organisation_id], s.token_hash),
        # A personal subscription of someone without a role here could not be used after a move.
        keep=lambda s, n: s.user_id is None or s.user_id in n.local["users"],
    ),
    _Part(
        "assessments",
        Assessment,
        "organisation_id",
        "organisations",
        lambda a, n: (n.local["organisations"][a.organisation_id], a.year),
    ),
    _Part(
        "assessment_answers",
        Answer,
        "assessment_id",
        "assessments",
        lambda a, n: (n.local["assessments"][a.assessment_id], a.question_code),
    ),
    _Part(
        "assessment_gap_activities",
        GapActivity,
        "assessment_id",
        "assessments",
        lambda g, n: (
            n.local["assessments"][g.assessment_id],
            n.local["activities"][g.activity_id],
        ),
        # An activity in a plan outside the subtree is not in the file: nor is its link.
        keep=lambda g, n: g.activity_id in n.local["activities"],
    ),
    _Part(
        "safety_reports",
        SafetyReport,
        "organisation_id",
        "organisations",
        lambda r, n: (n.local["organisations"][r.organisation_id], r.year),
    ),
    _Part(
        "report_sections",
        ReportSection,
        "report_id",
        "safety_reports",
        lambda s, n: (n.local["safety_reports"][s.report_id], s.section_key),
    ),
    _Part(
        "report_figures",
        ReportFigures,
        "report_id",
        "safety_reports",
        lambda f, n: (n.local["safety_reports"][f.report_id],),
    ),
    _Part(
        "psb_part_requests",
        PartRequest,
        "report_id",
        "safety_reports",
        lambda r, n: (
            n.local["safety_reports"][r.report_id],
            n.local["organisations"][r.organisation_id],
        ),
        # Asked units are below the report's organisation, so in the file with their people.
        keep=lambda r, n: (
            r.organisation_id in n.local["organisations"]
            and (r.writer_id is None or r.writer_id in n.local["users"])
        ),
    ),
    _Part(
        "psb_contributions",
        Contribution,
        "request_id",
        "psb_part_requests",
        lambda c, n: (n.local["psb_part_requests"][c.request_id], c.section_key),
    ),
)


def _responsible(
    activities: list[Activity], n: _Numbering
) -> tuple[list[Organisation], dict[int, dict[str, list[int]]]]:
    """The organisations outside the tree that share the activities (numbered), and each
    activity's responsible organisations as file ids inside the tree and outside it."""
    links = db.session.execute(
        select(activity_organisation).where(
            activity_organisation.c.activity_id.in_([a.id for a in activities])
        )
    ).all()
    inside = n.local["organisations"]
    outside_ids = {org_id for _a, org_id in links if org_id not in inside}
    external = _sorted(
        db.session.scalars(select(Organisation).where(Organisation.id.in_(outside_ids))),
        lambda o: (o.name, o.kind),
    )
    n.assign("external_organisations", external)
    responsible: dict[int, dict[str, list[int]]] = {
        a.id: {"organisations": [], "external_organisations": []} for a in activities
    }
    for activity_id, org_id in links:
        key = "organisations" if org_id in inside else "external_organisations"
        responsible[activity_id][key].append(n.local[key][org_id])
    return external, responsible


def _people(n: _Numbering) -> tuple[list[User], list[Membership]]:
    """The memberships in the tree and the accounts they name, numbered."""
    memberships = list(
        db.session.scalars(
            select(Membership).where(Membership.organisation_id.in_(n.local["organisations"]))
        )
    )
    users = sorted(
        db.session.scalars(select(User).where(User.id.in_({m.user_id for m in memberships}))),
        key=lambda u: (u.email, u.id),
    )
    n.assign("users", users)
    memberships = _sorted(
        memberships,
        lambda m: (n.local["users"][m.user_id], n.local["organisations"][m.organisation_id]),
    )
    n.assign("memberships", memberships)
    return users, memberships


def dump(root: Organisation, exported_at: datetime | None = None) -> dict:
    """Everything that belongs to ``root`` and the organisations below it, as a document."""
    n = _Numbering()
    # Siblings by name (then age), so the same tree gives the same file.
    orgs = [org for _depth, org in subtree(root, key=lambda o: (o.name, o.kind, o.id))]
    n.assign("organisations", orgs)
    chosen: dict[str, list[Any]] = {"organisations": orgs}
    for part in _PLAN_PARTS:
        chosen[part.section] = part.choose(n)
    chosen["external_organisations"], responsible = _responsible(chosen["activities"], n)
    chosen["users"], chosen["memberships"] = _people(n)
    for part in _LATER_PARTS:
        chosen[part.section] = part.choose(n)
    chosen["history"] = list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.organisation_id.in_(n.local["organisations"]))
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

    extras = {"activities": activity_extra, "history": history_extra}
    # A wheel event may point at a plan of an organisation above the subtree: that link is
    # not part of this backup (the event stays, without its plan).
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": to_file(AuditEvent.__table__.c.at, exported_at or utcnow()),
        "root": root.name,
        **{key: _rows(key, chosen[key], n, extras.get(key)) for key in BY_KEY},
    }


def dump_bytes(root: Organisation, exported_at: datetime | None = None) -> bytes:
    return to_bytes(dump(root, exported_at))


def counts(document: dict) -> dict[str, int]:
    """How many rows of each kind the document holds (for the summary after export/import)."""
    return {key: len(document.get(key) or []) for key in BY_KEY}
