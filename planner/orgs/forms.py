from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField

from planner.forms import (
    PlannerForm,
    coerce_optional_int,
    options,
    organisation_options,
    required,
)
from planner.orgs.models import KINDS


class OrganisationForm(PlannerForm):
    name = required(_l("Namn"), 200)
    kind = SelectField(_l("Typ"), choices=options(KINDS.items()))
    parent_id = SelectField(_l("Ingår i"), coerce=coerce_optional_int, validate_choice=True)

    def set_parent_choices(self, rows) -> None:
        self.parent_id.choices = organisation_options(rows, _l("– Ingen (egen organisation) –"))
