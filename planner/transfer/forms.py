"""The import's two forms: the upload, and the column mapping that carries the signed table."""

from __future__ import annotations

from flask_babel import gettext as _
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

    def duplicates(self, labels: dict[str, str]) -> list[str]:
        """A problem for each field that two columns are mapped to."""
        taken: dict[str, str] = {}
        problems = []
        for field in self.column_fields():
            if field.data and field.data in taken:
                problems.append(
                    _(
                        "Kolumnerna %(first)s och %(second)s är båda kopplade till %(field)s. "
                        "Välj ett fält per kolumn.",
                        first=taken[field.data],
                        second=field.label.text,
                        field=labels.get(field.data, field.data),
                    )
                )
            taken.setdefault(field.data, field.label.text)
        return problems


def mapping_form(
    headers: list[str], guessed: list[str], formdata=None, fields=c.FIELD_LABELS
) -> MappingForm:
    """The mapping form for a file's headers, preselected with the recognised ``fields``."""

    class Form(MappingForm):
        pass

    choices = options([("", _l("– Används inte –")), *fields.items()])
    for index, header in enumerate(headers):
        label = header or _l("Kolumn %(number)d (utan rubrik)", number=index + 1)
        setattr(
            Form,
            f"kolumn_{index}",
            SelectField(label, choices=choices, default=guessed[index]),
        )
    form = Form(formdata=formdata)
    return form
