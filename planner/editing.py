"""Saving edits without losing anyone's work.

The version a form started from is compared explicitly with the row's current version before
anything is changed; the race between that check and the commit is caught as StaleDataError
(the UPDATE carries ``WHERE version = …``). Either way the user gets a clear message, sees what
the other person changed, and keeps their own input in the form to merge."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from planner.audit.history import changes_since
from planner.extensions import db
from planner.forms import VersionedForm


def _mark_conflict(form: VersionedForm, obj: object, started: int | None) -> None:
    form.version.data = str(obj.version)  # type: ignore[attr-defined]
    form.conflict = changes_since(obj, started)
    form.form_errors.append(
        _(
            "Någon annan har ändrat detta medan du redigerade. Dina ändringar är inte sparade "
            "men finns kvar i formuläret: jämför med ändringarna nedan och spara igen."
        )
    )


def changed_since_opened(form: VersionedForm, obj: object) -> bool:
    """True (and the form marked) when someone else saved ``obj`` after the form was opened."""
    started = form.version_number()
    if started == obj.version:  # type: ignore[attr-defined]
        return False
    _mark_conflict(form, obj, started)
    return True


def commit_edit(form: VersionedForm, obj: object) -> bool:
    """Commit an edit; False (rolled back, form marked) if another save won the race."""
    started = form.version_number()
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        db.session.refresh(obj)
        _mark_conflict(form, obj, started)
        return False
    return True
