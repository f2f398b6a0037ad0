"""Reading a backup document back into the database (the import half).

Everything is checked before anything is written, and everything is written in the caller's
one transaction: a refused file leaves the database as it was. Rows are inserted with Core
statements in the file's order, so the history recorder (which watches ORM flushes) writes no
invented "created" events: the restored history is exactly the exported one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import insert, select
from sqlalchemy.exc import DataError, IntegrityError

from planner.audit.models import CREATE, DELETE, UPDATE
from planner.auth.models import ROLES, User
from planner.auth.services import normalise_email
from planner.backup.format import (
    ACTIVITY_ORG_KEYS,
    BY_KEY,
    ENTITY_SECTIONS,
    HISTORY_REFS,
    SECTIONS,
    BackupError,
    from_file,
    where_in,
)
from planner.backup.grants import UnconfirmedGrants, existing_accounts_given_roles, fingerprint
from planner.extensions import db
from planner.models import utcnow
from planner.orgs.models import KINDS, Organisation
from planner.plans.models import (
    ACTIVITY_STATUSES,
    DECISION_LEVELS,
    PLAN_STATUSES,
    activity_organisation,
)
from planner.plans.template import AREA_CODES
from planner.wheel.models import CATEGORIES, Subscription
from planner.wheel.recurrence import KINDS as RECURRENCES

# Restored accounts get no usable password: argon2 refuses this as a hash, so nobody can log
# in until an administrator runs `flask user set-password`.
NO_PASSWORD = "!restored-without-password"  # noqa: S105 - a marker, never a password
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
}
PERCENT = {("activities", "percent"), ("progress_updates", "percent")}


@dataclass
class Summary:
    root: Organisation
    counts: dict[str, int]
    existing_users: list[str] = field(default_factory=list)
    created_external: list[str] = field(default_factory=list)


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
        expected = {"id"} | {c.key for c in spec.columns}
        if spec.key == "activities":
            expected |= set(ACTIVITY_ORG_KEYS)
        rows, seen = [], set()
        for number, item in enumerate(raw, start=1):
            if not isinstance(item, dict):
                raise BackupError(
                    _(
                        "%(section)s, rad %(row)d: ska vara ett objekt.",
                        section=spec.key,
                        row=number,
                    )
                )
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
            if not isinstance(local, int) or isinstance(local, bool) or local < 1 or local in seen:
                raise BackupError(
                    _("%(section)s, rad %(row)d: ogiltigt id.", section=spec.key, row=number)
                )
            ids[spec.key] = seen  # the rows so far: a parent organisation comes before its child
            row = {"id": local}
            for column in spec.columns:
                where = (spec.key, number, column.key)
                value = item[column.key]
                if column.key in spec.refs or (
                    spec.key == "history" and column.key.endswith("_id")
                ):
                    row[column.key] = _check_ref(ids, spec.key, column, value, where)
                else:
                    row[column.key] = from_file(column, value, where)
                value = row[column.key]
                choices = CHOICES.get((spec.key, column.key))
                if choices is not None and value is not None and value not in choices:
                    raise BackupError(_("%(where)s: okänt värde.", where=where_in(*where)))
                if (spec.key, column.key) in PERCENT and not 0 <= value <= 100:
                    raise BackupError(_("%(where)s: okänt värde.", where=where_in(*where)))
            if spec.key == "activities":
                for key, target in ACTIVITY_ORG_KEYS.items():
                    value = item[key]
                    where = (spec.key, number, key)
                    if not isinstance(value, list) or len(set(map(repr, value))) != len(value):
                        raise BackupError(
                            _("%(where)s: ska vara en lista med olika id.", where=where_in(*where))
                        )
                    for ref in value:
                        _local_ref(ids, target, ref, where)
                    row[key] = value
            if spec.key == "history":
                where = (spec.key, number, "entity_id")
                _check_history_entity(ids, row, where)
            seen.add(local)
            rows.append(row)
        checked[spec.key] = rows
    roots = [r for r in checked["organisations"] if r["parent_id"] is None]
    if not checked["organisations"] or checked["organisations"][0]["parent_id"] is not None:
        raise BackupError(_("Säkerhetskopian börjar inte med en organisation överst i trädet."))
    if len(roots) != 1:
        raise BackupError(_("Säkerhetskopian har mer än en organisation överst i trädet."))
    return checked


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


def _check_same_plan(checked: dict) -> None:
    """A goal's area, an activity's area and goal belong to the row's own plan."""
    plan_of = {
        section: {r["id"]: r["plan_id"] for r in checked[section]}
        for section in ("plan_areas", "goals")
    }
    for section, refs in (("goals", ("area_id",)), ("activities", ("area_id", "goal_id"))):
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


def validate(document: dict) -> dict[str, list[dict]]:
    """The document's rows ready to insert; BackupError for anything wrong."""
    checked = _check_rows(document)
    _check_unique(checked)
    _check_same_plan(checked)
    return checked


