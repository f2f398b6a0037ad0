"""Asking units for their parts of a PSB, writing them, and what is due for whom.

Services flush, never commit. ``parts_due_for`` is the one query the reminders and "my work"
ask: the parts a person is the named writer of and has not marked ready."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from planner.auth.models import Membership, User
from planner.extensions import db
from planner.models import utcnow
from planner.orgs.models import Organisation
from planner.orgs.services import subtree_ids
from planner.psb.contribution_models import Contribution, PartRequest
from planner.psb.models import DECIDED, SafetyReport
from planner.psb.template import load_template
from planner.rules import RuleError
from planner.wheel import services as wheel


@dataclass
class RequestData:
    unit_id: int
    writer_id: int | None
    due_date: date | None
    section_keys: list[str]


def askable_units(report: SafetyReport) -> list[Organisation]:
    """The organisations below the PSB's own that can be asked for parts, by name."""
    ids = set(subtree_ids(report.organisation_id)) - {report.organisation_id}
    if not ids:
        return []
    return list(
        db.session.scalars(
            select(Organisation).where(Organisation.id.in_(ids)).order_by(Organisation.name)
        )
    )


def unit_writers(unit_id: int) -> list[User]:
    """Who can be a unit's named writer: the active people with a role on the unit itself."""
    return list(
        db.session.scalars(
            select(User)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.organisation_id == unit_id, User.active.is_(True))
            .order_by(User.name, User.id)
            .distinct()
        )
    )


def section_headings(report: SafetyReport) -> dict[str, str]:
    """Every section of the report's template by key, in the template's order."""
    return {s.key: s.heading for s in load_template(report.template_key).walk()}


def _check_open(report: SafetyReport) -> None:
    if report.is_decided:
        raise RuleError(_l("Patientsäkerhetsberättelsen är beslutad och kan inte ändras."))


def request_parts(report: SafetyReport, data: RequestData) -> PartRequest:
    """Ask a unit for its parts of the chosen sections, or change what it was asked. A part
    that already has text is never dropped: unticking it is refused."""
    _check_open(report)
    unit = db.session.get(Organisation, data.unit_id)
    if unit is None or unit not in askable_units(report):
        raise RuleError(_l("Välj en enhet under organisationen."), "unit_id")
    writer = db.session.get(User, data.writer_id) if data.writer_id else None
    # By id: accounts compare equal by their session (flask-login), not by who they are.
    if writer is None or writer.id not in {w.id for w in unit_writers(unit.id)}:
        raise RuleError(_l("Välj en skribent som är medlem i enheten."), "writer_id")
    if data.due_date is None:
        raise RuleError(_l("Ange när underlaget senast ska vara klart."), "due_date")
    headings = section_headings(report)
    keys = [k for k in headings if k in set(data.section_keys)]
    if not keys or len(keys) != len(set(data.section_keys)):
        raise RuleError(_l("Välj minst ett avsnitt."), "section_keys")
    request = db.session.scalars(
        select(PartRequest).where(
            PartRequest.report_id == report.id, PartRequest.organisation_id == unit.id
        )
    ).first()
    if request is None:
        request = PartRequest(report=report, organisation=unit)
        db.session.add(request)
    for part in list(request.parts):
        if part.section_key not in keys:
            if part.text.strip():
                raise RuleError(
                    _l(
                        "Enheten har redan skrivit i avsnittet ”%(heading)s”; det kan inte "
                        "tas bort ur begäran.",
                        heading=headings.get(part.section_key, part.section_key),
                    ),
                    "section_keys",
                )
            request.parts.remove(part)
    for key in keys:
        if request.part(key) is None:
            request.parts.append(Contribution(section_key=key))
    request.writer, request.due_date = writer, data.due_date
    _mirror_in_wheel(request)
    db.session.flush()
    return request


def _mirror_in_wheel(request: PartRequest) -> None:
    """The due date as a one-time event in the unit's wheel, marked done once every part is
    ready; the event follows the request's changes."""
    report = request.report
    # Stored data, in Swedish whatever the lead's language (like the national wheel's events).
    data = wheel.EventData(
        f"PSB {report.year}: underlag till {report.organisation.name}",
        "rapportering",
        request.due_date,
        "Enhetens delar av patientsäkerhetsberättelsen ska vara klara.",
    )
    event = request.wheel_event
    if event is None:
        request.wheel_event = wheel.create_event(request.organisation, data)
    else:
        if event.start_date != data.start_date:
            event.done.clear()
        wheel.update_event(event, data)
    _mark_wheel_done(request)


def _mark_wheel_done(request: PartRequest) -> None:
    event = request.wheel_event
    if event is not None and event.start_date == request.due_date:
        everything_ready = bool(request.parts) and all(p.ready for p in request.parts)
        wheel.set_done(event, event.start_date, everything_ready, "planner")


def withdraw_request(request: PartRequest) -> None:
    """Take back a request nobody has written in yet (with its wheel event)."""
    _check_open(request.report)
    if request.has_text:
        raise RuleError(_l("Enheten har redan skrivit underlag; begäran kan inte tas bort."))
    if request.wheel_event is not None:
        wheel.delete_event(request.wheel_event)
    db.session.delete(request)
    db.session.flush()


