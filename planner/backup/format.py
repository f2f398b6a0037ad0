"""The backup file: one JSON document per organisation subtree, its version and its schema.

Every id in the file is file-local (1, 2, 3 … per section, in the file's order); references
between sections use those ids, so a file can be restored next to other organisations without
colliding. The history log may name rows that no longer exist (a deleted activity): those are
negative "ghost" ids, numbered per kind of row in order of first appearance, and are restored
as the same negative numbers, which no real row ever has.

The bytes are deterministic: sorted keys, rows in a stable order, ISO dates, UTC datetimes
with microseconds, UTF-8, two-space indent and a final newline, so export → import → export
gives the same bytes (apart from ``exported_at``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    Time,
)

from planner.assessment.models import Answer, Assessment, GapActivity
from planner.audit.models import AuditEvent
from planner.auth.models import Membership, User
from planner.clock import EARLIEST, LATEST, as_utc
from planner.feeds.models import Subscription
from planner.orgs.models import Organisation
from planner.plans.models import Activity, Goal, Plan, PlanArea, ProgressUpdate
from planner.psb.contribution_models import Contribution, PartRequest
from planner.psb.models import ReportFigures, ReportSection, SafetyReport
from planner.results.models import Measure, MeasureValue
from planner.wheel.models import OccurrenceDone, WheelEvent

FORMAT = "planner-backup"
VERSION = 7
# Upgrades of older files, by the version they read: UPGRADES[n] turns a version-n document
# into a version-(n + 1) one. When the format changes, bump VERSION and add the function that
# lifts the previous version.


def _wheel_events_span_days(document: dict) -> dict:
    """Version 2 gave wheel events a number of days; every older event covered one day."""
    for event in document.get("wheel_events") or []:
        if isinstance(event, dict):
            event.setdefault("span_days", 1)
    return document


def _no_measures(document: dict) -> dict:
    """Version 3 carries measures and their values; an older file had none."""
    for key in ("measures", "measure_values"):
        document.setdefault(key, [])
    return document


def _no_assessments(document: dict) -> dict:
    """Version 4 added self-assessments; an older file has none."""
    for key in ("assessments", "assessment_answers", "assessment_gap_activities"):
        document.setdefault(key, [])
    return document


PSB_SECTIONS = (
    "safety_reports",
    "report_sections",
    "report_figures",
    "psb_part_requests",
    "psb_contributions",
)


def _no_safety_reports(document: dict) -> dict:
    """Version 5 added the patient-safety reports; an older file has none."""
    for key in PSB_SECTIONS:
        document.setdefault(key, [])
    return document


def _responsible_accounts(document: dict) -> dict:
    """Version 6 links an activity's responsible person and a wheel event's owner to an
    account; older files named the person only by the typed name and e-mail (no link)."""
    for key, column in (("activities", "responsible_user_id"), ("wheel_events", "owner_user_id")):
        for row in document.get(key) or []:
            if isinstance(row, dict):
                row.setdefault(column, None)
    return document


def _measure_responsible(document: dict) -> dict:
    """Version 7 names a measure's responsible account; older measures had none."""
    for row in document.get("measures") or []:
        if isinstance(row, dict):
            row.setdefault("responsible_user_id", None)
    return document


UPGRADES: dict[int, Callable[[dict], dict]] = {
    1: _wheel_events_span_days,
    2: _no_measures,
    3: _no_assessments,
    4: _no_safety_reports,
    5: _responsible_accounts,
    6: _measure_responsible,
}
DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


class BackupError(ValueError):
    """A file that cannot be read or restored; the message says why, in Swedish."""


@dataclass(frozen=True)
class Section:
    """One list in the file: which table's rows, which columns name other sections' rows."""

    key: str
    table: Table
    refs: dict[str, str] = field(default_factory=dict)
    # Columns left out: ids, secrets, and what the server decides for itself.
    skip: frozenset[str] = frozenset({"id"})

    @property
    def columns(self) -> list[Column]:
        return [c for c in self.table.columns if c.key not in self.skip]


