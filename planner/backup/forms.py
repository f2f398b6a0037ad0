from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField

from planner.forms import PlannerForm, coerce_optional_int, organisation_options


class RestoreForm(PlannerForm):
    file = FileField(_l("Säkerhetskopia (JSON-fil)"), validators=[FileRequired(_l("Välj en fil."))])
    parent_id = SelectField(_l("Lägg under"), coerce=coerce_optional_int, validate_choice=True)

    def set_parent_choices(self, rows) -> None:
        self.parent_id.choices = organisation_options(
            rows, _l("– Ingen (egen organisation överst) –")
        )
