"""The regional roll-up: for an organisation and its sub-organisations, which plan each has for
the year, at what level it was decided, and progress with a traffic light per area.

A fixed number of queries whatever the size of the tree: the subtree, its plans, their areas,
one grouped sum of the chosen plans' activities per area (planner.plans.lights), and the
measures the plans share with their values (planner.reports.results)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from planner.extensions import db
from planner.orgs.models import Organisation
from planner.orgs.services import subtree
from planner.plans.lights import Tally, area_tallies, combined
from planner.plans.models import Activity, Plan
from planner.plans.template import AREA_CODES, AREAS
from planner.reports.results import SharedMeasure, compare_measures

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
    shared: tuple[SharedMeasure, ...] = ()  # measures two or more plans follow, compared

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


def _chosen_plans(tree: list[tuple[int, Organisation]], year: int) -> dict[int, Plan | None]:
    """The plan that speaks for each organisation in ``year`` (None when it has none)."""
    plans: dict[int, list[Plan]] = {}
    for plan in db.session.scalars(
        select(Plan)
        .where(Plan.organisation_id.in_([org.id for _, org in tree]))
        .options(selectinload(Plan.areas))
    ):
        plans.setdefault(plan.organisation_id, []).append(plan)
    return {org.id: _plan_for_year(plans.get(org.id, []), year) for _, org in tree}


def _row(
    depth: int, org: Organisation, parent: str, plan: Plan | None, tallies: dict[int, Tally]
) -> OrganisationRow:
    """An organisation's line: its plan, and the plan's areas in the national order."""
    cells: list[AreaCell] = []
    whole = Tally()
    if plan is not None:
        by_code = {}
        for area in plan.areas:
            tally = tallies.get(area.id, Tally())
            by_code[area.code] = AreaCell(area.code, tally.progress, tally.light)
        whole = combined(tallies.get(area.id, Tally()) for area in plan.areas)
        # In the national order, by code: a plan missing an area gets an empty cell.
        cells = [by_code.get(code, AreaCell(code, None, None)) for code in AREA_CODES]
    return OrganisationRow(
        depth=depth,
        name=org.name,
        kind=org.kind_label,
        parent=parent,
        plan_title=plan.title if plan else None,
        plan_status=plan.status_label if plan else "",
        period=plan.period if plan else "",
        decision_level=plan.decision_level_label if plan else "",
        decision_date=plan.decision_date if plan else None,
        activities=whole.total,
        late=whole.overdue,
        progress=whole.progress,
        areas=tuple(cells),
    )


def _total(code: str, title: str, tallies: list[Tally]) -> AreaTotal:
    """One area across the plans: the mean of their progress and how many have each light."""
    measured = [t.progress for t in tallies if t.progress is not None]
    lights: dict[str, int] = {}
    for t in tallies:
        if t.light:
            lights[t.light] = lights.get(t.light, 0) + 1
    return AreaTotal(
        code=code,
        title=title,
        mean_progress=round(sum(measured) / len(measured)) if measured else None,
        lights=lights,
    )


def gather_rollup(root: Organisation, year: int, today: date) -> Rollup:
    """The roll-up of ``root``'s subtree for ``year``, as of ``today``."""
    tree = subtree(root, key=lambda o: o.name.casefold())
    chosen = _chosen_plans(tree, year)
    plan_ids = [p.id for p in chosen.values() if p is not None]
    tallies = area_tallies(Activity.plan_id.in_(plan_ids), today)
    names = {org.id: org.name for _, org in tree}
    rows = []
    per_area: dict[str, list[Tally]] = {code: [] for code in AREA_CODES}
    for depth, org in tree:
        plan = chosen[org.id]
        for area in plan.areas if plan else []:
            per_area.setdefault(area.code, []).append(tallies.get(area.id, Tally()))
        parent = names.get(org.parent_id, "") if depth else ""
        rows.append(_row(depth, org, parent, plan, tallies))
    return Rollup(
        organisation=root.name,
        year=year,
        data_date=today,
        rows=tuple(rows),
        totals=tuple(_total(a.code, a.title, per_area.get(a.code, [])) for a in AREAS),
        shared=compare_measures(chosen, names, year),
    )
