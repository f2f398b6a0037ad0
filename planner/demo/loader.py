"""Fill an empty database with a living example plan (the `demo` command)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, time, timedelta
from pathlib import Path

from sqlalchemy import func, select

from planner.auth.models import EDITOR, READER, User
from planner.auth.services import add_membership, create_user
from planner.demo.assessments import load_assessments
from planner.demo.outputs import show_outputs
from planner.demo.psb_parts import load_unit_parts
from planner.extensions import db
from planner.feeds import services as subscriptions
from planner.orgs.models import Organisation
from planner.orgs.services import create_organisation
from planner.plans import services
from planner.plans.models import Plan
from planner.plans.services import ActivityData
from planner.psb.models import SafetyReport
from planner.results.demo import load_results
from planner.results.queries import plan_measures
from planner.sso.demo import DEMO_GROUP
from planner.sso.groups import add_mapping
from planner.wheel import services as wheel_services


@dataclass(frozen=True)
class DemoResult:
    created: bool
    plan: Plan | None = None
    activities: int = 0
    updates: int = 0
    accounts: tuple[tuple[str, str], ...] = ()
    wheel_events: int = 0
    feed_token: str = ""


DEMO_ACCOUNTS = (
    ("admin@exempel.se", "Alva Admin", None, "systemadministratör"),
    ("redaktor@exempel.se", "Rebecka Redaktör", EDITOR, "redaktör för regionen"),
    ("lasare@exempel.se", "Lars Läsare", READER, "läsare i regionen"),
)


# The people the demo plan names as responsible, with accounts (the same password), so that
# My work shows them what they answer for: (e-mail, name, roles by organisation key, label).
DEMO_PEOPLE = (
    (
        "anna.lindqvist@vattersund.example",
        "Anna Lindqvist",
        (("region", EDITOR),),
        "chefläkare, redaktör för regionen",
    ),
    (
        "johan.ek@vattersund.example",
        "Johan Ek",
        (("region", EDITOR),),
        "patientsäkerhetssamordnare, redaktör för regionen",
    ),
    (
        "karin.holmberg@vattersund.example",
        "Karin Holmberg",
        (("region", EDITOR),),
        "chefsjuksköterska, redaktör för regionen",
    ),
    (
        "maria.sandberg@vattersund.example",
        "Maria Sandberg",
        (("region", EDITOR),),
        "verksamhetschef primärvård, redaktör för regionen",
    ),
    (
        "lena.bjork@asby.example",
        "Lena Björk",
        (("kommun", EDITOR), ("region", READER)),
        "MAS i Åsby kommun, läsare i regionen",
    ),
)
# Who owns which of the region's wheel events (by title; every occurrence).
WHEEL_OWNERS = {
    "Regionens patientsäkerhetsråd": "redaktor@exempel.se",
    "Socialstyrelsens webbforum: Aktuellt om patientsäkerhet": "redaktor@exempel.se",
    "Patientsäkerhetsberättelsen klar": "anna.lindqvist@vattersund.example",
    "Patientsäkerhetsdialoger, våren": "anna.lindqvist@vattersund.example",
    "Patientsäkerhetsdialoger, hösten": "anna.lindqvist@vattersund.example",
    "APT-tema patientsäkerhet": "johan.ek@vattersund.example",
    "Inspirationsträff för lokala patientsäkerhetsteam": "johan.ek@vattersund.example",
    "Punktprevalensmätning trycksår och fall": "karin.holmberg@vattersund.example",
}

# Who sees to each demo measure's values (My work, reminders): BHK's latest quarter is
# reported (its coming quarter is listed), the risk assessments' last month is still due.
MEASURE_RESPONSIBLE = {
    "bhk": "redaktor@exempel.se",
    "riskbedomning": "johan.ek@vattersund.example",
}

CONTENT = Path(__file__).with_name("content.json")


def load_content() -> dict:
    """The demo plan's texts: goals, about forty activities and their progress history, in
    the spirit of Region Skåne's actions, Västmanland's methods and Nyköping's joint items.
    Day numbers are relative to the day the demo is loaded."""
    return json.loads(CONTENT.read_text(encoding="utf-8"))


def database_is_empty() -> bool:
    return not (
        db.session.scalar(select(func.count()).select_from(Organisation))
        or db.session.scalar(select(func.count()).select_from(User))
    )


def load_demo(today: date, password: str) -> DemoResult:
    """Create the demo organisations, plan, goals, activities and a year of progress.

    Dates are relative to ``today`` so that some work is always overdue and some due soon.
    The three demo accounts get ``password``. On a database that already holds
    organisations or accounts nothing is changed."""
    content = load_content()
    if not database_is_empty():
        return DemoResult(created=False)

    def day(offset: int | None) -> date | None:
        return None if offset is None else today + timedelta(days=offset)

    region = create_organisation("Region Vättersund", "region")
    for email, name, role, _label in DEMO_ACCOUNTS:
        user = create_user(email, name, password, system_admin=role is None)
        if role is not None:
            add_membership(user, region, role)
    orgs = {
        "region": region,
        "hsf": create_organisation("Hälso- och sjukvårdsförvaltningen", "forvaltning", region),
        "pvf": create_organisation("Primärvårdsförvaltningen", "forvaltning", region),
        "kommun": create_organisation("Åsby kommun", "kommun"),
    }
    # Before the activities, so each one naming a person's e-mail is linked to their account.
    for email, name, roles, _label in DEMO_PEOPLE:
        person = create_user(email, name, password)
        for key, role in roles:
            add_membership(person, orgs[key], role)
    # Single sign-on (planner/sso/demo.py): the test provider's demo group gives editors.
    add_mapping(DEMO_GROUP, orgs["hsf"], EDITOR)
    plan = services.create_plan_from_template(
        region,
        title=content["plan"]["title"],
        period_start=2025,
        period_end=2030,
        vision=content["plan"]["vision"],
        decided_by=content["plan"]["decided_by"],
        decision_level=content["plan"]["decision_level"],
        decision_date=date(2025, 2, 18),
        revised_date=today - timedelta(days=60),
        status="faststalld",
    )
    areas = {area.code: area for area in plan.areas}
    for code, text in content["area_descriptions"].items():
        services.update_area(areas[code], text)
    goals = {
        g["key"]: services.create_goal(plan, areas[g["area"]].id, g["title"], g["description"])
        for g in content["goals"]
    }
    updates = _add_activities(plan, content["activities"], goals, orgs, day, content["authors"])
    load_results(plan, orgs, today, content["authors"])
    local = content["local_plan"]
    local_plan = services.create_plan_from_template(
        orgs[local["organisation"]],
        title=f"{local['title']} {today.year}–{today.year + 1}",
        period_start=today.year,
        period_end=today.year + 1,
        vision=local["vision"],
        decided_by=local["decided_by"],
        decision_level=local["decision_level"],
        decision_date=day(local["decision_offset"]),
        status="faststalld",
    )
    _add_activities(local_plan, local["activities"], {}, orgs, day, content["authors"])
    show_outputs(plan, local_plan, today)
    events = load_wheel(region, plan.id, today)
    people = {user.email: user for user in db.session.scalars(select(User))}
    for event in events:
        event.owner = people.get(WHEEL_OWNERS.get(event.title, ""))
    for measure in plan_measures(plan.id):
        measure.responsible = people.get(MEASURE_RESPONSIBLE.get(measure.catalogue_key or ""))
    db.session.flush()
    _demo_reminders(people, plan)
    _subscription, token = subscriptions.create_subscription(
        region, "Intranätet – regionens årshjul", None
    )
    mas = load_assessments(orgs, today, password)
    # Last: the PSB is drafted from all of the above; then the units' parts of it.
    report = load_safety_report(region, today.year, content["psb"])
    unit_accounts = load_unit_parts(report, orgs, password)
    accounts = tuple(
        (email, label) for email, _name, _role, label in (*DEMO_ACCOUNTS, *DEMO_PEOPLE)
    )
    accounts += tuple(unit_accounts) + (mas,)
    return DemoResult(True, plan, len(content["activities"]), updates, accounts, len(events), token)


def _demo_reminders(people: dict[str, User], plan: Plan) -> None:
    """Reminder choices that show each kind of mail (``flask reminders send`` writes the
    demo's mail to instance/mail/): the editor gets the plan's weekly digest, Johan Ek a
    weekly digest of his own, the others each reminder as it comes (the default)."""
    from planner.reminders import settings
    from planner.reminders.models import WEEKLY

    settings.set_plan_digests(people["redaktor@exempel.se"], add={plan.id})
    settings.set_mode(people["johan.ek@vattersund.example"], WEEKLY)


def _add_activities(plan: Plan, items: list, goals: dict, orgs: dict, day, authors: list) -> int:
    """The plan's activities with their progress history; the number of updates."""
    areas = {area.code: area for area in plan.areas}
    updates = 0
    for index, item in enumerate(items):
        name, role, email = item["responsible"] or ("", "", None)
        activity = services.create_activity(
            plan,
            ActivityData(
                title=item["title"],
                area_id=areas[item["area"]].id,
                goal_id=goals[item["goal"]].id if item["goal"] else None,
                description=item["description"],
                responsible_name=name,
                responsible_role=role,
                responsible_email=email or "",
                organisation_ids=[orgs[key].id for key in item["orgs"]],
                start_date=day(item["start"]),
                due_date=day(item["due"]),
                follow_up_date=day(item["follow_up"]),
            ),
        )
        for number, (offset, status, percent, comment) in enumerate(item["progress"]):
            author = authors[(index + number) % len(authors)]
            services.record_progress(activity, day(offset), status, percent, comment, author)
            updates += 1
    return updates


def load_wheel(region: Organisation, plan_id: int, today: date) -> list:
    """The region's annual wheel: the national template plus its own rhythm (after Region
    Västmanland's wheel), with the past occurrences of this year marked done."""
    from planner.wheel.services import EventData

    year = today.year
    events = wheel_services.add_national_template(region, year, plan_id)
    own = [
        EventData(
            "APT-tema: Vad är en avvikelse? Trender föregående år",
            "apt",
            date(year, 1, 20),
            recurrence="yearly_date",
            area_code="F1",
        ),
        EventData(
            "APT-tema: Avvikelserapportering av händelse",
            "apt",
            date(year, 2, 17),
            recurrence="yearly_date",
            area_code="F1",
        ),
        EventData(
            "APT-tema: Varför arbeta förebyggande?",
            "apt",
            date(year, 3, 17),
            recurrence="yearly_date",
            area_code="F5",
        ),
        EventData(
            "APT-tema: Risker och riskhantering",
            "apt",
            date(year, 5, 19),
            recurrence="yearly_date",
            area_code="F5",
        ),
        EventData(
            "Patientsäkerhetsdialoger, våren",
            "dialog",
            date(year, 1, 1),
            "Dialog mellan ledning och verksamheter om resultat och risker.",
            recurrence="yearly_weekday",
            month=4,
            weekday=1,
            nth=2,
            area_code="G1",
            span_days=21,
        ),
        EventData(
            "Patientsäkerhetsdialoger, hösten",
            "dialog",
            date(year, 1, 1),
            recurrence="yearly_weekday",
            month=10,
            weekday=1,
            nth=2,
            area_code="G1",
            span_days=21,
        ),
        EventData(
            "Inspirationsträff för lokala patientsäkerhetsteam",
            "utbildning",
            date(year, 1, 1),
            recurrence="yearly_weekday",
            month=9,
            weekday=2,
            nth=1,
            area_code="G3",
        ),
        EventData(
            "Punktprevalensmätning trycksår och fall",
            "matning",
            date(year, 1, 1),
            recurrence="yearly_weekday",
            month=3,
            weekday=1,
            nth=2,
            area_code="F1",
            span_days=5,
        ),
        EventData("Nationella patientsäkerhetsdagen", "temadag", date(2026, 9, 15)),
        EventData(
            "Socialstyrelsens webbforum: Aktuellt om patientsäkerhet",
            "utbildning",
            date(2026, 10, 15),
            all_day=False,
            start_time=time(9, 30),
            duration_minutes=90,
        ),
        EventData(
            "Socialstyrelsens webbforum: Aktuellt om patientsäkerhet",
            "utbildning",
            date(2026, 12, 3),
            all_day=False,
            start_time=time(9, 30),
            duration_minutes=90,
        ),
        EventData(
            "Regionens patientsäkerhetsråd",
            "mote",
            date(year, 1, 1),
            "Rådet följer upp handlingsplanen och avvikelsestatistiken.",
            all_day=False,
            start_time=time(13, 0),
            duration_minutes=90,
            recurrence="monthly_weekday",
            weekday=3,
            nth=1,
            skipped=[_first_thursday(year, 7)],
        ),
    ]
    events += [wheel_services.create_event(region, data) for data in own]
    for event in events:
        for day in event.rule.occurrences(date(year, 1, 1), today - timedelta(days=1)):
            wheel_services.set_done(event, day, True, "Anna Lindqvist")
    return events


def _first_thursday(year: int, month: int) -> date:
    day = date(year, month, 1)
    return day + timedelta(days=(3 - day.weekday()) % 7)


def load_safety_report(region: Organisation, year: int, content: dict) -> SafetyReport:
    """The region's patient-safety report for this year: a draft drafted from the plan, with
    some of the lead's own text and the year's figures filled in."""
    from planner.psb import services as psb

    report = psb.create_report(region, year)
    for key, text in content["sections"].items():
        psb.write_section(report.section(key), text, content["written_by"])
    psb.save_figures(report, content["figures"])
    return report