# In the order they are restored: a section refers only to sections before it.
SECTIONS = (
    Section("organisations", Organisation.__table__, {"parent_id": "organisations"}),
    Section(
        "external_organisations",
        Organisation.__table__,
        skip=frozenset({"id", "parent_id", "created_at", "updated_at"}),
    ),
    # No password hashes, no system-administrator flag: what a person may do
    # on the new server is the memberships below plus what its own administrators decide.
    Section(
        "users",
        User.__table__,
        skip=frozenset({"id", "password_hash", "is_system_admin"}),
    ),
    Section(
        "memberships",
        Membership.__table__,
        {"user_id": "users", "organisation_id": "organisations"},
        # Whether single sign-on's group mapping gave it belongs to this server's provider:
        # restored memberships are hand-made, and the format stays version 1-2.
        skip=frozenset({"id", "from_group"}),
    ),
    Section("plans", Plan.__table__, {"organisation_id": "organisations"}),
    Section("plan_areas", PlanArea.__table__, {"plan_id": "plans"}),
    Section("goals", Goal.__table__, {"plan_id": "plans", "area_id": "plan_areas"}),
    Section(
        "activities",
        Activity.__table__,
        # A responsible account without a role in the tree is left out (the typed name and
        # e-mail stay), as the file holds only the tree's members.
        {
            "plan_id": "plans",
            "area_id": "plan_areas",
            "goal_id": "goals",
            "responsible_user_id": "users",
        },
    ),
    Section(
        "progress_updates",
        ProgressUpdate.__table__,
        {"activity_id": "activities", "author_id": "users"},
    ),
    # A measure's goal is the goal link (a goal's measures are those that name it).
    # A responsible account without a role in the tree is left out, as for activities.
    Section(
        "measures",
        Measure.__table__,
        {"plan_id": "plans", "goal_id": "goals", "responsible_user_id": "users"},
    ),
    Section(
        "measure_values",
        MeasureValue.__table__,
        {
            "measure_id": "measures",
            "organisation_id": "organisations",
            "recorded_by_id": "users",
        },
    ),
    Section(
        "wheel_events",
        WheelEvent.__table__,
        {"organisation_id": "organisations", "plan_id": "plans", "owner_user_id": "users"},
        # Which national-template event it is guards only against adding the template
        # twice at once on this server; left out, version-1 files stay readable.
        skip=frozenset({"id", "template_key"}),
    ),
    Section("occurrences_done", OccurrenceDone.__table__, {"event_id": "wheel_events"}),
    Section(
        "subscriptions",
        Subscription.__table__,
        {"organisation_id": "organisations", "user_id": "users"},
    ),
    Section(
        "assessments",
        Assessment.__table__,
        {"organisation_id": "organisations", "decided_by_id": "users"},
    ),
    Section("assessment_answers", Answer.__table__, {"assessment_id": "assessments"}),
    Section(
        "assessment_gap_activities",
        GapActivity.__table__,
        {"assessment_id": "assessments", "activity_id": "activities"},
    ),
    Section("safety_reports", SafetyReport.__table__, {"organisation_id": "organisations"}),
    Section("report_sections", ReportSection.__table__, {"report_id": "safety_reports"}),
    Section("report_figures", ReportFigures.__table__, {"report_id": "safety_reports"}),
    Section(
        "psb_part_requests",
        PartRequest.__table__,
        {
            "report_id": "safety_reports",
            "organisation_id": "organisations",
            "writer_id": "users",
            "wheel_event_id": "wheel_events",
        },
    ),
    Section("psb_contributions", Contribution.__table__, {"request_id": "psb_part_requests"}),
    Section("history", AuditEvent.__table__),
)
BY_KEY = {s.key: s for s in SECTIONS}
# The lists of responsible organisations per activity (the many-to-many table).
ACTIVITY_ORG_KEYS = {
    "organisations": "organisations",
    "external_organisations": "external_organisations",
}
# The history's references: which section an id column or an entity type points into.
ENTITY_SECTIONS = {
    "Organisation": "organisations",
    "User": "users",
    "Membership": "memberships",
    "Plan": "plans",
    "PlanArea": "plan_areas",
    "Goal": "goals",
    "Activity": "activities",
    "ProgressUpdate": "progress_updates",
    "Measure": "measures",
    "MeasureValue": "measure_values",
    "WheelEvent": "wheel_events",
    "OccurrenceDone": "occurrences_done",
    "Subscription": "subscriptions",
    "Assessment": "assessments",
    "Answer": "assessment_answers",
    "GapActivity": "assessment_gap_activities",
    "SafetyReport": "safety_reports",
    "ReportSection": "report_sections",
    "PartRequest": "psb_part_requests",
    "Contribution": "psb_contributions",
    "ReportFigures": "report_figures",
}
HISTORY_REFS = {
    "actor_id": "User",
    "organisation_id": "Organisation",
    "plan_id": "Plan",
    "activity_id": "Activity",
}
# Every other JSON column holds a list of strings. A PSB's frozen document and a section's
# generated part may also be null (a draft; a section never generated).
JSON_SHAPES = {"changes": dict, "document": dict, "generated": dict}
DATE_LISTS = {"skipped"}  # … of ISO dates
INT_MIN, INT_MAX = -(2**31), 2**31 - 1


