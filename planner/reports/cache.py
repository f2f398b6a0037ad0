"""Which data a report was rendered from, and the kept PDF for it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from planner.extensions import db
from planner.orgs.models import Organisation
from planner.plans.models import (
    Activity,
    Goal,
    Plan,
    PlanArea,
    ProgressUpdate,
    activity_organisation,
)
from planner.reports.models import RenderedReport
from planner.wheel.models import OccurrenceDone, WheelEvent


def layout_version() -> str:
    """The report's templates, stylesheet and renderer: a deploy that changes them renders
    anew."""
    return _layout_version(current_app.root_path, current_app.template_folder)


@cache
def _layout_version(root: str, template_folder: str) -> str:
    templates = Path(root, template_folder)
    files = sorted((templates / "reports").glob("*.html")) + [templates / "wheel" / "picture.svg"]
    files.append(Path(current_app.static_folder, "css", "report.css"))
    files.append(Path(root, "pdf.py"))  # how the PDF is written (e.g. its tables' tags)
    return hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()


def data_key(plan: Plan, year: int, today: date) -> str:
    """Changes whenever anything the report shows may have changed: one statement of
    aggregates over the plan's rows (counts, sums of ids and versions)."""
    aggregates = []
    # Every edit of these rows raises their version; adding or deleting changes count and ids.
    for model in (PlanArea, Goal, Activity):
        for column in (func.count(), func.sum(model.id), func.sum(model.version)):
            aggregates.append(select(column).where(model.plan_id == plan.id))
    progress = select(ProgressUpdate.id, ProgressUpdate.created_at).join(Activity)
    progress = progress.where(Activity.plan_id == plan.id).subquery()
    # created_at too: SQLite may give a deleted and re-entered update the same id.
    aggregates += [
        select(func.count()).select_from(progress),
        select(func.sum(progress.c.id)),
        select(func.max(progress.c.created_at)),
    ]
    # The responsible organisations' names are printed: a rename raises updated_at.
    aggregates.append(
        select(func.max(Organisation.updated_at))
        .join(activity_organisation, activity_organisation.c.organisation_id == Organisation.id)
        .join(Activity, Activity.id == activity_organisation.c.activity_id)
        .where(Activity.plan_id == plan.id)
    )
    wheel = WheelEvent.organisation_id == plan.organisation_id
    for column in (func.count(), func.sum(WheelEvent.id), func.sum(WheelEvent.version)):
        aggregates.append(select(column).where(wheel))
    done = select(OccurrenceDone.id, OccurrenceDone.done_at).join(WheelEvent).where(wheel)
    done = done.subquery()
    # done_at too: moving a mark to another occurrence keeps the count.
    aggregates += [
        select(func.count()).select_from(done),
        select(func.sum(done.c.id)),
        select(func.max(done.c.done_at)),
    ]
    state = db.session.execute(select(*(a.scalar_subquery() for a in aggregates))).one()
    head = (layout_version(), plan.id, year, today.isoformat(), plan.version)
    head += (plan.organisation.name,)
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
    try:
        with db.session.begin_nested():  # two first downloads may race to keep theirs
            if kept is None:
                kept = RenderedReport(plan_id=plan.id, year=year)
                db.session.add(kept)
            kept.data_key, kept.pdf = key, pdf
    except IntegrityError:
        pass  # the other request kept the same report; this one is served all the same
    return pdf
