from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField

from planner.forms import VersionedForm, optional_text, options, percent_field
from planner.plans.models import ACTIVITY_STATUSES


class QuickProgressForm(VersionedForm):
    """Progress recorded today from My work: the state now and a note. It carries the
    activity's version, so a change someone else made since the page was opened is shown
    instead of being silently overwritten."""

    status = SelectField(_l("Status"), choices=options(ACTIVITY_STATUSES.items()))
    percent = percent_field(_l("Andel klart (%)"))
    comment = optional_text(_l("Anteckning"), 5000, area=True)
