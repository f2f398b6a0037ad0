"""The self-assessment's indicators against the national level.

Filled in once the self-assessment feature (planner.assessment) is part of the application;
until then it says that there is no self-assessment."""

from __future__ import annotations

from flask_babel import gettext as _

from planner.psb.generators import Context, Generated, generator, say


@generator("assessment")
def assessment(context: Context) -> Generated:
    return Generated([say(_("Ingen självskattning är gjord för %(year)s.", year=context.year))])
