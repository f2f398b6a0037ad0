from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, SelectField

from planner.forms import PlannerForm, coerce_optional_int, organisation_options


class RestoreForm(PlannerForm):
    file = FileField(_l("Säkerhetskopia (JSON-fil)"), validators=[FileRequired(_l("Välj en fil."))])
    parent_id = SelectField(_l("Lägg under"), coerce=coerce_optional_int, validate_choice=True)
    confirm_accounts = BooleanField(
        _l("Jag har kontrollerat kontona ovan: de ska få rollerna från säkerhetskopian.")
    )
    # Which list of accounts was confirmed (planner/backup/grants.py fingerprint).
    accounts_fingerprint = HiddenField()

    def set_parent_choices(self, rows) -> None:
        self.parent_id.choices = organisation_options(
            rows, _l("– Ingen (egen organisation överst) –")
        )
