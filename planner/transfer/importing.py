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

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from email_validator import EmailNotValidError, validate_email
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from planner.clock import local_today
from planner.extensions import db
from planner.forms import EARLIEST, LATEST
from planner.orgs.models import Organisation
from planner.orgs.services import subtree_ids
from planner.plans import services
from planner.plans.models import ACTIVITY_STATUSES, DONE, Activity, Plan
from planner.transfer import columns as c
from planner.transfer.export import plan_activities
from planner.transfer.reading import Cell, Table

NEW, UPDATE, UNCHANGED, INVALID = "ny", "uppdateras", "oforandrad", "fel"
ORGANISATION_SPLIT = re.compile(r"\s*(?:;|\n|\s\+\s)\s*")
AREA_WORDS = {"fokusområde": "F", "grundläggande förutsättning": "G", "förutsättning": "G"}


def guess_mapping(headers: Sequence[str]) -> list[str]:
    """For each column the field its header names ("" when none, or already taken)."""
    taken: set[str] = set()
    mapping = []
    for header in headers:
        key = c.recognise(header) or ""
        if key in taken:
            key = ""
        taken.add(key)
        mapping.append(key)
    return mapping


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


class _Plan:
    """What rows are checked against, looked up once per preview."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.activities = plan_activities(plan)
        self.by_id = {a.id: a for a in self.activities}
        self.by_key = {}
        for activity in self.activities:
            self.by_key.setdefault((activity.area_id, c.normalise(activity.title)), activity)
        self.areas = {}
        for area in plan.areas:
            for name in (area.code, area.title, area.label, f"{area.code} – {area.title}"):
                self.areas[c.normalise(name)] = area
        self.goals = {(g.area_id, c.normalise(g.title)): g for g in plan.goals}
        self.goal_areas = {g.id: g.area_id for g in plan.goals}
        subtree = subtree_ids(plan.organisation_id)
        orgs = list(db.session.scalars(select(Organisation).where(Organisation.id.in_(subtree))))
        orgs += [o for a in self.activities for o in a.organisations]
        # Names repeat in a big tree ("Akutmottagningen" under two hospitals): keep them all.
        self.organisations: dict[str, list[Organisation]] = {}
        for org in {o.id: o for o in orgs}.values():
            self.organisations.setdefault(c.normalise(org.name), []).append(org)
        self.statuses = {}
        for code, label in ACTIVITY_STATUSES.items():
            self.statuses[c.normalise(code)] = code
            for locale in ("sv", "en"):
                with force_locale(locale):
                    self.statuses[c.normalise(str(label))] = code

    def area(self, text: str):
        key = c.normalise(text)
        if key in self.areas:
            return self.areas[key]
        match = re.match(r"^([gf][1-5])\b", key)
        if match:
            return self.areas.get(match.group(1))
        for word, letter in AREA_WORDS.items():
            match = re.match(rf"^{word} ?([1-5])\b", key)
            if match:
                return self.areas.get(c.normalise(letter + match.group(1)))
        return None


def _show(value: object) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


_DATE_FORMATS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T]00:00(?::00)?)?$"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$"),
    re.compile(r"^(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})$"),
    re.compile(r"^(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})$"),
)


def parse_date(text: str) -> date | None:
    """2026-03-01 (also 20260301, 1/3/2026 and 1.3.2026, day first as in Sweden); None when
    it is no date between 1990 and 2100."""
    for pattern in _DATE_FORMATS:
        match = pattern.match(text.strip())
        if match:
            try:
                day = date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return None
            return day if EARLIEST <= day <= LATEST else None
    return None


def parse_percent(value: Cell) -> int | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        text = str(value).strip().rstrip("%").strip().replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            return None
    if number != number or not number.is_integer() or not 0 <= number <= 100:
        return None
    return int(number)


class _RowReader:
    """One row's cells by field, with the problems found while reading them."""

    def __init__(self, row: list[Cell], headers, mapping, number: int) -> None:
        self.cells = {key: (row[i + 1], headers[i]) for i, key in enumerate(mapping) if key}
        self.number = number
        self.problems: list[str] = []

    def mapped(self, key: str) -> bool:
        return key in self.cells

    def problem(self, message: str) -> None:
        self.problems.append(_("Rad %(row)d: %(problem)s", row=self.number, problem=message))

    def raw(self, key: str) -> Cell:
        """The cell, or None when empty, a formula or too long (those are problems)."""
        if key not in self.cells:
            return None
        value, header = self.cells[key]
        if isinstance(value, list):
            kind, detail = value
            if kind == "formula":
                self.problem(
                    _(
                        "formel i %(column)s tas inte emot (%(formula)s). Skriv in värdet i "
                        "stället.",
                        column=header,
                        formula=_show(detail),
                    )
                )
                return None
            if kind == "long":
                self.problem(_too_long(header, detail, c.BY_KEY[key].max_length))
                return None
            return value
        if isinstance(value, str) and not value.strip():
            return None
        return value

    def text(self, key: str) -> str:
        value = self.raw(key)
        if value is None:
            return ""
        if isinstance(value, list):  # a date in a text column: take it as written
            value = value[1]
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).strip()
        limit = c.BY_KEY[key].max_length
        if len(text) > limit:
            self.problem(_too_long(self.cells[key][1], len(text), limit))
            return ""
        return text

    def date(self, key: str) -> date | None:
        value = self.raw(key)
        if value is None:
            return None
        if isinstance(value, list) and value[0] == "date":
            day = date.fromisoformat(value[1])
            if EARLIEST <= day <= LATEST:
                return day
            value = value[1]
        elif isinstance(value, str):
            day = parse_date(value)
            if day is not None:
                return day
        self.problem(
            _(
                "ogiltigt datum '%(value)s' i %(column)s (skriv datumet som 2026-03-01)",
                value=_show(value),
                column=self.cells[key][1],
            )
        )
        return None


