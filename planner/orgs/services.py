"""Changes to and queries over the organisation tree."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, bindparam, cast, func, select

from planner.extensions import db
from planner.orgs.models import KINDS, Organisation
from planner.rules import RuleError


class OrganisationError(RuleError):
    """A change that would break the tree; the message is shown to the user."""


def subtree_ids(root_id: int) -> list[int]:
    """The organisation and all its descendants, in one recursive query."""
    return subtrees_ids([root_id])[root_id]


def subtrees_ids(root_ids: Iterable[int]) -> dict[int, list[int]]:
    """Each root's subtree (itself and its descendants), all in one recursive query."""
    roots = sorted(set(root_ids))
    found: dict[int, list[int]] = {root: [] for root in roots}
    if roots:
        for root, org_id in db.session.execute(_subtrees_statement(), {"roots": roots}):
            found[root].append(org_id)
    return found


def subtrees(start):
    """The recursive CTE (root, id) of the subtrees below ``start``, a select of (root, id)
    pairs with each root as its own first id."""
    tree = start.cte("trees", recursive=True)
    return tree.union_all(
        select(tree.c.root, Organisation.id).where(Organisation.parent_id == tree.c.id)
    )


def subtrees_text(start):
    """The subtrees below ``start`` (see ``subtrees``) as one value, "root:id,root:id,…",
    to be read by ``parse_subtrees``: so they can ride in another statement."""
    tree = subtrees(start)
    pair = cast(tree.c.root, String) + ":" + cast(tree.c.id, String)
    return select(func.aggregate_strings(pair, ",")).scalar_subquery()


def parse_subtrees(text: str | None) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for pair in text.split(",") if text else ():
        root, org_id = pair.split(":")
        found.setdefault(int(root), []).append(int(org_id))
    return found


@cache
def _subtrees_statement():
    """Built once: every permission check may run it (building it cost more than running)."""
    start = select(Organisation.id.label("root"), Organisation.id).where(
        Organisation.id.in_(bindparam("roots", expanding=True))
    )
    tree = subtrees(start)
    return select(tree.c.root, tree.c.id)


def all_organisations() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).order_by(Organisation.name)))


def depth_first(
    orgs: Iterable[Organisation],
    root: Organisation | None = None,
    key: Callable[[Organisation], Any] | None = None,
) -> list[tuple[int, Organisation]]:
    """``orgs`` with their depth, depth-first: from ``root`` (depth 0) or from the top of the
    tree; siblings in ``key`` order (or in the order given)."""
    children: dict[int | None, list[Organisation]] = {}
    for org in orgs if key is None else sorted(orgs, key=key):
        children.setdefault(org.parent_id, []).append(org)
    rows: list[tuple[int, Organisation]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for org in children.get(parent_id, []):
            rows.append((depth, org))
            walk(org.id, depth + 1)

    if root is None:
        walk(None, 0)
    else:
        rows.append((0, root))
        walk(root.id, 1)
    return rows


def subtree(
    root: Organisation, key: Callable[[Organisation], Any]
) -> list[tuple[int, Organisation]]:
    """``root`` and its descendants with their depth, depth-first, siblings in ``key`` order."""
    orgs = db.session.scalars(select(Organisation).where(Organisation.id.in_(subtree_ids(root.id))))
    return depth_first((org for org in orgs if org.id != root.id), root, key)


def tree_rows() -> list[tuple[int, Organisation]]:
    """Every organisation with its depth, depth-first in name order (for lists and choices)."""
    return depth_first(all_organisations())


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
