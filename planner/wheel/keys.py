"""Which data a wheel PDF was rendered from (its data key)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from planner.documents.keys import digest, layout_version, versioned
from planner.orgs.models import Organisation
from planner.plans.models import Activity, Plan
from planner.results.models import Measure, MeasureValue
from planner.wheel.models import OccurrenceDone, WheelEvent

# The modules that draw the picture (the report prints it too): changing them renders anew.
PICTURE_CODE = (
    "wheel/year.py",
    "wheel/drawing.py",
    "wheel/labels.py",
    "wheel/metrics.py",
    "wheel/measurements.py",
)


def wheel_aggregates(organisation_id: int) -> list:
    """The organisation's wheel events and their done marks (the yearly report prints them
    too)."""
    wheel = WheelEvent.organisation_id == organisation_id
    done = select(OccurrenceDone.id, OccurrenceDone.done_at).join(WheelEvent).where(wheel)
    done = done.subquery()
    # done_at too: moving a mark to another occurrence keeps the count.
    return versioned(WheelEvent, wheel) + [
        select(func.count()).select_from(done),
        select(func.sum(done.c.id)),
        select(func.max(done.c.done_at)),
    ]


def measurement_aggregates(organisation_id: int) -> list:
    """The measures of the organisation's plans (which are on the wheel, their rhythms and
    names), the plans' statuses (an archived plan's measures leave the wheel) and the values
    that mark a measurement as recorded."""
    plans = select(Plan.id).where(Plan.organisation_id == organisation_id)
    measures = select(Measure.id).where(Measure.plan_id.in_(plans))
    values = select(MeasureValue.id).where(MeasureValue.measure_id.in_(measures)).subquery()
    return (
        versioned(Plan, Plan.organisation_id == organisation_id)
        + versioned(Measure, Measure.plan_id.in_(plans))
        + [select(func.count()).select_from(values), select(func.sum(values.c.id))]
    )


def wheel_key(org: Organisation, parameters: str, with_activities: bool, today: date) -> str:
    """Changes whenever the printed wheel may: its events and done marks, the measurements of
    its plans' measures, the organisation's name and, with activity dates, the activities of
    its plans."""
    aggregates = wheel_aggregates(org.id) + measurement_aggregates(org.id)
    if with_activities:
        plans = select(Plan.id).where(Plan.organisation_id == org.id)
        aggregates += versioned(Activity, Activity.plan_id.in_(plans))
    layout = layout_version(
        "wheel/print.html", "wheel/picture.svg", code=("wheel/printing.py", *PICTURE_CODE)
    )
    return digest((layout, org.id, org.name, parameters, today.isoformat()), aggregates)