def _too_long(header: str, length: int, limit: int) -> str:
    return _(
        "texten i %(column)s är för lång (%(length)d tecken, högst %(max)d)",
        column=header,
        length=length,
        max=limit,
    )


def build_preview(plan: Plan, table: Table, mapping: Sequence[str]) -> Preview:
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
    context = _Plan(plan)
    rows: list[Row] = []
    seen: dict[object, int] = {}
    for raw in table.rows:
        row = _check_row(context, raw, table.headers, mapping)
        key = row.activity_id or (row.data and (row.data.area_id, c.normalise(row.data.title)))
        if key and not row.problems:
            if key in seen:
                row.problems.append(
                    _(
                        "Rad %(row)d: samma aktivitet som rad %(other)d",
                        row=row.number,
                        other=seen[key],
                    )
                )
                row.action = INVALID
            seen.setdefault(key, row.number)
        rows.append(row)
    return Preview(rows, problems)


def _check_row(context: _Plan, raw: list[Cell], headers, mapping) -> Row:
    number = int(raw[0])  # type: ignore[arg-type]
    read = _RowReader(raw, headers, mapping, number)
    row = Row(number)
    row.title = read.text(c.TITLE)
    area_text = read.text(c.AREA)
    row.area = area_text
    area = None
    if not row.title and not read.problems:
        read.problem(_("titel saknas"))
    if area_text:
        area = context.area(area_text)
        if area is None:
            read.problem(_("okänt område '%(value)s'", value=_show(area_text)))
    elif c.AREA in mapping:
        read.problem(_("område saknas"))

    existing = _match(context, read, area, row.title)
    row.activity_id = existing.id if existing else None

    def kept(key: str, value, current):
        return current if existing is not None and not read.mapped(key) else value

    goal = None
    goal_text = read.text(c.GOAL)
    if goal_text and area is not None:
        goal = context.goals.get((area.id, c.normalise(goal_text)))
        if goal is None:
            read.problem(
                _(
                    "okänt mål '%(value)s' i %(area)s. Lägg till målet i planen först eller "
                    "lämna cellen tom.",
                    value=_show(goal_text),
                    area=area.code,
                )
            )
    goal_id = kept(c.GOAL, goal.id if goal else None, existing and existing.goal_id)
    if goal_id and area is not None and context.goal_areas.get(goal_id) != area.id:
        read.problem(_("målet hör till ett annat område än %(area)s", area=area.code))

    organisations = _organisations(context, read, existing)
    email = read.text(c.EMAIL)
    if email:
        try:
            validate_email(email, check_deliverability=False)
        except EmailNotValidError:
            read.problem(_("ogiltig e-postadress '%(value)s'", value=_show(email)))

    start = kept(c.START, read.date(c.START), existing and existing.start_date)
    due = kept(c.DUE, read.date(c.DUE), existing and existing.due_date)
    follow_up = kept(c.FOLLOW_UP, read.date(c.FOLLOW_UP), existing and existing.follow_up_date)
    row.due = due
    if not read.problems:
        if due is None and follow_up is None:
            read.problem(_("ange slutdatum eller uppföljningsdatum (minst ett av dem)"))
        elif start and ((due and due < start) or (follow_up and follow_up < start)):
            read.problem(_("slutdatum och uppföljningsdatum kan inte vara före startdatum"))

    state = _state(context, read, existing)
    comment = read.text(c.COMMENT)
    current = existing
    description = kept(c.DESCRIPTION, read.text(c.DESCRIPTION), current and current.description)
    responsible = kept(
        c.RESPONSIBLE, read.text(c.RESPONSIBLE), current and current.responsible_name
    )
    role = kept(c.ROLE, read.text(c.ROLE), current and current.responsible_role)
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
        responsible_email=kept(c.EMAIL, email, current and current.responsible_email),
        organisation_ids=organisations,
        start_date=start,
        due_date=due,
        follow_up_date=follow_up,
    )
    _classify(row, existing, state, comment)
    if existing is not None and row.action == UPDATE and _stale(read, existing) is not None:
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
    return row


