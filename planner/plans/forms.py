from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional, ValidationError

from planner.forms import (
    MultiCheckboxField,
    PlannerForm,
    VersionedForm,
    coerce_optional_int,
    date_field,
    optional_text,
    options,
    percent_field,
    required,
)
from planner.plans.models import ACTIVITY_STATUSES, DECISION_LEVELS, PLAN_STATUSES


def _year(label: str) -> IntegerField:
    return IntegerField(
        label,
        validators=[
            DataRequired(message=_l("Ange ett årtal, till exempel 2025.")),
            NumberRange(min=2000, max=2100, message=_l("Ange ett årtal mellan 2000 och 2100.")),
        ],
    )


class PlanForm(VersionedForm):
    title = required(_l("Titel"), 300)
    period_start = _year(_l("Period från (år)"))
    period_end = _year(_l("Period till (år)"))
    vision = optional_text(_l("Vision"), 5000, area=True)
    decided_by = optional_text(_l("Beslutad av (organ)"), 200)
    decision_level = SelectField(
        _l("Beslutsnivå"),
        default="",
        choices=options([("", _l("– Ej angiven –")), *DECISION_LEVELS.items()]),
    )
    decision_date = date_field(_l("Beslutsdatum"))
    revised_date = date_field(_l("Senast reviderad"))
    status = SelectField(_l("Status"), choices=options(PLAN_STATUSES.items()), default="utkast")

    def validate_period_end(self, field) -> None:
        if field.data and self.period_start.data and field.data < self.period_start.data:
            raise ValidationError(_l("Perioden kan inte sluta före det år den börjar."))


class NewPlanForm(PlanForm):
    national_wheel = BooleanField(
        _l("Lägg till det nationella årshjulet i organisationens årshjul"), default=True
    )


class AreaForm(VersionedForm):
    local_description = optional_text(_l("Lokal beskrivning"), 10000, area=True)


class GoalForm(VersionedForm):
    area_id = SelectField(_l("Område"), coerce=int)
    title = required(_l("Mål"), 300)
    description = optional_text(_l("Beskrivning"), 5000, area=True)


class ActivityForm(VersionedForm):
    title = required(_l("Aktivitet"), 300)
    description = optional_text(_l("Beskrivning"), 10000, area=True)
    area_id = SelectField(_l("Område"), coerce=int)
    goal_id = SelectField(_l("Mål"), coerce=coerce_optional_int)
    responsible_user_id = SelectField(_l("Medlem som är ansvarig"), coerce=coerce_optional_int)
    responsible_name = optional_text(_l("Ansvarig person"), 200)
    responsible_role = optional_text(_l("Roll"), 200)
    responsible_email = StringField(
        _l("E-post"),
        validators=[
            Optional(),
            Length(max=254, message=_l("Högst %(max)d tecken.")),
            Email(message=_l("Ange en giltig e-postadress."), check_deliverability=False),
        ],
    )
    organisation_ids = MultiCheckboxField(
        _l("Ansvariga organisationer"),
        coerce=int,
        validators=[DataRequired(message=_l("Välj minst en ansvarig organisation."))],
    )
    start_date = date_field(_l("Startdatum"))
    due_date = date_field(_l("Slutdatum"))
    follow_up_date = date_field(_l("Uppföljningsdatum"))
    status = SelectField(_l("Status"), choices=options(ACTIVITY_STATUSES.items()))
    percent = percent_field(_l("Andel klart (%)"))


class ProgressForm(PlannerForm):
    date = date_field(_l("Datum"), optional=False)
    status = SelectField(_l("Status"), choices=options(ACTIVITY_STATUSES.items()))
    percent = percent_field(_l("Andel klart (%)"))
    comment = optional_text(_l("Kommentar"), 5000, area=True)


class ActivityFilterForm(PlannerForm):
    """The activity list's filters, read from the query string (no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    omrade = SelectField(_l("Område"), validate_choice=True)
    status = SelectField(
        _l("Status"), choices=options([("", _l("Alla"))] + list(ACTIVITY_STATUSES.items()))
    )
    organisation = SelectField(_l("Ansvarig organisation"), coerce=coerce_optional_int)
    forsenade = BooleanField(_l("Endast försenade"))
    utan_ansvarig = BooleanField(_l("Endast utan ansvarig person"))
    inom = IntegerField(
        _l("Slutdatum inom (dagar)"),
        validators=[
            Optional(),
            NumberRange(min=0, max=3650, message=_l("Ange ett antal dagar mellan 0 och 3650.")),
        ],
    )
    q = optional_text(_l("Sök"), 200)
    sortera = SelectField(
        _l("Sortera efter"),
        choices=options(
            [
                ("due_date", _l("Slutdatum")),
                ("title", _l("Titel")),
                ("area", _l("Område")),
                ("status", _l("Status")),
                ("percent", _l("Andel klart")),
                ("responsible", _l("Ansvarig")),
                ("updated", _l("Senast ändrad")),
            ]
        ),
    )
    ordning = SelectField(
        _l("Ordning"), choices=options([("asc", _l("Stigande")), ("desc", _l("Fallande"))])
    )
