"""The import's two forms: the upload, and the column mapping that carries the signed table."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SelectField

from planner.forms import PlannerForm, options
from planner.transfer import columns as c


class UploadForm(PlannerForm):
    file = FileField(
        _l("Fil (.xlsx eller .csv)"), validators=[FileRequired(message=_l("Välj en fil."))]
    )


class MappingForm(PlannerForm):
    """One select per column of the file (added by ``mapping_form``) and the signed table."""

    table = HiddenField()

    def column_fields(self) -> list[SelectField]:
        return [f for name, f in self._fields.items() if name.startswith("kolumn_")]

    def mapping(self) -> list[str]:
        return [f.data or "" for f in self.column_fields()]


def mapping_form(headers: list[str], guessed: list[str], formdata=None) -> MappingForm:
    """The mapping form for a file's headers, preselected with the recognised fields."""

    class Form(MappingForm):
        pass

    choices = options([("", _l("– Används inte –")), *c.FIELD_LABELS.items()])
    for index, header in enumerate(headers):
        label = header or _l("Kolumn %(number)d (utan rubrik)", number=index + 1)
        setattr(
            Form,
            f"kolumn_{index}",
            SelectField(label, choices=choices, default=guessed[index]),
        )
    form = Form(formdata=formdata)
    return form
