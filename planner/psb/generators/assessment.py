"""The self-assessment's development indicators against the national level (planner.assessment):
the survey of the report's year, or else the year before."""

from __future__ import annotations

from flask_babel import gettext as _

from planner.assessment.results import result_for
from planner.assessment.wording import CHANGES, figure_text, state_text
from planner.psb.document import Table
from planner.psb.generators import Context, Generated, generator, say


@generator("assessment")
def assessment(context: Context) -> Generated:
    result = result_for(context.organisation, context.year) or result_for(
        context.organisation, context.year - 1
    )
    if result is None:
        return Generated([say(_("Ingen självskattning är gjord för %(year)s.", year=context.year))])
    standing = (
        _("beslutad av %(who)s", who=result.decided_by) if result.decided else _("inte beslutad")
    )
    intro = say(
        _(
            "Självskattningen %(year)s (%(catalogue)s, %(standing)s): %(met)d av %(count)d "
            "utvecklingsindikatorer uppfyllda.",
            year=result.year,
            catalogue=result.catalogue_title,
            standing=standing,
            met=result.met_count,
            count=len(result.indicators),
        )
    )
    table = Table(
        caption=_("Utvecklingsindikatorer mot nationell nivå %(year)s", year=result.year),
        headers=[_("Indikator"), _("Område"), _("Ni"), _("Nationell nivå"), _("Förändring")],
        rows=[
            [
                f"{i.number}. {i.title}",
                i.area,
                state_text(i.state),
                figure_text(i.national, result.year),
                str(CHANGES[i.change]) if i.change else "–",
            ]
            for i in sorted(result.indicators, key=lambda i: i.number)
        ],
    )
    return Generated([intro, table])
