"""How a result is said, in the reader's language: states, changes, national figures."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from planner.assessment.catalogue import Figure
from planner.assessment.rules import MET, NOT_MET, UNANSWERED
from planner.numbers import decimal_text, percent_text

STATES = {MET: _l("uppfyllt"), NOT_MET: _l("ej uppfyllt"), UNANSWERED: _l("ej besvarat")}
CHANGES = {
    "better": _l("uppfyllt nu, inte förra året"),
    "worse": _l("uppfyllt förra året, inte nu"),
    "same": _l("oförändrat"),
}
# "av kommunerna": the population in its definite form.
POPULATIONS = {"kommuner": _l("kommunerna"), "regioner": _l("regionerna")}
ASKS = {
    "plan": _l("Handlingsplan"),
    "routine": _l("Rutin"),
    "documented_routine": _l("Dokumenterad rutin"),
    "management_system": _l("Del av ledningssystemet"),
    "practice": _l("Arbetssätt"),
    "competence": _l("Kompetens"),
}


def state_text(state: str) -> str:
    return str(STATES.get(state, state))


def figure_text(figure: Figure | None, this_year: int | None = None) -> str:
    """ "riket 73,6 % av kommunerna, n = 254" (a count: "16 av 20 regioner"); a level from an
    earlier survey year than ``this_year`` says its year; none: that it is not published."""
    if figure is None:
        return _("nationell nivå ej publicerad")
    population = str(POPULATIONS.get(figure.population, figure.population))
    if figure.percent is not None:
        text = _(
            "riket %(share)s av %(population)s",
            share=percent_text(figure.percent),
            population=population,
        )
        if figure.n:
            text += ", " + _("n = %(n)s", n=decimal_text(figure.n, 0))
    else:
        text = _(
            "%(count)s av %(n)s %(population)s",
            count=figure.count,
            n=figure.n,
            population=figure.population,
        )
    if this_year is not None and figure.year != this_year:
        text += " " + _("(enkäten %(year)s)", year=figure.year)
    return text


def result_sentence(state: str, figure: Figure | None, this_year: int | None = None) -> str:
    """ "Ni: uppfyllt — riket 73,6 % av kommunerna, n = 254"."""
    return _("Ni: %(state)s", state=state_text(state)) + " — " + figure_text(figure, this_year)
