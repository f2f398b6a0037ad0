"""Every page a person can reach passes axe (WCAG 2.0/2.1 A and AA), including the pages
no journey above happens to visit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from planner.extensions import db
from tests import factories
from tests.e2e.conftest import assert_accessible, login
from tests.pages import PAGES, PSB_DECIDED_YEAR, PSB_DRAFT_YEAR, PSB_PUBLISHED_YEAR
from tests.psb.units_world import make_unit_part


@pytest.fixture
def everything(seed, plan_world):
    def make():
        from planner.orgs.models import Organisation
        from planner.plans import services
        from planner.plans.models import Activity
        from planner.wheel import services as wheel

        region = db.session.get(Organisation, plan_world.world.region_id)
        system = factories.make_user("system@test.se", system_admin=True, name="Sigrid System")
        plan = region.plans[0]
        goal = services.create_goal(plan, factories.area_id(plan, "G2"), "Öppen rapportering")
        event = wheel.create_event(region, wheel.EventData("Temadag", "temadag", factories.days(4)))
        # Something in My work for the visitor: an overdue activity, the plan's one, an event.
        late = factories.make_activity(
            plan, "F1", title="Sen aktivitet", due_date=factories.days(-2)
        )
        for activity in (late, db.session.get(Activity, plan_world.activity_id)):
            activity.responsible_user_id = system.id
        event.owner_user_id = system.id
        answers = {"f1_identify": "yes", "f1_identify_ms": "no", "f3_adapt": "partly"}
        assessment = factories.make_assessment(region, 2025, answers)
        part = make_unit_part(region)
        factories.make_safety_report(region, PSB_DRAFT_YEAR)
        factories.make_safety_report(region, PSB_DECIDED_YEAR)
        factories.make_safety_report(region, PSB_PUBLISHED_YEAR, "Nämnden", published=True)
        measure = factories.make_measure(plan, name="Följsamhet till BHK", goal_id=goal.id)
        unit = factories.make_org("Avdelning 7", "enhet", region)
        for period, value in (("2025-Q4", 78), ("2026-Q1", 85), ("2026-Q2", 91)):
            factories.record(measure, region, period, value)
            factories.record(measure, unit, period, value - 10)
        # The widest line of the results table: a long name, a long unit, a value waiting.
        falls = factories.make_measure(
            plan,
            name="Hållbart säkerhetsengagemang bland medarbetarna i slutenvården (HSE)",
            unit="rate_1000",
            direction="lower",
            rhythm="monthly",
            target=Decimal(2),
            warning=Decimal(3),
            baseline_value=Decimal(4),
            baseline_date=date(2024, 12, 31),
        )
        factories.record(falls, region, "2026-01", "3.5")
        return {
            "report": part.request.report_id,
            "unit": part.request.organisation_id,
            "part": part.id,
            "assessment": assessment.id,
            "measure": measure.id,
            "org": region.id,
            "plan": plan.id,
            "goal": goal.id,
            "event": event.id,
            "activity": plan_world.activity_id,
        }

    return seed(make)


def test_every_page_passes_axe(page: Page, everything):
    login(page, "system@test.se")
    for path in PAGES:
        page.goto(path.format(**everything))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)


def test_form_errors_on_the_account_pages_pass_axe(page: Page, everything):
    login(page, "system@test.se")
    page.goto("/anvandare/ny")
    page.get_by_role("button", name="Skapa kontot").click()
    expect(page.get_by_role("alert")).to_contain_text("Formuläret sparades inte")
    assert_accessible(page)
    page.goto("/konto/losenord")
    page.get_by_label("Nuvarande lösenord").fill("fel")
    page.get_by_role("button", name="Byt lösenord").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/organisationer/{everything['org']}/medlemmar")
    page.get_by_role("button", name="Lägg till").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)
