"""The one permission rule every page and action asks (and later feeds and reports).

Each row says which organisation owns it (``planner.models.Owned``). A role on an
organisation holds for its whole subtree: läsare may view, redaktör may also edit plans, wheel
and progress, administratör may also manage memberships. System administrators may do
everything, including managing organisations and accounts.
What a user may not view answers 404, so its existence is not revealed.
"""

from __future__ import annotations

from typing import TypeVar

from flask import abort, g
from flask_login import current_user

from planner.auth.models import ROLE_RANK
from planner.auth.user_sessions import ROLE_SUBTREES
from planner.extensions import db
from planner.models import Owned
from planner.orgs.services import subtrees_ids

T = TypeVar("T")

VIEW, EDIT, MANAGE, ADMINISTER = "view", "edit", "manage", "administer"
NEEDED_RANK = {VIEW: 1, EDIT: 2, MANAGE: 3}


def ranks(user) -> dict[int, int]:
    """For each organisation the user has a role in (directly or through an ancestor), the
    highest role's rank. Computed once per request."""
    if not getattr(user, "is_authenticated", False):
        return {}
    cache = g.setdefault("_planner_ranks", {})
    if user.id not in cache:
        roles = [(m.organisation_id, m.role) for m in user.memberships]
        # Read with the session in this request (auth.user_sessions.find), else one query.
        subtrees = g.get(ROLE_SUBTREES, {}).get(user.id)
        if subtrees is None or any(org_id not in subtrees for org_id, _role in roles):
            subtrees = subtrees_ids(org_id for org_id, _role in roles)
        cache[user.id] = ranks_from(roles, subtrees.__getitem__)
    return cache[user.id]


def ranks_from(roles, subtree) -> dict[int, int]:
    """The rule itself: each (organisation id, role) holds for ``subtree(organisation id)``,
    the highest rank wins. A command that walks everyone passes an in-memory tree."""
    result: dict[int, int] = {}
    for organisation_id, role in roles:
        rank = ROLE_RANK.get(role, 0)
        for org_id in subtree(organisation_id):
            result[org_id] = max(result.get(org_id, 0), rank)
    return result


def visible_organisation_ids(user) -> set[int] | None:
    """The organisations ``user`` may see; None means all (system administrator)."""
    if getattr(user, "is_system_admin", False):
        return None
    return set(ranks(user))


def can(action: str, obj: object, user=None) -> bool:
    """May ``user`` (default: the logged-in one) do ``action`` on ``obj``?

    ``obj`` may be a class for actions that concern no row yet; only system administrators
    administer organisations and accounts."""
    user = current_user if user is None else user
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_system_admin:
        return True
    if action == ADMINISTER or isinstance(obj, type):
        return False
    if not isinstance(obj, Owned):  # rows no organisation owns (accounts) are administrators'
        return False
    if obj.personal_to is not None and obj.personal_to != user.id:
        return False
    return ranks(user).get(obj.owner_organisation_id, 0) >= NEEDED_RANK[action]


def require(action: str, obj: object) -> None:
    """Stop the request unless allowed; not visible answers 404 so existence is not revealed."""
    if not isinstance(obj, type) and not can(VIEW, obj):
        abort(404)
    if not can(action, obj):
        abort(403)


def load(model: type[T], ident: object, action: str = VIEW, options=()) -> T:
    """Load a row named in the URL (with loader ``options``) and check the user's right to
    ``action`` it."""
    if isinstance(ident, int) and not 0 < ident < 2**31:  # ids are 32-bit integers in
        abort(404)  # PostgreSQL; a larger number is no row, and the database would refuse it
    obj = db.session.get(model, ident, options=options)
    if obj is None:
        abort(404)
    require(action, obj)
    return obj
