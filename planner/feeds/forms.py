from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField

from planner.forms import MultiCheckboxField, PlannerForm, options, required
from planner.plans.template import AREA_LABELS
from planner.wheel.models import CATEGORIES


class SubscriptionForm(PlannerForm):
    name = required(_l("Namn på prenumerationen"), 200)
    areas = MultiCheckboxField(_l("Bara dessa områden"), choices=options(AREA_LABELS.items()))
    categories = MultiCheckboxField(
        _l("Bara dessa kategorier"), choices=options(CATEGORIES.items())
    )
    include_activities = BooleanField(
        _l("Ta med aktiviteternas slut- och uppföljningsdatum"), default=True
    )
    only_mine = BooleanField(_l("Bara aktiviteter där jag är ansvarig"))
    include_sub = BooleanField(_l("Ta med underorganisationerna"), default=True)
    organisation_wide = BooleanField(
        _l("Gemensam för hela organisationen (till exempel för intranätet)")
    )
