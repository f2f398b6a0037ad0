"""The annual wheel's occurrences marked done in the report's year: the follow-up that was held."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from planner.extensions import db
from planner.psb.document import Table
from planner.psb.generators import Context, Generated, generator, say
from planner.wheel.models import OccurrenceDone, WheelEvent


@generator("wheel_events_held")
def wheel_events_held(context: Context) -> Generated:
    held = db.session.scalars(
        select(OccurrenceDone)
        .join(WheelEvent, OccurrenceDone.event_id == WheelEvent.id)
        .where(
            WheelEvent.organisation_id == context.organisation.id,
            OccurrenceDone.day >= date(context.year, 1, 1),
            OccurrenceDone.day <= date(context.year, 12, 31),
        )
        .options(joinedload(OccurrenceDone.event))
        .order_by(OccurrenceDone.day, WheelEvent.title)
    ).all()
    if not held:
        return Generated(
            [
                say(
                    _(
                        "Inga händelser i årshjulet är markerade som genomförda %(year)s.",
                        year=context.year,
                    )
                )
            ]
        )
    by_event: dict[int, list[OccurrenceDone]] = {}
    for done in held:
        by_event.setdefault(done.event_id, []).append(done)
    intro = say(
        _(
            "Under %(year)s genomfördes %(count)d tillfällen av %(events)d olika händelser i "
            "årshjulet: möten, dialoger, mätningar och rapporteringar som följer upp "
            "patientsäkerhetsarbetet.",
            year=context.year,
            count=len(held),
            events=len(by_event),
        )
    )
    table = Table(
        caption=_("Genomförda händelser i årshjulet %(year)s", year=context.year),
        headers=[_("Händelse"), _("Kategori"), _("Tillfällen"), _("Datum")],
        rows=[
            [
                days[0].event.title,
                days[0].event.category_label,
                str(len(days)),
                ", ".join(d.day.isoformat() for d in days),
            ]
            for days in by_event.values()
        ],
        numeric_columns=[2],
    )
    return Generated([intro, table])
