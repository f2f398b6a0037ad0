"""Reading a backup document back into the database (the import half).

Everything is checked before anything is written (planner/backup/checks.py), and everything is
written in the caller's one transaction: a refused file leaves the database as it was. Rows are
inserted with Core statements in the file's order, so the history recorder (which watches ORM
flushes) writes no invented "created" events: the restored history is exactly the exported
one."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import insert, select
from sqlalchemy.exc import DataError, IntegrityError

from planner.auth.models import User
from planner.auth.services import normalise_email
from planner.backup.checks import validate
from planner.backup.format import (
    ACTIVITY_ORG_KEYS,
    BY_KEY,
    ENTITY_SECTIONS,
    HISTORY_REFS,
    SECTIONS,
    BackupError,
)
from planner.backup.grants import UnconfirmedGrants, existing_accounts_given_roles, fingerprint
from planner.extensions import db
from planner.feeds.models import Subscription
from planner.models import utcnow
from planner.orgs.models import Organisation
from planner.plans.models import (
    activity_organisation,
)

# Restored accounts get no usable password: argon2 refuses this as a hash, so nobody can log
# in until an administrator runs `flask user set-password`.
NO_PASSWORD = "!restored-without-password"  # noqa: S105 - a marker, never a password


@dataclass
class Summary:
    root: Organisation
    counts: dict[str, int]
    existing_users: list[str] = field(default_factory=list)
    created_external: list[str] = field(default_factory=list)


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


# Sections whose rows only need their references translated to the new ids.
_PLAIN_SECTIONS = (
    "memberships",
    "plans",
    "plan_areas",
    "goals",
    "activities",
    "progress_updates",
    "measures",
    "measure_values",
    "wheel_events",
    "occurrences_done",
    "subscriptions",
    "assessments",
    "assessment_answers",
    "assessment_gap_activities",
    "safety_reports",
    "report_sections",
    "report_figures",
    "psb_part_requests",
    "psb_contributions",
)


class _Writer:
    """Inserts checked rows section by section, keeping each file id's new database id."""

    def __init__(self) -> None:
        self.connection = db.session.connection()
        self.statements = {s.key: insert(s.table) for s in SECTIONS}  # compiled once, cached
        self.new: dict[str, dict[int, int]] = {}

    def add(self, section: str, values: dict) -> int:
        return self.connection.execute(self.statements[section], values).inserted_primary_key[0]

    def mapped(self, section: str, row: dict) -> dict:
        spec = BY_KEY[section]
        values = {}
        for column in spec.columns:
            value = row[column.key]
            if column.key in spec.refs and value is not None:
                value = self.new[spec.refs[column.key]][value]
            values[column.key] = value
        return values

    def organisations(self, rows: list[dict], parent: Organisation | None) -> None:
        """The tree, its root placed under ``parent`` (or at the top)."""
        new = self.new["organisations"] = {}
        for row in rows:
            values = self.mapped("organisations", {**row, "parent_id": None})
            if row["parent_id"] is None:
                values["parent_id"] = parent.id if parent else None
            else:
                values["parent_id"] = new[row["parent_id"]]
            new[row["id"]] = self.add("organisations", values)

    def external_organisations(self, rows: list[dict]) -> list[str]:
        """Organisations outside the tree that share activities: matched by name and kind,
        created at the top when missing. Returns the names of those created."""
        created = []
        new = self.new["external_organisations"] = {}
        restored = set(self.new["organisations"].values())
        for row in rows:
            match = db.session.scalar(
                select(Organisation.id)
                .where(Organisation.name == row["name"], Organisation.kind == row["kind"])
                .where(Organisation.id.not_in(restored))
                .order_by(Organisation.id)
                .limit(1)
            )
            if match is None:
                now = utcnow()
                match = self.add(
                    "organisations",
                    {
                        "name": row["name"],
                        "kind": row["kind"],
                        "created_at": now,
                        "updated_at": now,
                    },
                )
                created.append(row["name"])
            new[row["id"]] = match
        return created

    def users(self, rows: list[dict]) -> list[str]:
        """Accounts: an existing one (same e-mail) is reused unchanged, a new one gets no
        password. Returns the e-mail addresses that already had an account."""
        existing_emails = []
        new = self.new["users"] = {}
        for row in rows:
            existing = db.session.scalar(
                select(User.id).where(User.email == normalise_email(row["email"]))
            )
            if existing is not None:
                existing_emails.append(row["email"])
                new[row["id"]] = existing
                continue
            values = self.mapped("users", row)
            values.update(
                email=normalise_email(row["email"]),  # as logging in looks it up
                password_hash=NO_PASSWORD,
            )
            new[row["id"]] = self.add("users", values)
        return existing_emails

    def plain(self, section: str, rows: list[dict]) -> None:
        new = self.new[section] = {}
        for row in rows:
            new[row["id"]] = self.add(section, self.mapped(section, row))

    def responsible(self, activities: list[dict]) -> None:
        """Each activity's responsible organisations, inside the tree and outside it."""
        links = [
            {
                "activity_id": self.new["activities"][row["id"]],
                "organisation_id": self.new[key][ref],
            }
            for row in activities
            for key in ACTIVITY_ORG_KEYS
            for ref in row[key]
        ]
        if links:
            db.session.execute(insert(activity_organisation), links)

    def _history_id(self, kind: str | None, value: int | None) -> int | None:
        if value is None or value < 0 or kind not in ENTITY_SECTIONS:
            return value  # a ghost (a row already gone when exported) keeps its number
        return self.new[ENTITY_SECTIONS[kind]][value]

    def history(self, rows: list[dict]) -> None:
        for row in rows:  # one by one: ids keep the file's order, which breaks ties in time
            values = {k: v for k, v in row.items() if k != "id"}
            values["entity_id"] = self._history_id(row["entity_type"], row["entity_id"])
            for column, kind in HISTORY_REFS.items():
                values[column] = self._history_id(kind, row[column])
            self.connection.execute(self.statements["history"], values)


def _write(checked: dict[str, list[dict]], parent: Organisation | None) -> Summary:
    writer = _Writer()
    writer.organisations(checked["organisations"], parent)
    created_external = writer.external_organisations(checked["external_organisations"])
    existing_users = writer.users(checked["users"])
    for section in _PLAIN_SECTIONS:
        writer.plain(section, checked[section])
    writer.responsible(checked["activities"])
    writer.history(checked["history"])
    db.session.flush()
    root_id = writer.new["organisations"][checked["organisations"][0]["id"]]
    counts = {key: len(rows) for key, rows in checked.items()}
    return Summary(db.session.get(Organisation, root_id), counts, existing_users, created_external)
