"""The regional roll-up: for an organisation and its sub-organisations, which plan each has for
the year, at what level it was decided, and progress with a traffic light per area.

A fixed number of queries whatever the size of the tree: the subtree, its plans, their areas,
and the chosen plans' activities (only the columns the summary needs)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import load_only, selectinload

from planner.extensions import db
from planner.orgs.models import Organisation
from planner.orgs.services import subtree
from planner.plans.models import Activity, Plan
from planner.plans.overview import AreaSummary, mean_progress
from planner.plans.template import AREA_CODES, AREAS

# Which plan speaks for an organisation in a year, when several cover it.
_STATUS_PREFERENCE = {"faststalld": 0, "utkast": 1, "arkiverad": 2}


@dataclass(frozen=True)
class AreaCell:
    code: str
    progress: int | None
    light: str | None


@dataclass(frozen=True)
class OrganisationRow:
    depth: int
    name: str
    kind: str
    parent: str  # the organisation it belongs to (the tree is more than indentation)
    plan_title: str | None
    plan_status: str
    period: str
    decision_level: str
    decision_date: date | None
    activities: int
    late: int
    progress: int | None
    areas: tuple[AreaCell, ...]


@dataclass(frozen=True)
class AreaTotal:
    code: str
    title: str
    mean_progress: int | None  # the mean of the plans' area progress
    lights: dict[str, int]  # plans per light


@dataclass(frozen=True)
class Rollup:
    organisation: str
    year: int
    data_date: date
    rows: tuple[OrganisationRow, ...]
    totals: tuple[AreaTotal, ...]

    @property
    def with_plan(self) -> int:
        return sum(1 for r in self.rows if r.plan_title is not None)

    @property
    def decided(self) -> int:
        return sum(1 for r in self.rows if r.decision_date is not None)


def _plan_for_year(plans: list[Plan], year: int) -> Plan | None:
    covering = [p for p in plans if p.period_start <= year <= p.period_end]
    if not covering:
        return None
    return min(
        covering,
        key=lambda p: (_STATUS_PREFERENCE.get(p.status, 3), -p.period_start, -p.id),
    )


def gather_rollup(root: Organisation, year: int, today: date) -> Rollup:
    """The roll-up of ``root``'s subtree for ``year``, as of ``today``."""
    tree = subtree(root, key=lambda o: o.name.casefold())
    plans: dict[int, list[Plan]] = {}
    for plan in db.session.scalars(
        select(Plan)
        .where(Plan.organisation_id.in_([org.id for _, org in tree]))
        .options(selectinload(Plan.areas))
    ):
        plans.setdefault(plan.organisation_id, []).append(plan)
    chosen = {org.id: _plan_for_year(plans.get(org.id, []), year) for _, org in tree}
    activities: dict[int, list[Activity]] = {}
    plan_ids = [p.id for p in chosen.values() if p is not None]
    for activity in db.session.scalars(
        select(Activity)
        .where(Activity.plan_id.in_(plan_ids))
        .options(
            load_only(
                Activity.plan_id,
                Activity.area_id,
                Activity.status,
                Activity.percent,
                Activity.due_date,
                Activity.responsible_name,
            )
        )
    ):
        activities.setdefault(activity.area_id, []).append(activity)

    names = {org.id: org.name for _, org in tree}
    rows = []
    per_area: dict[str, list[AreaSummary]] = {code: [] for code in AREA_CODES}
    for depth, org in tree:
        plan = chosen[org.id]
        cells: list[AreaCell] = []
        late = count = 0
        everything: list[Activity] = []
        if plan is not None:
            by_code = {}
            for area in plan.areas:
                summary = AreaSummary(area, activities.get(area.id, []), today)
                per_area.setdefault(area.code, []).append(summary)
                by_code[area.code] = AreaCell(area.code, summary.progress, summary.light)
                late += summary.overdue
                count += len(summary.activities)
                everything.extend(summary.activities)
            # In the national order, by code: a plan missing an area gets an empty cell.
            cells = [by_code.get(code, AreaCell(code, None, None)) for code in AREA_CODES]
        rows.append(
            OrganisationRow(
                depth=depth,
                name=org.name,
                kind=org.kind_label,
                parent=names.get(org.parent_id, "") if depth else "",
                plan_title=plan.title if plan else None,
                plan_status=plan.status_label if plan else "",
                period=plan.period if plan else "",
                decision_level=plan.decision_level_label if plan else "",
                decision_date=plan.decision_date if plan else None,
                activities=count,
                late=late,
                progress=mean_progress(everything),
                areas=tuple(cells),
            )
        )
    totals = []
    for code, title in ((a.code, a.title) for a in AREAS):
        summaries = per_area.get(code, [])
        measured = [s.progress for s in summaries if s.progress is not None]
        lights: dict[str, int] = {}
        for s in summaries:
            if s.light:
                lights[s.light] = lights.get(s.light, 0) + 1
        totals.append(
            AreaTotal(
                code=code,
                title=title,
                mean_progress=round(sum(measured) / len(measured)) if measured else None,
                lights=lights,
            )
        )
    return Rollup(
        organisation=root.name,
        year=year,
        data_date=today,
        rows=tuple(rows),
        totals=tuple(totals),
    )
