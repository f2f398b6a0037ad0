"""The plan's activities in the report's year: done (with their results), still open (with
their time plan), joint with other organisations, per area, and the progress per area."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from planner.extensions import db
from planner.plans.models import CANCELLED, DONE, NOT_STARTED, ONGOING, Activity
from planner.plans.template import AREA_LABELS, AREAS
from planner.psb.document import Section, Table
from planner.psb.generators import Context, Generated, generator, say


def _activities(context: Context) -> list[Activity]:
    def load() -> list[Activity]:
        plan_ids = [plan.id for plan in context.plans]
        if not plan_ids:
            return []
        return list(
            db.session.scalars(
                select(Activity)
                .where(Activity.plan_id.in_(plan_ids))
                .options(
                    selectinload(Activity.updates),
                    selectinload(Activity.organisations),
                    selectinload(Activity.area),
                )
                .order_by(Activity.due_date.is_(None), Activity.due_date, Activity.id)
            )
        )

    return context.once("activities", load)


def done_on(activity: Activity) -> date | None:
    """When it was done: the latest progress entry's day (the status is always the latest
    entry's), else its due date."""
    if activity.status != DONE:
        return None
    return activity.updates[0].date if activity.updates else activity.due_date


def result_of(activity: Activity) -> str:
    """What came of it: the comment of the latest progress entry that has one."""
    return next((u.comment for u in activity.updates if u.comment), "")


def done_in(context: Context) -> list[Activity]:
    return [
        a
        for a in _activities(context)
        if (day := done_on(a)) is not None and day.year == context.year
    ]


def open_activities(context: Context) -> list[Activity]:
    return [a for a in _activities(context) if not a.is_closed]


def _day(value: date | None) -> str:
    return value.isoformat() if value else "–"


def _area_code(activity: Activity) -> str:
    return activity.area.code


def _per_area(context: Context, activities: list[Activity], table) -> list[Section]:
    """One subsection per area (in the national plan's order) that has any of ``activities``."""
    sections = []
    for area in AREAS:
        found = [a for a in activities if _area_code(a) == area.code]
        if found:
            sections.append(
                Section(
                    key=f"{context.section_key}.{area.code}",
                    heading=AREA_LABELS[area.code],
                    level=context.section_level + 1,
                    blocks=[table(found, AREA_LABELS[area.code])],
                )
            )
    return sections


def _done_table(activities: list[Activity], where: str) -> Table:
    return Table(
        caption=_("Genomförda aktiviteter: %(area)s", area=where),
        headers=[_("Aktivitet"), _("Ansvarig"), _("Klar"), _("Resultat")],
        rows=[
            [a.title, a.responsible_name or "–", _day(done_on(a)), result_of(a) or "–"]
            for a in activities
        ],
    )


@generator("activities_done")
def activities_done(context: Context) -> Generated:
    done = done_in(context)
    if not done:
        return Generated(
            [say(_("Inga aktiviteter i planen blev klara under %(year)s.", year=context.year))]
        )
    intro = say(
        _(
            "%(count)d aktiviteter i planen blev klara under %(year)s. De redovisas nedan per "
            "grundförutsättning och fokusområde.",
            count=len(done),
            year=context.year,
        )
    )
    return Generated([intro], _per_area(context, done, _done_table))


@generator("activities_open")
def activities_open(context: Context) -> Generated:
    still = open_activities(context)
    if not still:
        return Generated([say(_("Alla aktiviteter i planen är klara eller avslutade."))])
    table = Table(
        caption=_("Åtgärder som återstår, med tidsplan"),
        headers=[
            _("Aktivitet"),
            _("Område"),
            _("Status"),
            _("Andel klart"),
            _("Start"),
            _("Klar senast"),
        ],
        rows=[
            [
                a.title,
                _area_code(a),
                a.status_label,
                f"{a.percent} %",
                _day(a.start_date),
                _day(a.due_date),
            ]
            for a in still
        ],
        numeric_columns=[3],
    )
    intro = say(
        _(
            "%(count)d aktiviteter pågår eller har inte börjat. De fortsätter enligt "
            "tidsplanen nedan.",
            count=len(still),
        )
    )
    return Generated([intro, table])


@generator("joint_activities")
def joint_activities(context: Context) -> Generated:
    joint = [a for a in _activities(context) if a.is_joint]
    if not joint:
        return Generated(
            [
                say(
                    _(
                        "Planen har inga aktiviteter som flera organisationer ansvarar för "
                        "tillsammans."
                    )
                )
            ]
        )
    table = Table(
        caption=_("Aktiviteter i samverkan"),
        headers=[_("Aktivitet"), _("Organisationer"), _("Status")],
        rows=[[a.title, ", ".join(o.name for o in a.organisations), a.status_label] for a in joint],
    )
    return Generated([table])


@generator("area_activities")
def area_activities(context: Context, area: str) -> Generated:
    found = [a for a in _activities(context) if _area_code(a) == area]
    label = AREA_LABELS.get(area, area)
    if not found:
        return Generated([say(_("Planen har inga aktiviteter inom %(area)s.", area=label))])
    table = Table(
        caption=_("Aktiviteter inom %(area)s", area=label),
        headers=[_("Aktivitet"), _("Status"), _("Resultat eller senaste kommentar")],
        rows=[[a.title, a.status_label, result_of(a) or "–"] for a in found],
    )
    return Generated([table])


@generator("progress_by_area")
def progress_by_area(context: Context) -> Generated:
    activities = _activities(context)
    if not activities:
        return Generated(
            [say(_("Det finns ingen plan med aktiviteter för %(year)s.", year=context.year))]
        )
    statuses = (DONE, ONGOING, NOT_STARTED, CANCELLED)
    rows = []
    for area in AREAS:
        found = [a for a in activities if _area_code(a) == area.code]
        if not found:
            continue
        counts = [sum(1 for a in found if a.status == s) for s in statuses]
        average = round(sum(a.percent for a in found) / len(found))
        rows.append([AREA_LABELS[area.code], str(len(found)), *map(str, counts), f"{average} %"])
    table = Table(
        caption=_("Aktiviteternas läge per område"),
        headers=[
            _("Område"),
            _("Aktiviteter"),
            _("Klara"),
            _("Pågår"),
            _("Ej påbörjade"),
            _("Avbrutna"),
            _("Andel klart i snitt"),
        ],
        rows=rows,
        numeric_columns=[1, 2, 3, 4, 5, 6],
    )
    return Generated([table])