# --- values: database ↔ file ------------------------------------------------------------


def to_file(column: Column, value: Any) -> Any:
    """A column's value as the file writes it."""
    if value is None:
        return None
    if isinstance(column.type, DateTime):
        return as_utc(value).strftime(DATETIME_FORMAT)
    if isinstance(column.type, Date | Time):
        return value.isoformat()
    if isinstance(column.type, Numeric):
        return decimal_text(value)
    return value


def decimal_text(value: Decimal) -> str:
    """An exact number as text ("85.5", "100"): JSON numbers would pass through binary
    floating point, and a database's trailing zeros ("85.5000") would make files differ."""
    text = format(Decimal(value).normalize(), "f")
    return "0" if text in ("-0", "") else text


class LazyPlace:
    """Where a value sits, put into words only when a message needs it (a file has many)."""

    def __init__(self, place: tuple[str, int, str]) -> None:
        self.place = place

    def __str__(self) -> str:
        return where_in(*self.place)


def where_in(section: str, row: int, name: str) -> str:
    return _("%(section)s, rad %(row)d, fältet ”%(field)s”", section=section, row=row, field=name)


def from_file(column: Column, value: Any, place: tuple[str, int, str]) -> Any:
    """A value from the file checked against its column: the right type, length and range.
    ``place`` (section, row, field) names it in a refusal."""
    kind = column.type
    where = LazyPlace(place)
    if value is None:
        if not column.nullable:
            raise BackupError(_("%(where)s: värde saknas.", where=where))
        return None

    def wrong(expected: str) -> BackupError:
        return BackupError(_("%(where)s: ska vara %(expected)s.", where=where, expected=expected))

    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise wrong(_("sant eller falskt"))
        return value
    if isinstance(kind, Integer):
        if not isinstance(value, int) or isinstance(value, bool):
            raise wrong(_("ett heltal"))
        if not INT_MIN <= value <= INT_MAX:
            raise wrong(_("ett heltal inom 32 bitar"))
        return value
    if isinstance(kind, String | Text):
        if not isinstance(value, str):
            raise wrong(_("text"))
        if "\x00" in value:
            raise BackupError(_("%(where)s: texten innehåller ett NUL-tecken.", where=where))
        try:
            value.encode("utf-8")  # a lone surrogate is valid JSON but no text a database takes
        except UnicodeEncodeError:
            raise BackupError(
                _("%(where)s: texten innehåller ogiltiga tecken.", where=where)
            ) from None
        if kind.length is not None and len(value) > kind.length:
            raise BackupError(_("%(where)s: högst %(max)d tecken.", where=where, max=kind.length))
        return value
    try:
        if isinstance(kind, DateTime):
            if not isinstance(value, str):
                raise TypeError
            parsed = datetime.fromisoformat(value)
            return as_utc(parsed)
        if isinstance(kind, Date):
            if not isinstance(value, str):
                raise TypeError
            day = date.fromisoformat(value)
            if not EARLIEST <= day <= LATEST:  # what every form and the import accept
                raise ValueError(value)
            return day
        if isinstance(kind, Time):
            if not isinstance(value, str):
                raise TypeError
            return time.fromisoformat(value)
    except (TypeError, ValueError, OverflowError):
        raise wrong(_("ett datum eller en tid i ISO-format")) from None
    if isinstance(kind, Numeric):
        return _decimal(kind, value, wrong)
    if isinstance(kind, JSON):
        if JSON_SHAPES.get(column.key) is dict:
            if not isinstance(value, dict):
                raise wrong(_("ett objekt"))
        elif not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise wrong(_("en lista med texter"))
        if column.key in DATE_LISTS:
            try:
                [date.fromisoformat(v) for v in value]
            except ValueError:
                raise wrong(_("ett datum eller en tid i ISO-format")) from None
        return value
    raise wrong(str(kind))  # pragma: no cover - a column type this module does not know yet


