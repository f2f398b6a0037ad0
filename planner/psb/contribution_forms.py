"""Forms for asking units for their parts and for writing a part."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from planner.forms import MultiCheckboxField, VersionedForm, coerce_optional_int, date_field

# A part is a few pages at most; the same bound as a section's own text.
PART_MAX_LENGTH = 20_000


class RequestForm(VersionedForm):
    writer_id = SelectField(
        _l("Skribent"),
        coerce=coerce_optional_int,
        validators=[DataRequired(message=_l("Välj en skribent."))],
    )
    due_date = date_field(_l("Senast klart"), optional=False)
    section_keys = MultiCheckboxField(
        _l("Avsnitt som enheten skriver"),
        validators=[DataRequired(message=_l("Välj minst ett avsnitt."))],
    )


class PartForm(VersionedForm):
    # The version the writer started from; a submit without one is no edit of ours.
    version = HiddenField(validators=[DataRequired(message=_l("Ladda om sidan och försök igen."))])
    text = TextAreaField(
        _l("Enhetens text"),
        validators=[Length(max=PART_MAX_LENGTH, message=_l("Högst %(max)d tecken."))],
        render_kw={"rows": 14},
    )
    ready = BooleanField(_l("Klar att ta med i berättelsen"))
