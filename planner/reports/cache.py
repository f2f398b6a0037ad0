"""Which data a report was rendered from, and the kept PDF for it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date

from sqlalchemy import func, select

from planner.extensions import db
from planner.plans.models import Activity, Goal, Plan, PlanArea, ProgressUpdate
from planner.reports.models import RenderedReport
from planner.wheel.models import OccurrenceDone, WheelEvent


def data_key(plan: Plan, year: int, today: date) -> str:
    """Changes whenever anything the report shows may have changed: one statement of
    aggregates over the plan's rows (counts, sums of ids and versions)."""
    aggregates = []
    # Every edit of these rows raises their version; adding or deleting changes count and ids.
    for model in (PlanArea, Goal, Activity):
        for column in (func.count(), func.sum(model.id), func.sum(model.version)):
            aggregates.append(select(column).where(model.plan_id == plan.id))
    progress = select(ProgressUpdate.id).join(Activity).where(Activity.plan_id == plan.id)
    progress = progress.subquery()
    aggregates += [select(func.count(progress.c.id)), select(func.sum(progress.c.id))]
    wheel = WheelEvent.organisation_id == plan.organisation_id
    for column in (func.count(), func.sum(WheelEvent.id), func.sum(WheelEvent.version)):
        aggregates.append(select(column).where(wheel))
    aggregates.append(select(func.count(OccurrenceDone.id)).join(WheelEvent).where(wheel))
    state = db.session.execute(select(*(a.scalar_subquery() for a in aggregates))).one()
    head = (plan.id, year, today.isoformat(), plan.version, plan.organisation.name)
    return hashlib.sha256(repr((head, tuple(state))).encode()).hexdigest()


def cached_pdf(plan: Plan, year: int, today: date, render: Callable[[], bytes]) -> bytes:
    """The kept PDF if the data is unchanged, else a fresh render (which is then kept)."""
    key = data_key(plan, year, today)
    kept = db.session.scalars(
        select(RenderedReport).where(RenderedReport.plan_id == plan.id, RenderedReport.year == year)
    ).first()
    if kept is not None and kept.data_key == key:
        return kept.pdf
    pdf = render()
    if kept is None:
        kept = RenderedReport(plan_id=plan.id, year=year)
        db.session.add(kept)
    kept.data_key, kept.pdf = key, pdf
    db.session.flush()
    return pdf
