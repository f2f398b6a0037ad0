"""The one permission rule every page and action asks (and later feeds and reports).

Until accounts exist (issue 3) everything is allowed, but every view already asks here,
so the rule changes in one place.
"""

from __future__ import annotations

from typing import TypeVar

from flask import abort

from planner.extensions import db

T = TypeVar("T")

VIEW, EDIT, MANAGE = "view", "edit", "manage"


def can(action: str, obj: object) -> bool:
    """May the current visitor do ``action`` on ``obj``?"""
    return True


def require(action: str, obj: object) -> None:
    """Stop the request unless allowed; not visible answers 404 so existence is not revealed."""
    if not can(VIEW, obj):
        abort(404)
    if not can(action, obj):
        abort(403)


def load(model: type[T], ident: object, action: str = VIEW) -> T:
    """Load a row named in the URL and check the visitor's right to ``action`` it."""
    obj = db.session.get(model, ident)
    if obj is None:
        abort(404)
    require(action, obj)
    return obj
