"""The history page's filters, read from the query string (no CSRF: they change nothing)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, SelectField

from planner.audit.browse import CHANGE_KINDS, HistoryFilter
from planner.forms import PlannerForm, options
from planner.numbers import whole_number


class HistoryFilterForm(PlannerForm):
    class Meta:
        csrf = False

    andring = SelectField(
        _l("Typ av ändring"),
        choices=options([("", _l("Alla"))] + list(CHANGE_KINDS.items())),
        default="",
    )
    galler = SelectField(_l("Gäller"), default="")
    person = SelectField(_l("Vem"), default="")
    aktivitet = HiddenField()

    def offer(self, kinds: list[tuple[str, str]], names: list[str]) -> None:
        self.galler.choices = options([("", _l("Alla"))] + kinds)
        self.person.choices = options([("", _l("Alla"))] + [(n, n or "–") for n in names])

    def wanted(self) -> HistoryFilter:
        """What the user asked for; a value the page did not offer is shown with its message
        next to the field and otherwise ignored."""
        self.validate()

        def valid(field):
            return field.data or None if not field.errors else None

        activity = self.aktivitet.data or ""
        return HistoryFilter(
            action=valid(self.andring),
            entity_type=valid(self.galler),
            activity_id=whole_number(activity) if len(activity) < 10 else None,
            actor_name=valid(self.person),
        )
