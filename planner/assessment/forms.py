from __future__ import annotations

from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from planner.assessment.models import ANSWER_LABELS
from planner.forms import (
    PlannerForm,
    VersionedForm,
    coerce_optional_int,
    date_field,
    optional_text,
    options,
    required,
)


def _web_address(form, field) -> None:
    """Only an http(s) address of a host: a link users click must never run script."""
    if not field.data:
        return
    parts = urlsplit(field.data)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in field.data:
        raise ValidationError(
            _l(
                "Ange en webbadress som börjar med https:// eller http://, till exempel "
                "https://intranat.exempel.se/rutiner/vardskador."
            )
        )


class StartForm(PlannerForm):
    year = SelectField(_l("Enkätår"), coerce=int)
    from_previous = BooleanField(
        _l("Utgå från förra självskattningens svar (kommentarer och länkar följer med)"),
        default=True,
    )


class AnswerForm(VersionedForm):
    """One question's answer; rendered once per question with the question's code as prefix."""

    value = RadioField(
        _l("Svar"),
        choices=options(ANSWER_LABELS.items()),
        validators=[Optional()],
        validate_choice=True,
    )
    comment = optional_text(_l("Kommentar"), 5000, area=True)
    link = StringField(
        _l("Länk till rutinen i ledningssystemet"),
        validators=[Optional(), Length(max=500, message=_l("Högst %(max)d tecken.")), _web_address],
    )


class GapActivityForm(PlannerForm):
    plan_id = SelectField(_l("Plan"), coerce=coerce_optional_int)
    title = required(_l("Aktivitet"), 300)
    description = optional_text(_l("Beskrivning"), 10000, area=True)
    responsible_name = optional_text(_l("Ansvarig person"), 200)
    due_date = date_field(_l("Slutdatum"))
    follow_up_date = date_field(_l("Uppföljningsdatum"))


def plan_choices(form: GapActivityForm, plans) -> None:
    form.plan_id.choices = options([(p.id, f"{p.title} ({p.period})") for p in plans])
