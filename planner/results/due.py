"""Which value of a measure is due: one rule for the results pages, My work and the reminders.

A measure's value is due for its latest ended period (``periods.latest_ended``) until a value
for that period is recorded, for any organisation in the plan (the plan's figure is its own
value or compiled from its units'). The current period's value is coming: it is due at the
period's end. Dated measurements have no schedule, so nothing is ever due for them.

``missing_for`` asks the database (one expression per slot, every rhythm at once), so a page
that lists many people's measures and a command that walks all of them ask the same question
in one query; ``due_period`` asks it of the values a page already read.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from datetime import date

from sqlalchemy import ColumnElement, case, exists, literal, select

from planner.results.models import Measure, MeasureValue
from planner.results.periods import DATED, RHYTHMS, Period, latest_ended, period_containing

SCHEDULED = tuple(r for r in RHYTHMS if r != DATED)


def due_period(rhythm: str, today: date, recorded: Container[str]) -> Period | None:
    """The period waiting for a value on ``today``: the latest ended one, unless its key is
    among ``recorded``."""
    period = latest_ended(rhythm, today)
    return None if period is None or period.key in recorded else period


def coming_period(rhythm: str, today: date) -> Period | None:
    """The period under way on ``today`` (its value is due at its end); None for dated
    measurements and a biennial measure's off year."""
    return None if rhythm == DATED else period_containing(rhythm, today)


def _key_by_rhythm(which: Callable[[str, date], Period | None], today: date) -> ColumnElement:
    keys = {rhythm: period.key for rhythm in SCHEDULED if (period := which(rhythm, today))}
    return case(keys, value=Measure.rhythm, else_=literal(None))


def missing_for(which: Callable[[str, date], Period | None], today: date) -> ColumnElement[bool]:
    """True where the measure's period ``which`` names on ``today`` has no value recorded yet
    (false for dated measurements); ``which`` is ``latest_ended`` or ``coming_period``."""
    key = _key_by_rhythm(which, today)
    return (Measure.rhythm != DATED) & ~exists(
        select(MeasureValue.id).where(
            MeasureValue.measure_id == Measure.id, MeasureValue.period == key
        )
    )
