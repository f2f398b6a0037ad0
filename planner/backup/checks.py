"""Checking a backup document before anything is written: its shape, every value, every
reference between its rows, and the rules a restored row must meet like any other."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from planner.assessment.models import ANSWER_LABELS, ASSESSMENT_STATUSES, GAP_KINDS
from planner.audit.models import CREATE, DELETE, UPDATE
from planner.auth.models import ROLES
from planner.auth.services import normalise_email
from planner.backup.format import (
    ACTIVITY_ORG_KEYS,
    BY_KEY,
    ENTITY_SECTIONS,
    HISTORY_REFS,
    SECTIONS,
    BackupError,
    Section,
    from_file,
    where_in,
)
from planner.orgs.models import KINDS
from planner.plans.models import ACTIVITY_STATUSES, DECISION_LEVELS, PLAN_STATUSES
from planner.plans.template import AREA_CODES
from planner.psb.frozen import NotADocument, checked_document, checked_generated
from planner.psb.models import REPORT_STATUSES
from planner.psb.template import available as available_templates
from planner.results.models import DIRECTIONS, UNITS
from planner.results.periods import RHYTHMS, PeriodError, parse_period
from planner.wheel.models import CATEGORIES
from planner.wheel.recurrence import KINDS as RECURRENCES

TOP_LEVEL = {"format", "version", "exported_at", "root"} | set(BY_KEY)
# Values with a fixed vocabulary, checked so that a restored row shows like any other (None
# passes where the column allows it).
CHOICES = {
    ("organisations", "kind"): KINDS,
    ("external_organisations", "kind"): KINDS,
    ("memberships", "role"): ROLES,
    ("plans", "status"): PLAN_STATUSES,
    ("plans", "decision_level"): DECISION_LEVELS,
    ("plan_areas", "code"): AREA_CODES,
    ("activities", "status"): ACTIVITY_STATUSES,
    ("progress_updates", "status"): ACTIVITY_STATUSES,
    ("wheel_events", "category"): CATEGORIES,
    ("wheel_events", "recurrence"): RECURRENCES,
    ("wheel_events", "area_code"): AREA_CODES,
    ("history", "action"): (CREATE, UPDATE, DELETE),
    ("assessments", "status"): ASSESSMENT_STATUSES,
    ("assessment_answers", "value"): ANSWER_LABELS,
    ("assessment_gap_activities", "kind"): GAP_KINDS,
    ("safety_reports", "status"): REPORT_STATUSES,
    ("measures", "unit"): UNITS,
    ("measures", "direction"): DIRECTIONS,
    ("measures", "rhythm"): RHYTHMS,
    ("measures", "area_code"): AREA_CODES,
}
PERCENT = {("activities", "percent"), ("progress_updates", "percent")}


def _check_rows(document: dict) -> dict[str, list[dict]]:
    """Every section's rows, converted to database values with file-local references, or a
    BackupError naming the first problem."""
    unknown = set(document) - TOP_LEVEL
    if unknown:
        raise BackupError(_("Okänd del i säkerhetskopian: %(key)s.", key=sorted(unknown)[0]))
    checked: dict[str, list[dict]] = {}
    ids: dict[str, set[int]] = {}  # each section's file-local ids, for checking references
    for spec in SECTIONS:
        raw = document.get(spec.key)
        if not isinstance(raw, list):
            raise BackupError(_("Säkerhetskopian saknar listan ”%(key)s”.", key=spec.key))
        seen: set[int] = set()
        ids[spec.key] = seen  # the rows so far: a parent organisation comes before its child
        checked[spec.key] = []
        for number, item in enumerate(raw, start=1):
            row = _check_item(spec, number, item, ids)
            seen.add(row["id"])
            checked[spec.key].append(row)
    _check_one_root(checked["organisations"])
    return checked


def _fields(spec: Section) -> set[str]:
    expected = {"id"} | {c.key for c in spec.columns}
    return expected | set(ACTIVITY_ORG_KEYS) if spec.key == "activities" else expected


def _check_item(spec: Section, number: int, item: Any, ids: dict[str, set[int]]) -> dict:
    """One row of a section: its shape, its id, each value, and its references."""
    if not isinstance(item, dict):
        raise BackupError(
            _("%(section)s, rad %(row)d: ska vara ett objekt.", section=spec.key, row=number)
        )
    expected = _fields(spec)
    if set(item) != expected:
        odd = sorted(set(item) ^ expected)[0]
        raise BackupError(
            _(
                "%(section)s, rad %(row)d: fältet ”%(field)s” saknas eller är okänt.",
                section=spec.key,
                row=number,
                field=odd,
            )
        )
    local = item["id"]
    if not isinstance(local, int) or isinstance(local, bool) or local < 1 or local in ids[spec.key]:
        raise BackupError(_("%(section)s, rad %(row)d: ogiltigt id.", section=spec.key, row=number))
    row = {"id": local}
    for column in spec.columns:
        row[column.key] = _check_value(spec, column, item[column.key], (spec.key, number), ids)
    if spec.key == "activities":
        for key, target in ACTIVITY_ORG_KEYS.items():
            row[key] = _check_id_list(ids, target, item[key], (spec.key, number, key))
    if spec.key == "history":
        _check_history_entity(ids, row, (spec.key, number, "entity_id"))
    return row


def _check_value(spec: Section, column, value: Any, at: tuple, ids: dict[str, set[int]]) -> Any:
    where = (*at, column.key)
    if column.key in spec.refs or (spec.key == "history" and column.key.endswith("_id")):
        value = _check_ref(ids, spec.key, column, value, where)
    else:
        value = from_file(column, value, where)
    choices = CHOICES.get((spec.key, column.key))
    if choices is not None and value is not None and value not in choices:
        raise BackupError(_("%(where)s: okänt värde.", where=where_in(*where)))
    if (spec.key, column.key) in PERCENT and not 0 <= value <= 100:
        raise BackupError(_("%(where)s: okänt värde.", where=where_in(*where)))
    return value


def _check_id_list(ids: dict[str, set[int]], target: str, value: Any, where: tuple) -> list:
    if not isinstance(value, list) or len(set(map(repr, value))) != len(value):
        raise BackupError(_("%(where)s: ska vara en lista med olika id.", where=where_in(*where)))
    for ref in value:
        _local_ref(ids, target, ref, where)
    return value


def _check_one_root(organisations: list[dict]) -> None:
    roots = [r for r in organisations if r["parent_id"] is None]
    if not organisations or organisations[0]["parent_id"] is not None:
        raise BackupError(_("Säkerhetskopian börjar inte med en organisation överst i trädet."))
    if len(roots) != 1:
        raise BackupError(_("Säkerhetskopian har mer än en organisation överst i trädet."))


def _local_ref(ids: dict[str, set[int]], target: str, value: Any, where: tuple) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value not in ids.get(target, ()):
        raise BackupError(
            _("%(where)s: hänvisar till en rad som inte finns i filen.", where=where_in(*where))
        )
    return value


def _check_ref(ids: dict[str, set[int]], section: str, column, value: Any, where: tuple):
    if section == "history":
        # Positive: a row of the file; negative: a ghost (a row that was already gone).
        from_file(column, value, where)
        if value is not None and value > 0 and column.key != "entity_id":
            _local_ref(ids, ENTITY_SECTIONS[HISTORY_REFS[column.key]], value, where)
        return value
    if value is None:
        if not column.nullable:
            raise BackupError(_("%(where)s: värde saknas.", where=where_in(*where)))
        return None
    return _local_ref(ids, BY_KEY[section].refs[column.key], value, where)


def _check_history_entity(ids: dict[str, set[int]], row: dict, where: tuple) -> None:
    entity = row["entity_id"]
    section = ENTITY_SECTIONS.get(row["entity_type"])
    if entity > 0 and (section is None or entity not in ids.get(section, ())):
        raise BackupError(
            _("%(where)s: hänvisar till en rad som inte finns i filen.", where=where_in(*where))
        )


def _check_unique(checked: dict) -> None:
    def once(section: str, key, label: str) -> None:
        seen = set()
        for number, row in enumerate(checked[section], start=1):
            value = key(row)
            if value in seen:
                raise BackupError(
                    _(
                        "%(section)s, rad %(row)d: %(what)s finns redan tidigare i filen.",
                        section=section,
                        row=number,
                        what=label,
                    )
                )
            seen.add(value)

    once("users", lambda r: normalise_email(r["email"]), _("e-postadressen"))
    once("memberships", lambda r: (r["user_id"], r["organisation_id"]), _("medlemskapet"))
    once("plan_areas", lambda r: (r["plan_id"], r["code"]), _("området"))
    once("occurrences_done", lambda r: (r["event_id"], r["day"]), _("dagen"))
    once("subscriptions", lambda r: r["token_hash"], _("prenumerationen"))
    once("assessments", lambda r: (r["organisation_id"], r["year"]), _("självskattningen"))
    once("assessment_answers", lambda r: (r["assessment_id"], r["question_code"]), _("svaret"))
    once("assessment_gap_activities", lambda r: r["activity_id"], _("kopplingen"))
    once(
        "safety_reports",
        lambda r: (r["organisation_id"], r["year"]),
        _("patientsäkerhetsberättelsen för året"),
    )
    once("report_sections", lambda r: (r["report_id"], r["section_key"]), _("avsnittet"))
    once("report_figures", lambda r: r["report_id"], _("årets siffror"))
    once(
        "psb_part_requests",
        lambda r: (r["report_id"], r["organisation_id"]),
        _("begäran till enheten"),
    )
    once("psb_contributions", lambda r: (r["request_id"], r["section_key"]), _("enhetens del"))
    once(
        "measures",
        lambda r: (r["plan_id"], r["catalogue_key"] or ("row", r["id"])),
        _("måttet från katalogen"),
    )
    once(
        "measure_values",
        lambda r: (r["measure_id"], r["organisation_id"], r["period"]),
        _("värdet för perioden"),
    )


def _check_safety_reports(checked: dict) -> None:
    """A PSB's template is one this server has, and its stored document and generated parts
    read as documents whose charts are plain drawings (the pages show them inline)."""
    templates = set(available_templates())
    stored = [("safety_reports", "document", checked_document)]
    stored.append(("report_sections", "generated", checked_generated))
    for number, row in enumerate(checked["safety_reports"], start=1):
        if row["template_key"] not in templates:
            raise BackupError(
                _(
                    "%(where)s: mallen finns inte på den här servern.",
                    where=where_in("safety_reports", number, "template_key"),
                )
            )
    for section, column, check in stored:
        for number, row in enumerate(checked[section], start=1):
            if row[column] is None:
                continue
            try:
                check(row[column])
            except NotADocument:
                raise BackupError(
                    _(
                        "%(where)s: är inte en berättelse som kan visas.",
                        where=where_in(section, number, column),
                    )
                ) from None


def _check_same_plan(checked: dict) -> None:
    """A goal's area, an activity's area and goal belong to the row's own plan."""
    plan_of = {
        section: {r["id"]: r["plan_id"] for r in checked[section]}
        for section in ("plan_areas", "goals")
    }
    for section, refs in (
        ("goals", ("area_id",)),
        ("activities", ("area_id", "goal_id")),
        ("measures", ("goal_id",)),
    ):
        for number, row in enumerate(checked[section], start=1):
            for ref in refs:
                target = BY_KEY[section].refs[ref]
                if row[ref] is not None and plan_of[target][row[ref]] != row["plan_id"]:
                    raise BackupError(
                        _(
                            "%(where)s: hör till en annan plan.",
                            where=where_in(section, number, ref),
                        )
                    )


