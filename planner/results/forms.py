"""Forms for measures and their values. Numbers are written the Swedish way ("85,5")."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, FieldList, Form, FormField, HiddenField, SelectField, StringField
from wtforms.validators import Optional

from planner.forms import (
    MultiCheckboxField,
    PlannerForm,
    VersionedForm,
    clean_text,
    coerce_optional_int,
    date_field,
    optional_text,
    options,
    required,
)
from planner.plans.template import AREA_LABELS
from planner.results.models import DIRECTIONS, UNITS
from planner.results.numbers import format_number
from planner.results.periods import RHYTHMS


def parse_number(text: str | None) -> Decimal | None:
    """A number as people type it: "85,5", "85.5", "1 234", "−2"; None when empty.
    ValueError (with the Swedish message) when it is no number."""
    text = (text or "").strip().replace("\u2212", "-").replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise ValueError(str(_l("Skriv ett tal, till exempel 85,5."))) from None
    if not number.is_finite():
        raise ValueError(str(_l("Skriv ett tal, till exempel 85,5.")))
    return number


class NumberField(StringField):
    """A decimal number typed with a comma or a point; shown with a comma."""

    def process_formdata(self, valuelist) -> None:
        self.raw = valuelist[0] if valuelist else ""
        try:
            self.data = parse_number(self.raw)
        except ValueError as error:
            self.data = None
            raise ValueError(str(error)) from None

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return format_number(self.data)


def number_field(label, **kwargs) -> NumberField:
    return NumberField(label, validators=[Optional()], render_kw={"inputmode": "decimal"}, **kwargs)


class MeasureForm(VersionedForm):
    name = required(_l("Namn"), 300)
    area_code = SelectField(_l("Område"), choices=options(AREA_LABELS.items()))
    goal_id = SelectField(_l("Mål som måttet visar"), coerce=coerce_optional_int)
    definition = optional_text(_l("Definition (hur mäts det?)"), 5000, area=True)
    numerator_text = optional_text(_l("Täljare"), 500)
    denominator_text = optional_text(_l("Nämnare"), 500)
    unit = SelectField(_l("Enhet"), choices=options(UNITS.items()))
    direction = SelectField(_l("Vad är bättre?"), choices=options(DIRECTIONS.items()))
    target = number_field(_l("Målvärde"))
    warning = number_field(_l("Varningsgräns"))
    baseline_value = number_field(_l("Utgångsvärde"))
    baseline_date = date_field(_l("Utgångsvärdets datum"))
    rhythm = SelectField(_l("Mätintervall"), choices=options(RHYTHMS.items()), default="quarterly")
    source = optional_text(_l("Källa"), 200)
    responsible_user_id = SelectField(
        _l("Ansvarig för att värdena registreras"), coerce=coerce_optional_int, default=""
    )
    on_wheel = BooleanField(_l("Visa mätperioderna i årshjulet och i kalenderflödet"))


class CatalogueForm(PlannerForm):
    # Unknown or already taken keys are skipped by the service (a second submit adds nothing).
    keys = MultiCheckboxField(_l("Mått ur katalogen"), validate_choice=False)


class ValueForm(VersionedForm):
    organisation_id = SelectField(_l("Organisation"), coerce=coerce_optional_int)
    # Checked against the measure's rhythm by the service (a Swedish message for a period the
    # rhythm has not, e.g. a month on a quarterly measure), not against the offered choices.
    period = SelectField(_l("Period"), validate_choice=False)
    value = number_field(_l("Värde"))
    numerator = number_field(_l("Täljare"))
    denominator = number_field(_l("Nämnare"))
    comment = optional_text(_l("Kommentar"), 5000, area=True)


class DatedValueForm(ValueForm):
    """A dated measurement: the period is the day it was measured."""

    period = date_field(_l("Mätdatum"), optional=False)


class UnitRow(Form):
    """One organisation's row on the period form (no CSRF of its own: the form has it)."""

    organisation_id = HiddenField()
    version = HiddenField()
    value = number_field(_l("Värde"))
    numerator = number_field(_l("Täljare"))
    denominator = number_field(_l("Nämnare"))
    comment = optional_text(_l("Kommentar"), 5000, filters=(clean_text,))


class PeriodValuesForm(PlannerForm):
    # Bounded: a crafted form cannot make the server check more rows than a region has units.
    rows = FieldList(FormField(UnitRow), max_entries=2000)
