"""Importing activities into a plan: map columns, check every row, preview, then save all.

A row is matched to an activity of the plan by the export's ID column when that ID belongs to
the plan, else by area and title (case-insensitively). A matched row updates the activity only
where something differs, so importing the same file twice changes nothing the second time.
A column that is not mapped leaves that field of a matched activity as it is.
Unknown goals are a problem, not created: a goal is a decision of the plan, and a typo in a
spreadsheet should not add one. Saving goes through the plan services (history included) and
is all or nothing: the view commits once, or rolls everything back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _

from planner.clock import local_today
from planner.extensions import db
from planner.models import utcnow
from planner.plans import services
from planner.plans.models import ACTIVITY_STATUSES, DONE, Activity, Plan, PlanArea
from planner.transfer import columns as c
from planner.transfer.cells import RowReader, parse_percent, show
from planner.transfer.matching import (
    PlanContext,
    match_activity,
    organisation_ids,
    stale_version,
)
from planner.transfer.reading import Cell, Table

NEW, UPDATE, UNCHANGED, INVALID = "ny", "uppdateras", "oforandrad", "fel"


guess_mapping = c.HEADERS.guess_mapping


@dataclass
class Row:
    number: int
    title: str = ""
    area: str = ""
    due: date | None = None
    action: str = NEW
    problems: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    activity_id: int | None = None
    data: services.ActivityData | None = None
    state: tuple[str, int] | None = None  # status and percent to record, when they change
    comment: str = ""  # a comment to record with a progress entry
    edits: bool = False  # the activity's own fields change (not only its progress)


@dataclass
class Preview:
    rows: list[Row]
    problems: list[str]  # about the file as a whole (a required column not mapped …)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def can_save(self) -> bool:
        return not self.problems and not self.count(INVALID) and self.to_save > 0

    @property
    def to_save(self) -> int:
        return self.count(NEW) + self.count(UPDATE)


def build_preview(plan: Plan, table: Table, mapping: Sequence[str], user) -> Preview:
    """Every row checked against the plan and classified: new, updated, unchanged or invalid."""
    problems = []
    labels = dict(field_choices())
    for key in c.REQUIRED:
        if key not in mapping:
            problems.append(
                _(
                    "Ingen kolumn är kopplad till %(field)s. Välj den bland kolumnerna.",
                    field=labels[key],
                )
            )
    context = PlanContext(plan, user)
    rows = [_check_row(context, raw, table.headers, mapping) for raw in table.rows]

    def identity(row: Row):
        key = row.activity_id or (row.data and (row.data.area_id, c.normalise(row.data.title)))
        return key if key and not row.problems else None

    refuse_repeats(
        rows,
        identity,
        lambda row, other: _(
            "Rad %(row)d: samma aktivitet som rad %(other)d", row=row, other=other
        ),
    )
    return Preview(rows, problems)


def refuse_repeats(rows, identity, message) -> None:
    """A row that names the same thing as an earlier row (``identity``; None: nothing to
    compare) is a problem: which of the two should win is the person's decision."""
    seen: dict[object, int] = {}
    for row in rows:
        key = identity(row)
        if key is None:
            continue
        if key in seen:
            row.problems.append(message(row.number, seen[key]))
            row.action = INVALID
        seen.setdefault(key, row.number)


