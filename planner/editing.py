"""Saving edits without losing anyone's work.

The version a form started from is compared explicitly with the row's current version before
anything is changed; the race between that check and the commit is caught as StaleDataError
(the UPDATE carries ``WHERE version = …``). Either way the user gets a clear message, sees what
the other person changed, and keeps their own input in the form to merge."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import flash
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from planner.audit.history import changes_since
from planner.extensions import db
from planner.forms import VersionedForm
from planner.rules import RuleError

T = TypeVar("T")


def mark_conflict(form: VersionedForm, obj: object, started: int | None) -> None:
    """Mark ``form`` as having lost to someone else's save of ``obj``: the message on top, the
    other person's changes listed, the form now starting from ``obj``'s current version."""
    form.version.data = str(obj.version)  # type: ignore[attr-defined]
    form.conflict = changes_since(obj, started)
    form.form_errors.append(
        _(
            "Någon annan har ändrat detta medan du redigerade. Dina ändringar är inte sparade "
            "men finns kvar i formuläret: jämför med ändringarna nedan och spara igen."
        )
    )


def save_edit(form: VersionedForm, obj: object, change: Callable[[], object]) -> bool:
    """Save an edit of ``obj``: refuse if someone else saved it after the form was opened,
    else run ``change`` (service calls that flush) and commit once. False when the form is
    marked with the conflict, when ``change`` refused (returned None), or when another save
    won the race to the commit (rolled back, form marked)."""
    started = form.version_number()
    if started != obj.version:  # type: ignore[attr-defined]
        mark_conflict(form, obj, started)
        return False
    try:
        if change() is None:
            return False
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        db.session.refresh(obj)
        mark_conflict(form, obj, started)
        return False
    return True


def rule_checked(form, call: Callable[[], T], field: str | None = None) -> T | None:
    """Run a service call (it returns something when it succeeds); a broken rule is rolled
    back and shown, and None is returned. The one way views show a refused change: next to
    the rule's field (or ``field``) on a form, or as a message on the next page when the
    action has no form of its own (a delete button)."""
    try:
        return call()
    except RuleError as error:
        db.session.rollback()
        if form is None:
            flash(str(error), "error")
        else:
            form[error.field or field].errors.append(str(error))
        return None