def _check_measure_values(checked: dict) -> None:
    """A value's period is one of its measure's rhythm, with that period's dates, and its
    organisation is the measure's plan's organisation or one below it."""
    measures = {r["id"]: r for r in checked["measures"]}
    plan_org = {r["id"]: r["organisation_id"] for r in checked["plans"]}
    parent = {r["id"]: r["parent_id"] for r in checked["organisations"]}

    def within(org: int | None, top: int) -> bool:
        while org is not None and org != top:
            org = parent.get(org)
        return org == top

    for number, row in enumerate(checked["measure_values"], start=1):
        measure = measures[row["measure_id"]]
        try:
            period = parse_period(measure["rhythm"], row["period"])
        except PeriodError as error:
            raise BackupError(f"{where_in('measure_values', number, 'period')}: {error}") from None
        if (period.key, period.start, period.end) != (
            row["period"],
            row["period_start"],
            row["period_end"],
        ):
            raise BackupError(
                _("%(where)s: okänt värde.", where=where_in("measure_values", number, "period"))
            )
        if not within(row["organisation_id"], plan_org[measure["plan_id"]]):
            raise BackupError(
                _(
                    "%(where)s: hör till en annan plan.",
                    where=where_in("measure_values", number, "organisation_id"),
                )
            )


def validate(document: dict) -> dict[str, list[dict]]:
    """The document's rows ready to insert; BackupError for anything wrong."""
    checked = _check_rows(document)
    _check_unique(checked)
    _check_same_plan(checked)
    _check_safety_reports(checked)
    _check_measure_values(checked)
    return checked