def _check_row(context: PlanContext, raw: list[Cell], headers, mapping) -> Row:
    number = int(raw[0])  # type: ignore[arg-type]
    read = RowReader(raw, headers, mapping, number)
    row = Row(number)
    row.title = read.text(c.TITLE)
    row.area = read.text(c.AREA)
    if not row.title and not read.problems:
        read.problem(_("titel saknas"))
    area = _area(context, read, row.area, mapping)
    existing = match_activity(context, read, area, row.title)
    row.activity_id = existing.id if existing else None

    def kept(key: str, value, current):
        # A column left out of the mapping keeps what the activity has.
        return current if existing is not None and not read.mapped(key) else value

    goal_id = _goal_id(context, read, area, kept, existing)
    organisations = organisation_ids(context, read, existing)
    email = _email(read)
    start, due, follow_up = _dates(read, kept, existing)
    row.due = due
    state = _state(context, read, existing)
    comment = read.text(c.COMMENT)
    description = kept(c.DESCRIPTION, read.text(c.DESCRIPTION), existing and existing.description)
    responsible = kept(
        c.RESPONSIBLE, read.text(c.RESPONSIBLE), existing and existing.responsible_name
    )
    role = kept(c.ROLE, read.text(c.ROLE), existing and existing.responsible_role)
    if read.problems or area is None:
        row.problems, row.action = read.problems, INVALID
        return row

    row.data = services.ActivityData(
        title=row.title,
        area_id=area.id,
        goal_id=goal_id,
        description=description,
        responsible_name=responsible,
        responsible_role=role,
        responsible_email=kept(c.EMAIL, email, existing and existing.responsible_email),
        organisation_ids=organisations,
        start_date=start,
        due_date=due,
        follow_up_date=follow_up,
    )
    _classify(row, existing, state, comment)
    if existing is not None and row.action == UPDATE:
        _refuse_if_stale(row, read, existing)
    return row


def _area(context: PlanContext, read: RowReader, text: str, mapping) -> PlanArea | None:
    if text:
        area = context.area(text)
        if area is None:
            read.problem(_("okänt område '%(value)s'", value=show(text)))
        return area
    if c.AREA in mapping:
        read.problem(_("område saknas"))
    return None


def _goal_id(
    context: PlanContext, read: RowReader, area: PlanArea | None, kept: Callable, existing
) -> int | None:
    goal = None
    goal_text = read.text(c.GOAL)
    if goal_text and area is not None:
        goal = context.goals.get((area.id, c.normalise(goal_text)))
        if goal is None:
            read.problem(
                _(
                    "okänt mål '%(value)s' i %(area)s. Lägg till målet i planen först eller "
                    "lämna cellen tom.",
                    value=show(goal_text),
                    area=area.code,
                )
            )
    goal_id = kept(c.GOAL, goal.id if goal else None, existing and existing.goal_id)
    if goal_id and area is not None and context.goal_areas.get(goal_id) != area.id:
        read.problem(_("målet hör till ett annat område än %(area)s", area=area.code))
    return goal_id


def _email(read: RowReader) -> str:
    email = read.text(c.EMAIL)
    if email:
        try:
            validate_email(email, check_deliverability=False)
        except EmailNotValidError:
            read.problem(_("ogiltig e-postadress '%(value)s'", value=show(email)))
    return email


def _dates(
    read: RowReader, kept: Callable, existing: Activity | None
) -> tuple[date | None, date | None, date | None]:
    """Start, due and follow-up dates; at least one of the last two, neither before the start."""
    start = kept(c.START, read.date(c.START), existing and existing.start_date)
    due = kept(c.DUE, read.date(c.DUE), existing and existing.due_date)
    follow_up = kept(c.FOLLOW_UP, read.date(c.FOLLOW_UP), existing and existing.follow_up_date)
    if not read.problems:
        if due is None and follow_up is None:
            read.problem(_("ange slutdatum eller uppföljningsdatum (minst ett av dem)"))
        elif start and ((due and due < start) or (follow_up and follow_up < start)):
            read.problem(_("slutdatum och uppföljningsdatum kan inte vara före startdatum"))
    return start, due, follow_up


def _refuse_if_stale(row: Row, read: RowReader, existing: Activity) -> None:
    if stale_version(read, existing) is None:
        return
    # An older export would undo what was changed in planner since: refuse the row.
    row.problems = [
        _(
            "aktiviteten har ändrats i planner sedan filen exporterades (%(changes)s "
            "skiljer sig). Exportera på nytt och gör ändringarna i den nya filen, eller "
            "töm cellen Version för att skriva över.",
            changes=", ".join(row.changes),
        )
    ]
    row.action = INVALID


