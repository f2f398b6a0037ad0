"""The year in a few figures, for the summary at the top."""

from __future__ import annotations

from flask_babel import gettext as _

from planner.psb.document import BulletList, Run
from planner.psb.generators import Context, Generated, generator, say
from planner.psb.generators.activities import _activities, done_in, open_activities


@generator("summary")
def summary(context: Context) -> Generated:
    if not context.plans:
        return Generated(
            [say(_("Organisationen har ingen plan som gäller %(year)s.", year=context.year))]
        )
    total = len(_activities(context))
    items = [
        [Run(_("Aktiviteter i planen: ")), Run(str(total), bold=True)],
        [
            Run(_("Klara under %(year)s: ", year=context.year)),
            Run(str(len(done_in(context))), bold=True),
        ],
        [Run(_("Pågår eller ej påbörjade: ")), Run(str(len(open_activities(context))), bold=True)],
    ]
    figures = context.figures
    if figures is not None:
        for code, label in (
            ("deviations", _("Rapporterade avvikelser: ")),
            ("lex_maria", _("Anmälningar enligt lex Maria: ")),
        ):
            if figures.count(code) is not None:
                items.append([Run(label), Run(str(figures.count(code)), bold=True)])
    return Generated([BulletList(items)])
