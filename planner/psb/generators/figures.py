"""The year's figures from other systems (deviations, complaints …) entered on the figures form."""

from __future__ import annotations

from flask_babel import gettext as _

from planner.psb.document import Table
from planner.psb.generators import Context, Generated, generator, say
from planner.psb.models import FIGURE_CODES, FIGURE_LABELS


@generator("figures")
def figures(context: Context, keys: list[str] | None = None) -> Generated:
    codes = [c for c in (keys or FIGURE_CODES) if c in FIGURE_LABELS]
    entered = context.figures
    if entered is None or all(entered.count(c) is None for c in codes):
        return Generated([say(_("Årets siffror är inte ifyllda ännu."))])
    rows = []
    for code in codes:
        count = entered.count(code)
        rows.append(
            [
                str(FIGURE_LABELS[code]),
                "–" if count is None else str(count),
                entered.comment(code) or "–",
            ]
        )
    table = Table(
        caption=_("Siffror för %(year)s", year=context.year),
        headers=[_("Uppgift"), _("Antal"), _("Kommentar")],
        rows=rows,
        numeric_columns=[1],
    )
    return Generated([table])