def restore(
    document: dict, parent: Organisation | None = None, confirmed: str | None = None
) -> Summary:
    """Add the subtree in ``document`` under ``parent`` (or as a new top-level organisation).

    Refused (BackupError, nothing written) when the document is invalid, when an organisation
    of the root's name already stands in that place (the file was probably restored already),
    or when a calendar subscription in it already exists here. With ``confirmed`` (the web
    page's fingerprint, maybe empty), also refused (UnconfirmedGrants) unless it is the
    fingerprint of the existing accounts the file gives roles. Flushes, never commits."""
    checked = validate(document)
    root = checked["organisations"][0]
    place = Organisation.parent_id == parent.id if parent else Organisation.parent_id.is_(None)
    clash = db.session.scalar(
        select(Organisation.id).where(Organisation.name == root["name"], place).limit(1)
    )
    if clash is not None:
        raise BackupError(
            _(
                "Det finns redan en organisation som heter %(name)s på den platsen. "
                "Säkerhetskopian är kanske redan återställd; ta bort eller byt namn på den "
                "först, eller välj en annan överordnad organisation.",
                name=root["name"],
            )
        )
    hashes = [r["token_hash"] for r in checked["subscriptions"]]
    if hashes and db.session.scalar(
        select(Subscription.id).where(Subscription.token_hash.in_(hashes)).limit(1)
    ):
        raise BackupError(
            _(
                "En kalenderprenumeration i säkerhetskopian finns redan i databasen; "
                "säkerhetskopian är kanske redan återställd."
            )
        )
    if confirmed is not None:
        grants = existing_accounts_given_roles(checked)
        if grants and fingerprint(grants) != confirmed:
            raise UnconfirmedGrants(grants)
    try:
        with db.session.begin_nested():
            return _write(checked, parent)
    except (IntegrityError, DataError) as error:
        current_app.logger.warning("restore refused by the database: %s", error.orig)
        raise BackupError(
            _("Databasen vägrade ta emot säkerhetskopian; ingenting sparades.")
        ) from None


def _write(checked: dict[str, list[dict]], parent: Organisation | None) -> Summary:
    new: dict[str, dict[int, int]] = {}
    summary_users: list[str] = []
    created_external: list[str] = []

    connection = db.session.connection()
    statements = {s.key: insert(s.table) for s in SECTIONS}  # compiled once, cached

    def add(section: str, values: dict) -> int:
        return connection.execute(statements[section], values).inserted_primary_key[0]

    def mapped(section: str, row: dict) -> dict:
        spec = BY_KEY[section]
        values = {}
        for column in spec.columns:
            value = row[column.key]
            if column.key in spec.refs and value is not None:
                value = new[spec.refs[column.key]][value]
            values[column.key] = value
        return values

    new["organisations"] = {}
    for row in checked["organisations"]:
        values = mapped("organisations", {**row, "parent_id": None})
        if row["parent_id"] is None:
            values["parent_id"] = parent.id if parent else None
        else:
            values["parent_id"] = new["organisations"][row["parent_id"]]
        new["organisations"][row["id"]] = add("organisations", values)

    new["external_organisations"] = {}
    restored = set(new["organisations"].values())
    for row in checked["external_organisations"]:
        match = db.session.scalar(
            select(Organisation.id)
            .where(Organisation.name == row["name"], Organisation.kind == row["kind"])
            .where(Organisation.id.not_in(restored))
            .order_by(Organisation.id)
            .limit(1)
        )
        if match is None:
            now = utcnow()
            match = add(
                "organisations",
                {"name": row["name"], "kind": row["kind"], "created_at": now, "updated_at": now},
            )
            created_external.append(row["name"])
        new["external_organisations"][row["id"]] = match

    new["users"] = {}
    for row in checked["users"]:
        existing = db.session.scalar(
            select(User.id).where(User.email == normalise_email(row["email"]))
        )
        if existing is not None:
            summary_users.append(row["email"])
            new["users"][row["id"]] = existing
            continue
        values = mapped("users", row)
        values.update(
            email=normalise_email(row["email"]),  # as logging in looks it up
            password_hash=NO_PASSWORD,
        )
        new["users"][row["id"]] = add("users", values)

    for section in (
        "memberships",
        "plans",
        "plan_areas",
        "goals",
        "activities",
        "progress_updates",
        "wheel_events",
        "occurrences_done",
        "subscriptions",
    ):
        new[section] = {}
        for row in checked[section]:
            new[section][row["id"]] = add(section, mapped(section, row))
    links = [
        {"activity_id": new["activities"][row["id"]], "organisation_id": new[key][ref]}
        for row in checked["activities"]
        for key in ACTIVITY_ORG_KEYS
        for ref in row[key]
    ]
    if links:
        db.session.execute(insert(activity_organisation), links)

    def history_id(kind: str | None, value: int | None) -> int | None:
        if value is None or value < 0 or kind not in ENTITY_SECTIONS:
            return value
        return new[ENTITY_SECTIONS[kind]][value]

    events = []
    for row in checked["history"]:
        values = {k: v for k, v in row.items() if k != "id"}
        values["entity_id"] = history_id(row["entity_type"], row["entity_id"])
        for column, kind in HISTORY_REFS.items():
            values[column] = history_id(kind, row[column])
        events.append(values)
    for values in events:  # one by one: ids keep the file's order, which breaks ties in time
        connection.execute(statements["history"], values)
    db.session.flush()
    root = db.session.get(Organisation, new["organisations"][checked["organisations"][0]["id"]])
    counts = {key: len(rows) for key, rows in checked.items()}
    return Summary(root, counts, summary_users, created_external)
