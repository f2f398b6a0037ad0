"""What every form shares: cleaned text, Swedish messages, dates written as 2026-03-01."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from planner.clock import EARLIEST, LATEST

# C0 controls other than tab and newlines, and DEL: never meaningful in a plan, and PostgreSQL
# refuses NUL outright.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: object) -> object:
    if isinstance(value, str):
        return _CONTROL.sub("", value).strip()
    return value


class PlannerForm(FlaskForm):
    """Base form: every text field is cleaned of control characters and surrounding space."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            field_class = unbound_field.field_class
            # Passwords are taken exactly as typed (the CLI does the same).
            if issubclass(field_class, StringField | TextAreaField) and not issubclass(
                field_class, PasswordField
            ):
                options["filters"] = (clean_text, *options.get("filters", ()))
            return unbound_field.bind(form=form, **options)


def required(label: str, max_length: int, **kwargs) -> StringField:
    return StringField(
        label,
        validators=[
            DataRequired(message=_l("Fyll i fältet.")),
            Length(max=max_length, message=_l("Högst %(max)d tecken.")),
        ],
        **kwargs,
    )


def optional_text(label: str, max_length: int, area: bool = False, **kwargs):
    field = TextAreaField if area else StringField
    return field(
        label,
        validators=[Optional(), Length(max=max_length, message=_l("Högst %(max)d tecken."))],
        **kwargs,
    )


def _in_range(form, field) -> None:
    if field.data is not None and not EARLIEST <= field.data <= LATEST:
        raise ValidationError(_l("Datumet ska ligga mellan 1990 och 2100."))


def date_field(label: str, optional: bool = True, **kwargs) -> DateField:
    first = Optional() if optional else DataRequired(message=_l("Ange ett datum."))
    return DateField(
        label,
        validators=[first, _in_range],
        invalid_value_message=_l("Ogiltigt datum. Skriv datumet som 2026-03-01."),
        **kwargs,
    )


def percent_field(label: str) -> IntegerField:
    return IntegerField(
        label,
        default=0,
        validators=[
            Optional(),
            NumberRange(min=0, max=100, message=_l("Ange ett tal mellan 0 och 100.")),
        ],
    )


class VersionedForm(PlannerForm):
    """Edit forms carry the version the user started from (for conflict detection)."""

    version = HiddenField()

    def version_number(self) -> int | None:
        try:
            number = int(self.version.data)
        except (TypeError, ValueError):
            return None
        # Versions are 32-bit integers in the database; anything else is no version of ours.
        return number if 0 <= number < 2**31 else None


def coerce_optional_int(value: object) -> int | None:
    """Select values: '' means none; anything that is not a number is refused by the field."""
    if value in ("", None, "None"):
        return None
    return int(value)  # type: ignore[arg-type]


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as select options."""
    return [SelectChoice(value, label) for value, label in pairs]


def organisation_options(rows, none_label) -> list[SelectChoice]:
    """The organisation tree as select options, indented by depth, after a "none" choice."""
    return options(
        [("", none_label)] + [(org.id, "\u2003" * depth + org.name) for depth, org in rows]
    )


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()
