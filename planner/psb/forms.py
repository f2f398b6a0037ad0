"""Forms of the PSB: a new report, a section's own text, the year's figures, the decision."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField
from wtforms.validators import DataRequired, NumberRange, Optional

from planner.forms import PlannerForm, VersionedForm, optional_text, required
from planner.psb.models import FIGURES

TEXT_LIMIT = 20_000


class CreateReportForm(PlannerForm):
    year = IntegerField(
        _l("År som berättelsen gäller"),
        validators=[
            DataRequired(message=_l("Ange ett år, till exempel 2026.")),
            NumberRange(min=2000, max=2100, message=_l("Ange ett år mellan 2000 och 2100.")),
        ],
    )


class SectionForm(VersionedForm):
    text = optional_text(_l("Egen text"), TEXT_LIMIT, area=True, render_kw={"rows": 16})
    show_generated = BooleanField(
        _l("Visa det som hämtats från planen under rubriken"), default=True
    )


def _count(label) -> IntegerField:
    return IntegerField(
        label,
        validators=[
            Optional(),
            NumberRange(min=0, max=10_000_000, message=_l("Ange ett heltal, 0 eller större.")),
        ],
    )


class FiguresForm(VersionedForm):
    """One count and one comment per figure (fields ``deviations``, ``deviations_comment`` …)."""

    def pairs(self):
        return [(self[code], self[f"{code}_comment"]) for code, _label in FIGURES]

    def values(self) -> dict[str, object]:
        found: dict[str, object] = {}
        for count, comment in self.pairs():
            found[count.name] = count.data
            found[comment.name] = comment.data or ""
        return found


for _code, _label in FIGURES:
    setattr(FiguresForm, _code, _count(_label))
    setattr(FiguresForm, f"{_code}_comment", optional_text(_l("Kommentar"), 2000, area=True))


class DecideForm(PlannerForm):
    decided_by = required(_l("Beslutad av"), 200)
