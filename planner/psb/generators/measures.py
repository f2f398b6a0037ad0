"""The measures the plans follow: each one's value in the report's year against its target,
the state and the trend, and its chart over time up to that year (planner.results)."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from planner.psb.document import Chart, Table
from planner.psb.generators import Context, Generated, generator, say
from planner.results.display import change_text, measure_chart, with_unit
from planner.results.queries import plan_measures, series, summarise


@generator("measures")
def measures(context: Context, charts: bool = True) -> Generated:
    year_end = date(context.year, 12, 31)
    rows, drawn = [], []
    for plan in context.plans:
        found = plan_measures(plan.id)
        points = series(found, plan.organisation_id)
        for measure in found:
            # What was known at the end of the year: later values belong to later reports.
            until = [p for p in points[measure.id] if p.period.end <= year_end]
            summary = summarise(measure, until, year_end)
            latest = summary.latest
            shown = f"{with_unit(measure, latest.value)} ({latest.period.label})" if latest else "–"
            rows.append(
                [
                    measure.name,
                    measure.area_code,
                    shown,
                    with_unit(measure, measure.target) if measure.target is not None else "–",
                    summary.judgement.state_label,
                    change_text(measure, summary.judgement.change_previous) or "–",
                ]
            )
            if charts and until:
                svg = measure_chart(measure, until, f"psb-{context.section_key}-{measure.id}")
                drawn.append(
                    Chart(
                        svg=str(svg),
                        alt_text=_(
                            "%(name)s: %(count)d värden, senast %(value)s (%(period)s).",
                            name=measure.name,
                            count=len(until),
                            value=with_unit(measure, latest.value),
                            period=latest.period.label,
                        ),
                        caption=_("%(name)s över tid", name=measure.name),
                    )
                )
    if not rows:
        return Generated([say(_("Inga mått är registrerade för %(year)s.", year=context.year))])
    table = Table(
        caption=_("Mått och resultat %(year)s", year=context.year),
        headers=[_("Mått"), _("Område"), _("Senaste värde"), _("Mål"), _("Läge"), _("Förändring")],
        rows=rows,
    )
    return Generated([table, *drawn])
