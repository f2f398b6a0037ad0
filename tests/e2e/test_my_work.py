"""My work in a real browser: log in, land on the list, record progress from it."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from planner.extensions import db
from tests import factories
from tests.e2e.conftest import assert_accessible


def test_log_in_see_my_work_and_record_progress_from_it(page: Page, plan_world, seed):
    def make():
        from planner.orgs.models import Organisation
        from planner.wheel import services as wheel

        region = db.session.get(Organisation, plan_world.world.region_id)
        plan = region.plans[0]
        editor = factories.make_user("ansvarig@test.se", "redaktor", region, name="Ansa Ansvarig")
        late = factories.make_activity(
            plan, "F2", title="Införa SBAR på akuten", due_date=factories.days(-4)
        )
        late.responsible_user_id = editor.id
        event = wheel.create_event(
            region, wheel.EventData("Patientsäkerhetsrådet", "mote", factories.days(3))
        )
        event.owner_user_id = editor.id

    seed(make)
    page.goto("/logga-in")
    page.get_by_label("E-post").fill("ansvarig@test.se")
    page.get_by_label("Lösenord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    # People with something to do land on My work.
    expect(page.get_by_role("heading", level=1, name="Mitt arbete")).to_be_visible()
    overdue = page.get_by_role("region", name="Försenat")
    expect(overdue.get_by_role("link", name="Införa SBAR på akuten")).to_be_visible()
    expect(overdue).to_contain_text("4 dagar sen")
    expect(page.get_by_role("link", name="Patientsäkerhetsrådet")).to_be_visible()
    assert_accessible(page)

    # A wrong number is explained next to its field, the form stays open with what was typed.
    page.get_by_text("Registrera framsteg").first.click()
    percent = page.get_by_label("Andel klart (%)")
    percent.fill("140")
    page.get_by_label("Anteckning").fill("Utbildning av alla sjuksköterskor klar.")
    page.get_by_role("button", name="Registrera Införa SBAR på akuten").click()
    expect(page.get_by_role("alert")).to_contain_text("Formuläret sparades inte")
    expect(page.get_by_label("Anteckning")).to_have_value("Utbildning av alla sjuksköterskor klar.")
    assert_accessible(page)

    page.get_by_label("Status").select_option(label="Klar")
    page.get_by_label("Andel klart (%)").fill("100")
    page.get_by_role("button", name="Registrera Införa SBAR på akuten").click()
    expect(page.locator(".flashes[role=status]")).to_contain_text(
        "Framsteget för Införa SBAR på akuten registrerades."
    )
    # Done, it has left the list; the activity's own page has the entry.
    expect(page.get_by_role("region", name="Försenat")).to_have_count(0)
    page.goto(f"/planer/{plan_world.plan_id}/aktiviteter")
    page.get_by_role("link", name="Införa SBAR på akuten").click()
    expect(page.locator("#historik + ol")).to_contain_text(
        "Utbildning av alla sjuksköterskor klar."
    )
    expect(page.locator("#historik + ol")).to_contain_text("Ansa Ansvarig")


def test_a_measure_value_due_is_recorded_from_my_work(page: Page, plan_world, seed):
    from planner.clock import local_today
    from planner.results.periods import latest_ended

    due = latest_ended("quarterly", local_today())

    def make():
        from planner.orgs.models import Organisation

        region = db.session.get(Organisation, plan_world.world.region_id)
        editor = factories.make_user("matt@test.se", "redaktor", region, name="Mia Mått")
        measure = factories.make_measure(region.plans[0], name="Följsamhet till BHK")
        measure.responsible_user_id = editor.id

    seed(make)
    page.goto("/logga-in")
    page.get_by_label("E-post").fill("matt@test.se")
    page.get_by_label("Lösenord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    overdue = page.get_by_role("region", name="Försenat")
    row = overdue.get_by_role("link", name=f"Följsamhet till BHK, {due.label}")
    expect(row).to_be_visible()
    assert_accessible(page)
    row.click()
    expect(page.get_by_label("Period")).to_have_value(due.key)
    page.get_by_label("Värde", exact=True).fill("91,5")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".flashes[role=status]")).to_contain_text("sparades")
    page.goto("/mitt-arbete")
    expect(page.get_by_role("link", name=f"Följsamhet till BHK, {due.label}")).to_have_count(0)