def _decimal(kind: Numeric, value: Any, wrong: Callable[[str], BackupError]) -> Decimal:
    """A number written as text, within the column's digits before and after the point."""
    expected = _('ett tal skrivet som text, till exempel "85.5"')
    if not isinstance(value, str) or len(value) > 40:
        raise wrong(expected)
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise wrong(expected) from None
    if not number.is_finite():
        raise wrong(expected)
    whole = (kind.precision or 14) - (kind.scale or 0)
    if abs(number) >= Decimal(10) ** whole or number != round(number, kind.scale or 0):
        raise wrong(expected)
    return number


# --- the document as bytes ----------------------------------------------------------------


def to_bytes(document: dict) -> bytes:
    return (json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode(
        "utf-8"
    )


def _no_constant(name: str):
    """NaN and Infinity are accepted by Python's JSON reader but are not JSON."""
    raise ValueError(name)


def parse(data: bytes | str) -> dict:
    """The document in ``data``, upgraded to the current version; BackupError if it is not a
    planner backup or has a version this code cannot read. Nothing is checked beyond that
    here: ``restore`` validates every row before it writes anything."""
    try:
        document = json.loads(data, parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise BackupError(_("Filen är inte kodad i UTF-8.")) from None
    except json.JSONDecodeError as error:
        raise BackupError(
            _(
                "Filen är inte giltig JSON (rad %(line)d, kolumn %(column)d).",
                line=error.lineno,
                column=error.colno,
            )
        ) from None
    except (ValueError, RecursionError):
        raise BackupError(_("Filen är inte giltig JSON.")) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError(_("Filen är ingen säkerhetskopia från planner."))
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BackupError(_("Säkerhetskopian saknar ett giltigt versionsnummer."))
    if version > VERSION or (
        version < VERSION and any(v not in UPGRADES for v in range(version, VERSION))
    ):
        raise BackupError(
            _(
                "Säkerhetskopian har formatversion %(found)d; den här versionen av planner "
                "läser version %(readable)s.",
                found=version,
                readable=readable_versions(),
            )
        )
    while version < VERSION:
        document = UPGRADES[version](document)
        version += 1
        document["version"] = version
    return document


def readable_versions() -> str:
    """The versions this code reads, for messages: "1", or "1–3" once upgrades exist."""
    oldest = VERSION
    while oldest - 1 in UPGRADES:
        oldest -= 1
    return str(VERSION) if oldest == VERSION else f"{oldest}–{VERSION}"
