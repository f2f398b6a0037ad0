"""Which data the yearly report and the roll-up were rendered from (their data keys)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from planner.assessment.outputs import assessment_aggregates
from planner.documents.keys import digest, layout_version, versioned
from planner.orgs.models import Organisation
from planner.orgs.services import subtree_ids
from planner.plans.models import (
    Activity,
    Goal,
    Plan,
    PlanArea,
    ProgressUpdate,
    activity_organisation,
)
from planner.results.models import Measure, MeasureValue
from planner.wheel.keys import PICTURE_CODE, measurement_aggregates, wheel_aggregates

# The modules that draw and judge the results chapter and the roll-up's shared measures.
RESULTS_CODE = ("reports/results.py", "results/chart.py", "results/display.py")


def report_layout() -> str:
    return layout_version(
        "reports/*.html",
        "wheel/picture.svg",
        "assessment/_chapter.html",
        stylesheet="report.css",
        code=(*PICTURE_CODE, *RESULTS_CODE),
    )


def measure_aggregates(plans) -> list:
    """The plans' measures and their values (a correction raises a value's version; the
    names of the organisations that commented are printed)."""
    measures = select(Measure.id).where(Measure.plan_id.in_(plans))
    values = MeasureValue.measure_id.in_(measures)
    return [
        *versioned(Measure, Measure.plan_id.in_(plans)),
        *versioned(MeasureValue, values),
        select(func.max(MeasureValue.recorded_at)).where(values),
        select(func.max(Organisation.updated_at))
        .join(MeasureValue, MeasureValue.organisation_id == Organisation.id)
        .where(values),
    ]


def data_key(plan: Plan, year: int, today: date) -> str:
    """Changes whenever anything the report shows may have changed: one statement of
    aggregates over the plan's rows (counts, sums of ids and versions)."""
    aggregates = []
    for model in (PlanArea, Goal, Activity):
        aggregates += versioned(model, model.plan_id == plan.id)
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
    aggregates += wheel_aggregates(plan.organisation_id)
    aggregates += measurement_aggregates(plan.organisation_id)  # the wheel's measurements
    aggregates += measure_aggregates(select(Plan.id).where(Plan.id == plan.id))
    aggregates += assessment_aggregates(plan.organisation_id, year)
    head = (report_layout(), plan.id, year, today.isoformat(), plan.version)
    head += (plan.organisation.name,)
    return digest(head, aggregates)


def rollup_key(root: Organisation, year: int, today: date) -> str:
    """Changes whenever the roll-up may: the subtree's organisations (names, kinds, places),
    their plans, the plans' areas, activities, measures and values."""
    ids = subtree_ids(root.id)
    in_tree = Organisation.id.in_(ids)
    plans = select(Plan.id).where(Plan.organisation_id.in_(ids))
    aggregates = [
        select(func.count(Organisation.id)).where(in_tree),
        select(func.sum(Organisation.id)).where(in_tree),
        select(func.max(Organisation.updated_at)).where(in_tree),
        *versioned(Plan, Plan.organisation_id.in_(ids)),
        *versioned(PlanArea, PlanArea.plan_id.in_(plans)),
        *versioned(Activity, Activity.plan_id.in_(plans)),
        *measure_aggregates(plans),
    ]
    return digest((report_layout(), root.id, year, today.isoformat()), aggregates)
