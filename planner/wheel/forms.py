from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SelectField, TimeField
from wtforms.validators import NumberRange, Optional, ValidationError

from planner.forms import (
    PlannerForm,
    VersionedForm,
    coerce_optional_int,
    date_field,
    optional_text,
    options,
    required,
)
from planner.language import MONTH_NAMES, WEEKDAY_NAMES
from planner.plans.template import AREA_LABELS
from planner.wheel.models import CATEGORIES, NTHS, RECURRENCES


def _dates(text: str) -> list[date]:
    found = []
    for part in text.replace(",", " ").split():
        found.append(date.fromisoformat(part))
    return found


class EventForm(VersionedForm):
    title = required(_l("Titel"), 300)
    description = optional_text(_l("Beskrivning"), 5000, area=True)
    category = SelectField(_l("Kategori"), choices=options(CATEGORIES.items()))
    area_code = SelectField(
        _l("Område"),
        default="",
        choices=options([("", _l("– Inget –"))] + list(AREA_LABELS.items())),
    )
    plan_id = SelectField(_l("Hör till planen"), coerce=coerce_optional_int, default="")
    owner_user_id = SelectField(_l("Ansvarig"), coerce=coerce_optional_int, default="")
    all_day = BooleanField(_l("Heldag"), default=True)
    start_date = date_field(_l("Första datum"), optional=False)
    start_time = TimeField(
        _l("Klockslag"), validators=[Optional()], render_kw={"placeholder": "09:00"}
    )
    duration_minutes = IntegerField(
        _l("Längd (minuter)"),
        validators=[
            Optional(),
            NumberRange(min=5, max=24 * 60, message=_l("Ange mellan 5 och 1440 minuter.")),
        ],
    )
    span_days = IntegerField(
        _l("Antal dagar"),
        default=1,
        validators=[
            Optional(),
            NumberRange(min=1, max=366, message=_l("Ange mellan 1 och 366 dagar.")),
        ],
    )
    recurrence = SelectField(_l("Upprepas"), choices=options(RECURRENCES.items()))
    interval = IntegerField(
        _l("Var"),
        default=1,
        validators=[Optional(), NumberRange(min=1, max=10, message=_l("Ange 1–10."))],
    )
    month = SelectField(
        _l("Månad"),
        coerce=coerce_optional_int,
        choices=options([("", "–")] + [(i + 1, m) for i, m in enumerate(MONTH_NAMES)]),
    )
    nth = SelectField(
        _l("Vilken i månaden"), coerce=coerce_optional_int, choices=options([("", "–"), *NTHS])
    )
    weekday = SelectField(
        _l("Veckodag"),
        coerce=coerce_optional_int,
        choices=options([("", "–")] + list(enumerate(WEEKDAY_NAMES))),
    )
    until = date_field(_l("Upprepas till och med"))
    count = IntegerField(
        _l("Antal gånger"),
        validators=[Optional(), NumberRange(min=1, max=500, message=_l("Ange 1–500."))],
    )
    skipped = optional_text(_l("Hoppa över datum"), 2000, area=True)

    def validate_skipped(self, field) -> None:
        try:
            _dates(field.data or "")
        except ValueError as error:
            raise ValidationError(
                _l("Skriv datumen som 2026-03-01, ett per rad eller åtskilda med komma.")
            ) from error

    def skipped_dates(self) -> list[date]:
        return _dates(self.skipped.data or "")


class DoneForm(PlannerForm):
    day = date_field(_l("Datum"), optional=False)
    done = BooleanField(_l("Genomförd"))