def _match(context: _Plan, read: _RowReader, area, title: str) -> Activity | None:
    ident = read.raw(c.ID)
    if isinstance(ident, str) and ident.strip().isdigit():
        ident = int(ident.strip())
    if isinstance(ident, float) and ident.is_integer():
        ident = int(ident)
    if isinstance(ident, int) and ident in context.by_id:
        return context.by_id[ident]
    if area is not None and title:
        return context.by_key.get((area.id, c.normalise(title)))
    return None


def _organisations(context: _Plan, read: _RowReader, existing: Activity | None) -> list[int]:
    text = read.text(c.ORGANISATIONS)
    if not text:
        if existing is not None:
            return [o.id for o in existing.organisations]
        return [context.plan.organisation_id]
    linked = {o.id for o in existing.organisations} if existing is not None else set()
    ids: list[int] = []
    for name in _organisation_names(context, text):
        candidates = context.organisations.get(c.normalise(name), [])
        if len(candidates) > 1:  # the one the activity already has, if any
            candidates = [o for o in candidates if o.id in linked] or candidates
        if not candidates:
            read.problem(
                _(
                    "okänd organisation '%(value)s' (bara %(org)s och organisationerna under "
                    "den kan anges)",
                    value=_show(name),
                    org=context.plan.organisation.name,
                )
            )
        elif len(candidates) > 1:
            read.problem(
                _(
                    "flera organisationer heter '%(value)s'; välj rätt organisation på "
                    "aktivitetens sida i planner",
                    value=_show(name),
                )
            )
        elif candidates[0].id not in ids:
            ids.append(candidates[0].id)
    if not ids and not read.problems:
        read.problem(_("ange minst en ansvarig organisation"))
    return ids


def _organisation_names(context: _Plan, text: str) -> list[str]:
    """The names in a cell: separated by ; or line breaks (the export's way), or by " + "
    as plans often write joint work; a name that itself contains " + " is kept whole."""
    names = []
    for part in filter(None, (p.strip() for p in re.split(r"[;\n]", text))):
        if c.normalise(part) in context.organisations:
            names.append(part)
        else:
            names.extend(filter(None, ORGANISATION_SPLIT.split(part)))
    return names


def _state(context: _Plan, read: _RowReader, existing: Activity | None) -> tuple[str, int]:
    current = (existing.status, existing.percent) if existing else ("ej_paborjad", 0)
    status_text = read.text(c.STATUS)
    status = current[0]
    if status_text:
        found = context.statuses.get(c.normalise(status_text))
        if found is None:
            read.problem(
                _(
                    "okänd status '%(value)s' (välj %(choices)s)",
                    value=_show(status_text),
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
                    value=_show(value),
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


def _stale(read: _RowReader, existing: Activity) -> int | None:
    """The version the row was exported at, when the activity has changed since."""
    value = read.raw(c.VERSION)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and value != existing.version:
        return value
    return None


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
    from planner.transfer.forms import FIELD_LABELS

    return [(key, str(label)) for key, label in FIELD_LABELS.items()]
