"""Factories for tests: each makes a valid row with sensible defaults, overridable."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count

from planner.clock import local_today
from planner.extensions import db
from planner.orgs.models import Organisation
from planner.orgs.services import create_organisation
from planner.plans import services
from planner.plans.models import Activity, Plan

_numbers = count(1)
PASSWORD = "ett långt testlösenord"


def make_user(email: str | None = None, role: str | None = None, org=None, **kw):
    """An account; with ``role`` and ``org`` also a membership."""
    from planner.auth.services import add_membership, create_user

    email = email or f"person{next(_numbers)}@test.se"
    user = create_user(
        email, kw.get("name", email.split("@")[0].title()), PASSWORD, kw.get("system_admin", False)
    )
    if role is not None:
        add_membership(user, org, role)
    return user


def make_org(name: str | None = None, kind: str = "region", parent=None) -> Organisation:
    return create_organisation(name or f"Region {next(_numbers)}", kind, parent)


def make_plan(org: Organisation | None = None, **overrides) -> Plan:
    values = {"title": "Handlingsplan 2025–2030", "period_start": 2025, "period_end": 2030}
    values.update(overrides)
    return services.create_plan_from_template(org or make_org(), **values)


def area_id(plan: Plan, code: str = "G1") -> int:
    return next(a.id for a in plan.areas if a.code == code)


def make_activity(plan: Plan | None = None, area: str = "G1", **overrides) -> Activity:
    plan = plan or make_plan()
    today = local_today()
    status = overrides.pop("status", None)
    percent = overrides.pop("percent", None)
    values = {
        "title": f"Aktivitet {next(_numbers)}",
        "area_id": area_id(plan, area),
        "responsible_name": "Anna Lindqvist",
        "organisation_ids": [plan.organisation_id],
        "start_date": today - timedelta(days=100),
        "due_date": today + timedelta(days=100),
    }
    values.update(overrides)
    activity = services.create_activity(plan, services.ActivityData(**values))
    if status is not None:
        services.record_progress(activity, today, status, percent or 0, "", "Test")
    return activity


def days(n: int) -> date:
    return local_today() + timedelta(days=n)


def commit() -> None:
    db.session.commit()


def make_measure(plan: Plan | None = None, **overrides):
    """A measure (BHK-like by default: a percent, higher is better, target 90, warning 80)."""
    from decimal import Decimal

    from planner.results.services import MeasureData, create_measure

    plan = plan or make_plan()
    values = {
        "name": f"Mått {next(_numbers)}",
        "area_code": "F3",
        "unit": "percent",
        "direction": "higher",
        "rhythm": "quarterly",
        "target": Decimal(90),
        "warning": Decimal(80),
    }
    values.update(overrides)
    return create_measure(plan, MeasureData(**values))


def record(measure, organisation, period: str, value=None, **kw):
    """A value entered for ``organisation`` and ``period`` (a new one, or a correction)."""
    from decimal import Decimal

    from planner.results.services import ValueEntry, find_value, record_value

    existing = find_value(measure, organisation.id, period)
    entry = ValueEntry(
        organisation.id,
        period,
        None if value is None else Decimal(str(value)),
        version=existing.version if existing else 0,
        **kw,
    )
    return record_value(measure, entry)


def make_assessment(org, year: int = 2025, answers: dict | None = None, decided_by=None):
    """A self-assessment of ``org`` for survey ``year`` with ``answers`` ({code: value})."""
    from planner.assessment import services as assessments

    assessment = assessments.start_assessment(org, year, from_previous=False)
    for code, value in (answers or {}).items():
        assessments.save_answer(assessment, code, value, author_name="Test")
    if decided_by is not None:
        assessments.decide(assessment, decided_by)
    return assessment


def make_safety_report(org, year: int, decided_by: str | None = None, published: bool = False):
    """A PSB of ``org`` for ``year`` drafted from its plans; decided and published if asked."""
    from planner.psb import services as psb

    report = psb.create_report(org, year)
    if decided_by is not None:
        psb.decide(report, decided_by)
    if published:
        psb.set_published(report, True)
    return report
