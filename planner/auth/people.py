"""Who can be named responsible for something an organisation owns: the active accounts that
can see it, i.e. members of the organisation or of one above it (a role holds for the subtree).

An activity's responsible person and a wheel event's owner are picked from these people, or,
for an activity, typed in for someone without an account; a typed e-mail address that is one
of these people's links their account. Anyone else's item would be hidden from them anyway
(My work shows only what they may still see)."""

from __future__ import annotations

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from planner.auth.models import Membership, User
from planner.extensions import db
from planner.forms import options
from planner.orgs.models import Organisation
from planner.rules import RuleError


def _ancestors_and_self(organisation_id: int):
    chain = (
        select(Organisation.id, Organisation.parent_id)
        .where(Organisation.id == organisation_id)
        .cte("chain", recursive=True)
    )
    up = select(Organisation.id, Organisation.parent_id).join(
        chain, Organisation.id == chain.c.parent_id
    )
    return select(chain.union_all(up).c.id)


def assignable_people(organisation_id: int) -> list[User]:
    """The active accounts that can see what ``organisation_id`` owns, by name."""
    members = select(Membership.user_id).where(
        Membership.organisation_id.in_(_ancestors_and_self(organisation_id))
    )
    return list(
        db.session.scalars(
            select(User)
            .where(User.id.in_(members), User.active.is_(True))
            .order_by(User.name, User.email)
        )
    )


def responsible_account(
    organisation_id: int,
    user_id: int | None,
    typed_email: str = "",
    saved_email: str = "",
    field: str = "responsible_user_id",
) -> User | None:
    """The account an item of ``organisation_id`` is linked to: the member picked
    (``user_id``), else the member whose e-mail address was typed, else none.

    Picking a member while typing someone else's address is refused (unless the address is
    the one already saved, left as it was when only the choice changed): which of the two was
    meant cannot be guessed."""
    people = assignable_people(organisation_id)
    typed = typed_email.strip().lower()
    if user_id is not None:
        person = next((p for p in people if p.id == user_id), None)
        if person is None:
            raise RuleError(_l("Välj en av organisationens medlemmar."), field)
        if typed and typed not in (person.email, saved_email.strip().lower()):
            raise RuleError(
                _l(
                    "E-postadressen hör inte till den valda medlemmen. Välj ”Annan person” för "
                    "att skriva in någon annan, eller töm fältet."
                ),
                "responsible_email",
            )
        return person
    return next((p for p in people if typed and p.email == typed), None)


def person_choices(field, organisation_id: int, nobody: str | None = None) -> None:
    """Offer ``organisation_id``'s assignable people in a select ``field`` (after an empty
    choice labelled ``nobody``). A person no longer among them is no longer offered: a form
    opened then starts from the empty choice (a form sent with them is refused)."""
    people = assignable_people(organisation_id)
    empty = nobody if nobody is not None else _("Annan person (skriv namn och e-post nedan)")
    field.choices = options([("", empty)] + [(p.id, f"{p.name} ({p.email})") for p in people])
    stale = field.data is not None and all(p.id != field.data for p in people)
    if request.method == "GET" and stale:
        field.data = None
