"""Importing measure values into a plan: map columns, check every row, preview, then save all.

A row names a measure of the plan (by the export's Mått-ID, else by its name or catalogue
key), an organisation in the plan's subtree (by name) and a period of the measure's rhythm
("2026-Q1"; a date cell is taken as its month on a monthly measure and as the day on a dated
one). Its value is typed, or computed from a numerator and a denominator, under the same unit
rules as the forms (planner.results.values). A row whose measure, unit and period already
have the same value is unchanged; a different one is a correction (the history keeps the old
value). A row exported before someone corrected the value is refused, never let overwrite the
correction. Rows without any number are skipped, so a file can list periods still to fill in.
Saving is all or nothing: the view commits once, or rolls everything back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _

from planner.extensions import db
from planner.models import utcnow
from planner.numbers import whole_number
from planner.plans.models import Plan
from planner.results.models import Measure, MeasureValue
from planner.results.numbers import format_number
from planner.results.periods import MONTHLY, Period, PeriodError, parse_period
from planner.results.services import ValueEntry, record_period
from planner.results.values import UnitError, computed_value
from planner.transfer import value_columns as v
from planner.transfer.cells import RowReader, show
from planner.transfer.importing import INVALID, NEW, UNCHANGED, UPDATE, refuse_repeats
from planner.transfer.reading import Cell, Table
from planner.transfer.value_matching import (
    ValueContext,
    check_unit,
    match_measure,
    match_organisation,
)

SKIPPED = "hoppas_over"


guess_mapping = v.HEADERS.guess_mapping


def field_choices() -> list[tuple[str, str]]:
    return [(key, str(label)) for key, label in v.FIELD_LABELS.items()]


@dataclass
class ValueRow:
    number: int
    measure: str = ""
    organisation: str = ""
    period: str = ""  # the period's name, for the preview
    shown: str = ""  # the value as it will be saved, for the preview
    action: str = NEW
    problems: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    measure_id: int | None = None
    organisation_id: int | None = None
    key: Period | None = None
    value: Decimal | None = None  # as it will be stored
    typed: Decimal | None = None  # as the file gives it (None: computed from the fraction)
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    comment: str | None = None  # None: the comment column is not mapped (kept as it is)
    existing_id: int | None = None


@dataclass
class ValuePreview:
    rows: list[ValueRow]
    problems: list[str]

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def to_save(self) -> int:
        return self.count(NEW) + self.count(UPDATE)

    @property
    def can_save(self) -> bool:
        return not self.problems and not self.count(INVALID) and self.to_save > 0


def build_preview(plan: Plan, table: Table, mapping: Sequence[str]) -> ValuePreview:
    """Every row checked against the plan and classified: new, corrected, unchanged, skipped
    or invalid."""
    labels = dict(field_choices())
    problems = [
        _("Ingen kolumn är kopplad till %(field)s. Välj den bland kolumnerna.", field=labels[key])
        for key in v.REQUIRED
        if key not in mapping and not (key == v.MEASURE and v.MEASURE_ID in mapping)
    ]
    if v.VALUE not in mapping and not {v.NUMERATOR, v.DENOMINATOR} <= set(mapping):
        problems.append(
            _(
                "Koppla en kolumn till %(field)s, eller kolumner till täljare och nämnare.",
                field=labels[v.VALUE],
            )
        )
    context = ValueContext(plan)
    rows = [_check_row(context, raw, table.headers, mapping) for raw in table.rows]
    refuse_repeats(
        rows,
        lambda row: (
            None
            if row.action in (INVALID, SKIPPED)
            else (row.measure_id, row.organisation_id, row.key.key if row.key else "")
        ),
        lambda row, other: _(
            "Rad %(row)d: samma mått, organisation och period som rad %(other)d",
            row=row,
            other=other,
        ),
    )
    return ValuePreview(rows, problems)


def _check_row(context: ValueContext, raw: list[Cell], headers, mapping) -> ValueRow:
    number = int(raw[0])  # type: ignore[arg-type]
    read = RowReader(raw, headers, mapping, number, v.BY_KEY)
    row = ValueRow(number)
    measure = match_measure(context, read, row)
    row.organisation = read.text(v.ORGANISATION)
    organisation = match_organisation(context, read, row.organisation)
    period = _period(read, measure)
    unit_text = read.text(v.UNIT)
    if measure is not None and unit_text:
        check_unit(context, read, measure, unit_text)
    typed, numerator, denominator = (
        read.decimal(v.VALUE),
        read.decimal(v.NUMERATOR),
        read.decimal(v.DENOMINATOR),
    )
    comment = read.text(v.COMMENT) if read.mapped(v.COMMENT) else None
    if measure is None or organisation is None or period is None or read.problems:
        row.problems, row.action = read.problems, INVALID
        return row
    row.measure_id, row.organisation_id, row.key = measure.id, organisation.id, period
    row.period = period.label
    existing = context.values.get((measure.id, organisation.id, period.key))
    if typed is None and numerator is None and denominator is None:
        row.action = SKIPPED
        if existing is not None:
            row.shown = format_number(existing.value)
        return row
    try:
        row.value = computed_value(measure.unit, typed, numerator, denominator)
    except UnitError as error:
        column = {v.VALUE: v.VALUE, "numerator": v.NUMERATOR, "denominator": v.DENOMINATOR}
        key = column.get(error.field, v.VALUE)
        header = read.cells[key][1] if read.mapped(key) else str(v.FIELD_LABELS[key])
        read.problem(_("%(problem)s (%(column)s)", problem=str(error), column=header))
        row.problems, row.action = read.problems, INVALID
        return row
    row.typed, row.numerator, row.denominator = typed, numerator, denominator
    row.comment = comment
    row.shown = format_number(row.value)
    _classify(row, existing, read)
    return row


def _period(read: RowReader, measure: Measure | None) -> Period | None:
    value = read.raw(v.PERIOD)
    if value is None:
        if not read.problems:
            read.problem(_("period saknas"))
        return None
    if measure is None:
        return None
    if isinstance(value, list) and value[0] == "date":
        # Excel turns a typed "2026-03" into 1 March 2026: on a monthly measure that is March.
        day = date.fromisoformat(value[1])
        if measure.rhythm == MONTHLY and day.day == 1:
            value = f"{day.year}-{day.month:02d}"
        else:
            value = value[1]
    elif isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        return parse_period(measure.rhythm, str(value))
    except PeriodError as error:
        read.problem(
            _(
                "perioden '%(value)s' passar inte %(measure)s: %(problem)s",
                value=show(value),
                measure=measure.name,
                problem=str(error),
            )
        )
        return None


def _classify(row: ValueRow, existing: MeasureValue | None, read: RowReader) -> None:
    labels = v.FIELD_LABELS
    if existing is None:
        row.action = NEW
        return
    row.existing_id = existing.id
    pairs = [
        (v.VALUE, existing.value, row.value),
        (v.NUMERATOR, existing.numerator, row.numerator),
        (v.DENOMINATOR, existing.denominator, row.denominator),
    ]
    for key, old, new in pairs:
        if _same_number(old, new):
            continue
        if key == v.VALUE:
            row.changes.append(
                _(
                    "Värde %(old)s → %(new)s",
                    old=format_number(old) or "–",
                    new=format_number(new) or "–",
                )
            )
        else:
            row.changes.append(str(labels[key]))
    if row.comment is not None and row.comment != (existing.comment or "").strip():
        row.changes.append(str(labels[v.COMMENT]))
    row.action = UPDATE if row.changes else UNCHANGED
    if row.action == UPDATE:
        version = read.raw(v.VERSION)
        if isinstance(version, str):
            version = whole_number(version)
        if isinstance(version, float) and version.is_integer():
            version = int(version)
        if isinstance(version, int) and version != existing.version:
            row.problems = [
                _(
                    "Rad %(row)d: värdet har ändrats i planner sedan filen exporterades. "
                    "Exportera på nytt och gör ändringarna i den nya filen, eller töm cellen "
                    "Version för att skriva över.",
                    row=row.number,
                )
            ]
            row.action = INVALID


def _same_number(old: Decimal | None, new: Decimal | None) -> bool:
    if old is None or new is None:
        return old is None and new is None
    return Decimal(old) == Decimal(new)


def apply(plan: Plan, preview: ValuePreview, author) -> int:
    """Save every new and corrected row through the results services, one call per measure
    and period (flushes, never commits); the history records each, a correction with its old
    value. Each row says which version of the value the preview saw, so a value someone
    entered or changed since refuses the save (PeriodRefused); the caller rolls back."""
    if any(row.action == NEW for row in preview.rows):
        # As for activities (importing.apply): a second save of the same preview meets a
        # StaleDataError instead of a unique-constraint violation on its new rows.
        plan.updated_at = utcnow()
        db.session.flush()
    batches: dict[tuple[int, str], list[ValueEntry]] = {}
    for row in preview.rows:
        if row.action not in (NEW, UPDATE) or row.key is None:
            continue
        existing = db.session.get(MeasureValue, row.existing_id) if row.existing_id else None
        comment = row.comment if row.comment is not None else (existing.comment if existing else "")
        batches.setdefault((row.measure_id, row.key.key), []).append(
            ValueEntry(
                row.organisation_id,  # type: ignore[arg-type]
                row.key.key,
                row.typed,
                row.numerator,
                row.denominator,
                comment,
                version=existing.version if existing else 0,
            )
        )
    saved = 0
    # In the measures' order: a value's write locks its measure's row (values_version), and two
    # imports that lock the same measures in one order wait for each other instead of deadlocking.
    for (measure_id, period), entries in sorted(batches.items()):
        record_period(db.session.get(Measure, measure_id), period, entries, author)
        saved += len(entries)
    return saved
