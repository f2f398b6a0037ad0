"""Saving edits without losing anyone's work: the version a form started from is compared
explicitly with the row's current version before anything is changed."""

from __future__ import annotations

from flask_babel import gettext as _

from planner.forms import VersionedForm


def changed_since_opened(form: VersionedForm, obj: object) -> bool:
    """True when someone else saved ``obj`` after this form was opened.

    The form then gets the current version, so the user's next save — after they have seen
    and merged the other change — goes through; their own input stays in the form."""
    current = obj.version  # type: ignore[attr-defined]
    if form.version_number() == current:
        return False
    form.version.data = str(current)
    form.form_errors.append(
        _(
            "Någon annan har ändrat detta medan du redigerade. Dina ändringar är inte sparade "
            "men finns kvar i formuläret: jämför med det som nu är sparat och spara igen."
        )
    )
    return True