def may_write(user, part: Contribution) -> bool:
    """The named writer, and whoever may edit the unit's plan data, write the unit's part."""
    from planner.access import EDIT, can

    return bool(getattr(user, "is_authenticated", False)) and (
        part.request.writer_id == user.id or can(EDIT, part, user)
    )


def save_part(part: Contribution, text: str, ready: bool, by: str) -> Contribution:
    """Keep the part's text (in the same safe formatting as a section's own text,
    planner.psb.writing) and whether it is ready. An empty part cannot be ready."""
    _check_open(part.request.report)
    if ready and not text.strip():
        raise RuleError(_l("Skriv underlaget innan du markerar det som klart."), "text")
    part.text = text
    if ready != part.ready:
        part.ready = ready
        part.ready_by, part.ready_at = (by, utcnow()) if ready else ("", None)
    _mark_wheel_done(part.request)
    db.session.flush()
    return part


def report_requests(report: SafetyReport) -> list[PartRequest]:
    """The report's requests with their units, writers and parts, by unit name."""
    return list(
        db.session.scalars(
            select(PartRequest)
            .join(Organisation, Organisation.id == PartRequest.organisation_id)
            .where(PartRequest.report_id == report.id)
            .options(
                selectinload(PartRequest.parts),
                selectinload(PartRequest.writer),
                selectinload(PartRequest.organisation),
            )
            .order_by(Organisation.name, PartRequest.id)
        )
    )


@dataclass(frozen=True)
class Progress:
    """How many of the asked-for parts are ready, for a section or a unit."""

    label: str
    ready: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.ready / self.total) if self.total else 0


def completion(report: SafetyReport, requests: list[PartRequest]) -> tuple[list, list]:
    """The completion per section (template order) and per unit (by name)."""
    headings = section_headings(report)
    by_section: dict[str, list[bool]] = {}
    units = []
    for request in requests:
        states = [p.ready for p in request.parts]
        units.append(Progress(request.organisation.name, sum(states), len(states)))
        for part in request.parts:
            by_section.setdefault(part.section_key, []).append(part.ready)
    sections = [
        Progress(heading, sum(by_section[key]), len(by_section[key]))
        for key, heading in headings.items()
        if key in by_section
    ]
    return sections, units


def ready_parts(report: SafetyReport) -> dict[str, list[tuple[str, str]]]:
    """For each section, the units' ready parts as (unit name, text), units by name: what the
    PSB compiles under the section."""
    rows = db.session.execute(
        select(Contribution.section_key, Organisation.name, Contribution.text)
        .join(PartRequest, PartRequest.id == Contribution.request_id)
        .join(Organisation, Organisation.id == PartRequest.organisation_id)
        .where(PartRequest.report_id == report.id, Contribution.ready.is_(True))
        .order_by(Organisation.name, Organisation.id)
    )
    compiled: dict[str, list[tuple[str, str]]] = {}
    for key, unit, text in rows:
        compiled.setdefault(key, []).append((unit, text))
    return compiled


@dataclass(frozen=True)
class DuePart:
    """A part a person is to write: for reminders, "my work" and the writer's own list."""

    contribution_id: int
    report_id: int
    year: int
    organisation: str  # whose PSB
    unit: str
    section_key: str
    section_heading: str
    due_date: date
    state: str
    writer: str


def parts_due_for(user_id: int, until: date | None = None) -> list[DuePart]:
    """The parts ``user_id`` is the named writer of and has not marked ready, due by ``until``
    (all when None), earliest due first; parts of decided PSBs are no longer due."""
    where = [PartRequest.writer_id == user_id, Contribution.ready.is_(False)]
    if until is not None:
        where.append(PartRequest.due_date <= until)
    return _parts(where)


def parts_to_write(user_id: int, unit_ids: set[int] | None) -> list[DuePart]:
    """Every part of an undecided PSB that ``user_id`` writes, as the named writer or as an
    editor of one of ``unit_ids`` (None: every unit), ready or not."""
    if unit_ids is None:
        return _parts([])
    return _parts(
        [or_(PartRequest.writer_id == user_id, PartRequest.organisation_id.in_(unit_ids))]
    )


def _parts(where: list) -> list[DuePart]:
    statement = (
        select(Contribution)
        .join(PartRequest, PartRequest.id == Contribution.request_id)
        .join(SafetyReport, SafetyReport.id == PartRequest.report_id)
        .where(SafetyReport.status != DECIDED, *where)
        .options(
            selectinload(Contribution.request).selectinload(PartRequest.report),
            selectinload(Contribution.request).selectinload(PartRequest.organisation),
            selectinload(Contribution.request).selectinload(PartRequest.writer),
        )
        .order_by(PartRequest.due_date, PartRequest.id, Contribution.id)
    )
    found = []
    for part in db.session.scalars(statement):
        request, report = part.request, part.request.report
        found.append(
            DuePart(
                part.id,
                report.id,
                report.year,
                report.organisation.name,
                request.organisation.name,
                part.section_key,
                section_headings(report).get(part.section_key, part.section_key),
                request.due_date,
                part.state,
                request.writer.name if request.writer else "",
            )
        )
    return found
