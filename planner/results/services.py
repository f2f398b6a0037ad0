"""Changes to measures and their values. Services flush, never commit.

A value is entered for one period and one organisation; entering it again is a correction of
the same row (its old value stays in the history). Whoever enters a value says which version
of it they started from (0: there was none), so two people entering the same period never
overwrite each other silently: the second one is told (ValueConflict) and sees the first's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from planner.auth.people import responsible_account
from planner.extensions import db
from planner.models import utcnow
from planner.orgs.models import Organisation
from planner.orgs.services import subtree_ids
from planner.plans.models import Goal, Plan
from planner.plans.template import AREA_CODES
from planner.results.catalogue import CatalogueMeasure, entry
from planner.results.models import DIRECTIONS, HIGHER, LOWER, UNITS, Measure, MeasureValue
from planner.results.periods import RHYTHMS, PeriodError, parse_period
from planner.results.values import check_number, computed_value, stored
from planner.rules import RuleError


class MeasureRuleError(RuleError):
    """A change that breaks a rule of measures or values."""


@dataclass
class MeasureData:
    """What a user states about a measure (plain values, from a form, the catalogue or an
    import)."""

    name: str
    area_code: str
    unit: str = "percent"
    direction: str = HIGHER
    rhythm: str = "quarterly"
    definition: str = ""
    numerator_text: str = ""
    denominator_text: str = ""
    target: Decimal | None = None
    warning: Decimal | None = None
    baseline_value: Decimal | None = None
    baseline_date: date | None = None
    source: str = ""
    goal_id: int | None = None
    on_wheel: bool = False
    # The member who sees to it that values are recorded: one of those who can see the plan.
    responsible_user_id: int | None = None

    @classmethod
    def from_catalogue(cls, item: CatalogueMeasure) -> MeasureData:
        return cls(
            name=item.name,
            area_code=item.area_code,
            unit=item.unit,
            direction=item.direction,
            rhythm=item.rhythm,
            definition=item.definition,
            numerator_text=item.numerator_text,
            denominator_text=item.denominator_text,
            target=item.target,
            warning=item.warning,
            source=item.source,
        )


def _checked(plan: Plan, data: MeasureData) -> MeasureData:
    if data.area_code not in AREA_CODES:
        raise MeasureRuleError(_l("Välj ett område i planen."), "area_code")
    for name, vocabulary in (("unit", UNITS), ("direction", DIRECTIONS), ("rhythm", RHYTHMS)):
        if getattr(data, name) not in vocabulary:
            raise MeasureRuleError(_l("Välj ett av alternativen."), name)
    if data.goal_id is not None:
        goal = db.session.get(Goal, data.goal_id)
        if goal is None or goal.plan_id != plan.id:
            raise MeasureRuleError(_l("Välj ett mål i planen."), "goal_id")
    for name in ("target", "warning", "baseline_value"):
        number = getattr(data, name)
        if number is not None:
            setattr(data, name, check_number(data.unit, number, name))
    if data.warning is not None:
        if data.target is None:
            raise MeasureRuleError(
                _l("Ange ett målvärde för att kunna ange en varningsgräns."), "warning"
            )
        if data.direction == HIGHER and data.warning > data.target:
            raise MeasureRuleError(
                _l("När högre är bättre ligger varningsgränsen under målvärdet."), "warning"
            )
        if data.direction == LOWER and data.warning < data.target:
            raise MeasureRuleError(
                _l("När lägre är bättre ligger varningsgränsen över målvärdet."), "warning"
            )
    return data


def _apply(measure: Measure, data: MeasureData) -> None:
    # queried before anything changes, so the edit is flushed once (one history entry)
    responsible = None
    if data.responsible_user_id is not None:
        responsible = responsible_account(measure.plan.organisation_id, data.responsible_user_id)
    if measure.id is not None:
        measure.responsible  # noqa: B018 - loaded now, so the history has the old person
    for name, value in vars(data).items():
        if name != "responsible_user_id":
            setattr(measure, name, value)
    measure.responsible = responsible  # through the relationship: the history names them


def _reading_kept(measure: Measure, data: MeasureData) -> None:
    """A measure with values keeps its rhythm and unit: its values' periods and numbers mean
    what they meant when they were entered."""
    for name, message in (
        (
            "rhythm",
            _l(
                "Måttet har värden i sitt nuvarande mätintervall. Ta bort värdena innan du "
                "byter mätintervall, så att inga perioder blir fel."
            ),
        ),
        (
            "unit",
            _l(
                "Måttet har värden i sin nuvarande enhet. Ta bort värdena innan du byter "
                "enhet, så att inga värden läses fel."
            ),
        ),
    ):
        if getattr(data, name) != getattr(measure, name) and value_count(measure):
            raise MeasureRuleError(message, name)


def create_measure(plan: Plan, data: MeasureData, catalogue_key: str | None = None) -> Measure:
    data = _checked(plan, data)
    position = db.session.scalar(
        select(func.coalesce(func.max(Measure.position), 0)).where(Measure.plan_id == plan.id)
    )
    measure = Measure(plan=plan, catalogue_key=catalogue_key, position=position + 1)
    _apply(measure, data)
    db.session.add(measure)
    db.session.flush()
    return measure


def update_measure(measure: Measure, data: MeasureData) -> Measure:
    data = _checked(measure.plan, data)
    _reading_kept(measure, data)
    _apply(measure, data)
    db.session.flush()
    return measure


def delete_measure(measure: Measure) -> None:
    """Delete a measure and its values (each value's deletion is in the history)."""
    for value in list(measure.values):
        db.session.delete(value)
    db.session.delete(measure)
    db.session.flush()


def add_from_catalogue(plan: Plan, keys: list[str]) -> list[Measure]:
    """The catalogue's measures named by ``keys`` added to the plan, each once: a measure the
    plan already took from the catalogue is not added again."""
    taken = set(db.session.scalars(select(Measure.catalogue_key).where(Measure.plan_id == plan.id)))
    added = []
    for key in dict.fromkeys(keys):
        item = entry(key)
        if item is None or key in taken:
            continue
        added.append(create_measure(plan, MeasureData.from_catalogue(item), catalogue_key=key))
    return added


def value_count(measure: Measure) -> int:
    return db.session.scalar(select(func.count()).where(MeasureValue.measure_id == measure.id)) or 0


@dataclass
class ValueEntry:
    """One value as a user enters it. ``version``: the version of the value the user started
    from, 0 when there was none (a new value)."""

    organisation_id: int
    period: str
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    comment: str = ""
    version: int = 0


@dataclass
class ValueConflict(Exception):
    """Someone else entered or changed the same value after the user started."""

    value: MeasureValue | None
    started: int


@dataclass
class PeriodRefused(Exception):
    """A period's values were not saved: the problems per organisation (field → message) and
    the rows someone else changed meanwhile. Nothing was saved."""

    problems: dict[int, dict[str, str]] = field(default_factory=dict)
    conflicts: dict[int, ValueConflict] = field(default_factory=dict)


def reporting_organisation_ids(plan: Plan) -> list[int]:
    """The organisations values may be entered for: the plan's and its subtree's."""
    return subtree_ids(plan.organisation_id)


def find_value(measure: Measure, organisation_id: int, period: str) -> MeasureValue | None:
    return db.session.scalar(
        select(MeasureValue).where(
            MeasureValue.measure_id == measure.id,
            MeasureValue.organisation_id == organisation_id,
            MeasureValue.period == period,
        )
    )


def _prepared(measure: Measure, item: ValueEntry, allowed: set[int]):
    """The period and the value ``item`` gives, checked; RuleError next to its field."""
    if item.organisation_id not in allowed:
        raise MeasureRuleError(
            _l("Välj en organisation inom planens organisation."), "organisation_id"
        )
    try:
        period = parse_period(measure.rhythm, item.period)
    except PeriodError as error:
        raise MeasureRuleError(str(error), "period") from None
    value = computed_value(measure.unit, item.value, item.numerator, item.denominator)
    return period, value


def _conflict(existing: MeasureValue | None, started: int) -> ValueConflict | None:
    current = existing.version if existing is not None else 0
    return ValueConflict(existing, started) if current != started else None


def _unchanged(existing: MeasureValue | None, item: ValueEntry, value: Decimal) -> bool:
    """Saving the same value again (a period form's untouched row) changes nothing, not even
    who recorded it."""
    if existing is None:
        return False
    same = (existing.value, existing.numerator, existing.denominator, existing.comment)
    fraction = (None if item.numerator is None else stored(item.numerator),
                None if item.denominator is None else stored(item.denominator))  # fmt: skip
    return same == (value, *fraction, item.comment)


def _store(measure, item, period, value, existing, author) -> MeasureValue:
    row = existing or MeasureValue(
        measure=measure,
        organisation=db.session.get(Organisation, item.organisation_id),
        period=period.key,
    )
    row.period_start, row.period_end = period.start, period.end
    row.value = value
    row.numerator = None if item.numerator is None else item.numerator
    row.denominator = None if item.denominator is None else item.denominator
    row.comment = item.comment
    row.recorded_by = getattr(author, "name", "") or ""
    row.recorded_by_id = getattr(author, "id", None)
    row.recorded_at = utcnow()
    if existing is None:
        db.session.add(row)
    return row


def record_value(measure: Measure, item: ValueEntry, author=None) -> MeasureValue:
    """Enter (or correct) one value. RuleError for a value the unit or rhythm does not allow;
    ValueConflict when the value changed since the user started."""
    period, value = _prepared(measure, item, set(reporting_organisation_ids(measure.plan)))
    existing = find_value(measure, item.organisation_id, period.key)
    conflict = _conflict(existing, item.version)
    if conflict is not None:
        raise conflict
    if _unchanged(existing, item, value):
        return existing
    row = _store(measure, item, period, value, existing, author)
    db.session.flush()
    return row


def record_period(
    measure: Measure, period_key: str, items: list[ValueEntry], author=None
) -> list[MeasureValue]:
    """Enter one period's values for many organisations at once, all or nothing: every row is
    checked first, and any problem or conflict refuses them all (PeriodRefused)."""
    try:
        period = parse_period(measure.rhythm, period_key)
    except PeriodError as error:
        raise MeasureRuleError(str(error), "period") from None
    allowed = set(reporting_organisation_ids(measure.plan))
    existing = {
        row.organisation_id: row
        for row in db.session.scalars(
            select(MeasureValue).where(
                MeasureValue.measure_id == measure.id, MeasureValue.period == period.key
            )
        )
    }
    refused = PeriodRefused()
    ready = []
    for item in items:
        item.period = period.key
        try:
            _, value = _prepared(measure, item, allowed)
        except RuleError as error:
            refused.problems[item.organisation_id] = {error.field or "value": str(error)}
            continue
        row = existing.get(item.organisation_id)
        conflict = _conflict(row, item.version)
        if conflict is not None:
            refused.conflicts[item.organisation_id] = conflict
            continue
        ready.append((item, value, row))
    if refused.problems or refused.conflicts:
        raise refused
    rows = [
        _store(measure, item, period, value, row, author)
        for item, value, row in ready
        if not _unchanged(row, item, value)
    ]
    db.session.flush()
    return rows


def delete_value(value: MeasureValue) -> None:
    db.session.delete(value)
    db.session.flush()
