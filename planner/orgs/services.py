"""Changes to and queries over the organisation tree."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from planner.extensions import db
from planner.orgs.models import KINDS, Organisation
from planner.rules import RuleError


class OrganisationError(RuleError):
    """A change that would break the tree; the message is shown to the user."""


def subtree_ids(root_id: int) -> list[int]:
    """The organisation and all its descendants, in one recursive query."""
    tree = select(Organisation.id).where(Organisation.id == root_id).cte("tree", recursive=True)
    tree = tree.union_all(select(Organisation.id).where(Organisation.parent_id == tree.c.id))
    return list(db.session.scalars(select(tree.c.id)))


def all_organisations() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).order_by(Organisation.name)))


def tree_rows() -> list[tuple[int, Organisation]]:
    """Every organisation with its depth, depth-first in name order (for lists and choices)."""
    orgs = all_organisations()
    by_parent: dict[int | None, list[Organisation]] = {}
    for org in orgs:
        by_parent.setdefault(org.parent_id, []).append(org)
    rows: list[tuple[int, Organisation]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for org in by_parent.get(parent_id, []):
            rows.append((depth, org))
            walk(org.id, depth + 1)

    walk(None, 0)
    return rows


def _check(name: str, kind: str, parent: Organisation | None, org: Organisation | None) -> str:
    name = name.strip()
    if not name:
        raise OrganisationError(_l("Namnet får inte vara tomt."), "name")
    if kind not in KINDS:
        raise OrganisationError(_l("Okänd typ av organisation."), "kind")
    if org is not None and parent is not None and parent.id in subtree_ids(org.id):
        raise OrganisationError(_l("En organisation kan inte ligga under sig själv."), "parent_id")
    return name


def create_organisation(name: str, kind: str, parent: Organisation | None = None) -> Organisation:
    """Add an organisation to the tree (under ``parent`` or as a root)."""
    org = Organisation(name=_check(name, kind, parent, None), kind=kind, parent=parent)
    db.session.add(org)
    db.session.flush()
    return org


def update_organisation(
    org: Organisation, name: str, kind: str, parent: Organisation | None
) -> Organisation:
    """Rename, retype or move an organisation; refuses to make a cycle."""
    org.name = _check(name, kind, parent, org)
    org.kind = kind
    org.parent = parent
    db.session.flush()
    return org
