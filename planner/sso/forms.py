from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField

from planner.auth.models import ROLES
from planner.forms import PlannerForm, options, required


class GroupMappingForm(PlannerForm):
    group_name = required(_l("Grupp"), 200)
    organisation_id = SelectField(_l("Organisation"), coerce=int)
    role = SelectField(_l("Roll"), choices=options(ROLES.items()))
