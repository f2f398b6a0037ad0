"""The plan's vision and goals per area: what the year's work aimed at."""

from __future__ import annotations

from flask_babel import gettext as _

from planner.plans.template import AREA_LABELS
from planner.psb.document import Table
from planner.psb.generators import Context, Generated, generator, say


@generator("plan_goals")
def plan_goals(context: Context) -> Generated:
    if not context.plans:
        return Generated(
            [say(_("Organisationen har ingen plan som gäller %(year)s.", year=context.year))]
        )
    result = Generated()
    for plan in context.plans:
        decided = (
            _("beslutad %(day)s", day=plan.decision_date.isoformat())
            if plan.decision_date
            else _("ej beslutad")
        )
        result.blocks.append(
            say(
                _(
                    "Arbetet följer planen ”%(title)s” (%(period)s, %(decided)s).",
                    title=plan.title,
                    period=plan.period,
                    decided=decided,
                )
            )
        )
        if plan.vision:
            result.blocks.append(say(_("Vision: %(vision)s", vision=plan.vision)))
        goals = sorted(plan.goals, key=lambda g: (g.area.position, g.position, g.id))
        if goals:
            result.blocks.append(
                Table(
                    caption=_("Mål i %(title)s", title=plan.title),
                    headers=[_("Område"), _("Mål")],
                    rows=[[AREA_LABELS.get(g.area.code, g.area.code), g.title] for g in goals],
                )
            )
    return result