def _state(context: PlanContext, read: RowReader, existing: Activity | None) -> tuple[str, int]:
    current = (existing.status, existing.percent) if existing else ("ej_paborjad", 0)
    status_text = read.text(c.STATUS)
    status = current[0]
    if status_text:
        found = context.statuses.get(c.normalise(status_text))
        if found is None:
            read.problem(
                _(
                    "okänd status '%(value)s' (välj %(choices)s)",
                    value=show(status_text),
                    choices=", ".join(str(label) for label in ACTIVITY_STATUSES.values()),
                )
            )
        else:
            status = found
    percent = current[1]
    value = read.raw(c.PERCENT)
    if value is not None:
        parsed = parse_percent(value)
        if parsed is None:
            read.problem(
                _(
                    "ogiltig andel klart '%(value)s' i %(column)s (ett heltal 0–100)",
                    value=show(value),
                    column=read.cells[c.PERCENT][1],
                )
            )
        else:
            percent = parsed
    if status == DONE:
        percent = 100  # as record_progress does: done is all done
    return status, percent


def _differences(activity: Activity, data: services.ActivityData) -> list[str]:
    labels = dict(field_choices())
    pairs = [
        (c.TITLE, activity.title, data.title),
        (c.AREA, activity.area_id, data.area_id),
        (c.GOAL, activity.goal_id, data.goal_id),
        (c.DESCRIPTION, activity.description, data.description),
        (c.RESPONSIBLE, activity.responsible_name, data.responsible_name),
        (c.ROLE, activity.responsible_role, data.responsible_role),
        (c.EMAIL, activity.responsible_email, data.responsible_email),
        (
            c.ORGANISATIONS,
            sorted(o.id for o in activity.organisations),
            sorted(data.organisation_ids),
        ),
        (c.START, activity.start_date, data.start_date),
        (c.DUE, activity.due_date, data.due_date),
        (c.FOLLOW_UP, activity.follow_up_date, data.follow_up_date),
    ]
    return [str(labels[key]) for key, old, new in pairs if _comparable(old) != _comparable(new)]


def _comparable(value: object) -> object:
    """Text as a spreadsheet gives it back: line breaks as \\n, no surrounding space."""
    return value.replace("\r\n", "\n").strip() if isinstance(value, str) else value


def _classify(row: Row, existing: Activity | None, state: tuple[str, int], comment: str) -> None:
    labels = dict(field_choices())
    if existing is None:
        row.action = NEW
        if state != ("ej_paborjad", 0) or comment:
            row.state, row.comment = state, comment
        return
    row.changes = _differences(existing, row.data)  # type: ignore[arg-type]
    row.edits = bool(row.changes)
    new_comment = bool(comment) and comment != _comparable(c.latest_comment(existing))
    if state != (existing.status, existing.percent) or new_comment:
        row.state, row.comment = state, comment if new_comment else ""
        if state != (existing.status, existing.percent):
            row.changes.append(str(labels[c.STATUS]))
        if new_comment:
            row.changes.append(str(labels[c.COMMENT]))
    row.action = UPDATE if row.changes else UNCHANGED


def apply(plan: Plan, preview: Preview, author) -> int:
    """Save every new and changed row through the plan services (flushes, never commits).
    A broken rule raises PlanRuleError with the row number; the caller rolls back."""
    if any(row.action == NEW for row in preview.rows):
        # Two saves of one preview at once (a double click) would both add its new rows: the
        # plan's version is raised first, so the second save meets StaleDataError at its
        # flush and is shown the preview again, where those rows are now unchanged.
        plan.updated_at = utcnow()
        db.session.flush()
    today = local_today()
    saved = 0
    for row in preview.rows:
        if row.action not in (NEW, UPDATE) or row.data is None:
            continue
        try:
            if row.activity_id is None:
                activity = services.create_activity(plan, row.data)
            else:
                activity = db.session.get(Activity, row.activity_id)
                if row.edits:
                    services.update_activity(activity, row.data)
            if row.state is not None:
                status, percent = row.state
                services.record_progress(
                    activity, today, status, percent, row.comment, author=author
                )
        except services.PlanRuleError as error:
            raise services.PlanRuleError(
                _("Rad %(row)d: %(problem)s", row=row.number, problem=str(error))
            ) from error
        saved += 1
    return saved


def field_choices() -> list[tuple[str, str]]:
    """The fields a column can be mapped to, with their names as the interface shows them."""
    return [(key, str(label)) for key, label in c.FIELD_LABELS.items()]
