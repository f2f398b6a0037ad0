"""What the demo adds so results reach their outputs: measurements on the annual wheel and in
the calendar feed (BHK and the staff survey opted in), and a measure the administration's plan
shares with the region's, so the regional roll-up has something to compare."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from planner.extensions import db
from planner.plans.models import Plan
from planner.results import services
from planner.results.models import Measure
from planner.results.periods import latest_ended, periods_between

ON_WHEEL = ("bhk", "hse")
SHARED_VALUES = (Decimal(84), Decimal(86), Decimal("88.5"), Decimal(87))  # oldest first


@dataclass(frozen=True)
class _Author:
    name: str = "Demo"
    id: int | None = None


def show_outputs(plan: Plan, local_plan: Plan, today: date) -> None:
    for measure in db.session.scalars(
        select(Measure).where(Measure.plan_id == plan.id, Measure.catalogue_key.in_(ON_WHEEL))
    ):
        measure.on_wheel = True
    (bhk,) = services.add_from_catalogue(local_plan, ["bhk"])
    last = latest_ended(bhk.rhythm, today)
    if last is None:  # pragma: no cover - a quarterly measure always has an ended quarter
        return
    quarters = periods_between(bhk.rhythm, date(last.start.year - 1, 1, 1), last.end)
    for period, value in zip(quarters[-len(SHARED_VALUES) :], SHARED_VALUES, strict=False):
        entry = services.ValueEntry(local_plan.organisation_id, period.key, value)
        services.record_value(bhk, entry, _Author())
    db.session.flush()
