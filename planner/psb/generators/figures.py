"""The year's figures from other systems (deviations, complaints …) entered on the figures form."""

from __future__ import annotations

from flask_babel import gettext as _

from planner.psb.document import Table
from planner.psb.generators import Context, Generated, generator, say
from planner.psb.models import FIGURE_CODES, FIGURE_LABELS


def _joined(codes: list[str]) -> str:
    """ "Riskanalyser och händelseanalyser": the labels as one phrase, for a caption."""
    labels = [str(FIGURE_LABELS[c]) for c in codes]
    words = [labels[0]] + [label[:1].lower() + label[1:] for label in labels[1:]]
    if len(words) == 1:
        return words[0]
    return _("%(first)s och %(last)s", first=", ".join(words[:-1]), last=words[-1])


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
        caption=_("%(figures)s %(year)s", figures=_joined(codes), year=context.year),
        headers=[_("Uppgift"), _("Antal"), _("Kommentar")],
        rows=rows,
        numeric_columns=[1],
    )
    return Generated([table])
