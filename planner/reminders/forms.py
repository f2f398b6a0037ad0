from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SelectField, StringField
from wtforms.validators import AnyOf, Optional, ValidationError

from planner.forms import MultiCheckboxField, PlannerForm, options
from planner.reminders.models import MAX_LEAD_DAYS, MODES, STATES, parse_lead_days


class SettingsForm(PlannerForm):
    mode = RadioField(
        _l("Hur vill du få påminnelser?"),
        choices=options(MODES.items()),
        validate_choice=False,
        validators=[AnyOf(list(MODES), message=_l("Välj ett av alternativen."))],
    )
    plans = MultiCheckboxField(_l("Veckobrev om planer du redigerar"), coerce=int)

    def validate(self, extra_validators=None) -> bool:
        # A plan no longer offered (deleted, or the role gone since the page was loaded) is
        # left out rather than refused.
        offered = {choice.value for choice in self.plans.choices}
        self.plans.data = [value for value in self.plans.data or [] if value in offered]
        return super().validate(extra_validators)


def _lead_days(form, field) -> None:
    if form.inherit.data:
        return
    try:
        parse_lead_days(field.data or "")
    except ValueError as error:
        raise ValidationError(
            _l(
                "Skriv ett till fem hela antal dagar mellan 0 och %(max)d, med komma emellan, "
                "till exempel 14, 1.",
                max=MAX_LEAD_DAYS,
            )
        ) from error


class PolicyForm(PlannerForm):
    inherit = BooleanField(_l("Följ överordnad organisations inställning"))
    lead_days = StringField(
        _l("Påminn så många dagar före slut- och uppföljningsdatum"), validators=[_lead_days]
    )


class LogFilterForm(PlannerForm):
    class Meta:
        csrf = False

    state = SelectField(
        _l("Status"),
        choices=options([("", _l("Alla")), *STATES.items()]),
        validators=[Optional()],
    )
    recipient = StringField(_l("Mottagare (e-post innehåller)"), validators=[Optional()])
