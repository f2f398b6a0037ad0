"""The measures followed during the year, with values against target and charts.

Filled in once the measures feature (planner.results) is part of the application; until then
it says so rather than leaving the section silently empty."""

from __future__ import annotations

from flask_babel import gettext as _

from planner.psb.generators import Context, Generated, generator, say


@generator("measures")
def measures(context: Context) -> Generated:
    return Generated([say(_("Inga mått är registrerade för %(year)s.", year=context.year))])
