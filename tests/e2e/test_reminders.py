"""Reminders in a real browser: choosing how to get them, an organisation's lead days with a
mistake, and the one-click unsubscribe from a mail without logging in."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_accessible, login


def test_choose_a_weekly_digest_and_a_plan_digest(page: Page, plan_world):
    login(page, plan_world.world.editor)
    page.get_by_role("link", name="Mitt konto").click()
    page.get_by_role("link", name="Mina påminnelser per e-post").click()
    expect(page.get_by_role("heading", level=1, name="Mina påminnelser")).to_be_visible()
    expect(page.get_by_label("Varje påminnelse när den kommer")).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Ett veckobrev på måndag morgon").check()
    page.get_by_label("Handlingsplan Testland 2025–2030 (Region Testland)").check()
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".flashes[role=status]")).to_contain_text("Dina påminnelser är sparade.")
    expect(page.get_by_label("Ett veckobrev på måndag morgon")).to_be_checked()
    expect(page.get_by_label("Handlingsplan Testland 2025–2030 (Region Testland)")).to_be_checked()
    assert_accessible(page)


def test_lead_days_with_a_mistake_then_right(page: Page, world):
    login(page, world.admin)
    page.goto(f"/organisationer/{world.region_id}")
    page.get_by_role("link", name="Påminnelser").click()
    field = page.get_by_label("Påminn så många dagar före slut- och uppföljningsdatum")
    expect(field).to_have_value("14, 1")
    field.fill("två veckor")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator(".error")).to_contain_text("till exempel 14, 1")
    assert_accessible(page)
    page.get_by_label("Påminn så många dagar före slut- och uppföljningsdatum").fill("28, 7, 1")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Gäller nu: 28, 7, 1 dagar före.")).to_be_visible()


def test_unsubscribe_from_a_mail_without_logging_in(page: Page, seed, world):
    def token():
        from planner.auth.services import user_by_email
        from planner.reminders import unsubscribe

        return unsubscribe.token(user_by_email(world.reader).id)

    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"/paminnelser/avsluta/{seed(token)}")
    expect(
        page.get_by_text("Vill du sluta få påminnelser per e-post till lasare@test.se?")
    ).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    page.get_by_role("button", name="Ja, sluta skicka").click()
    expect(page.get_by_role("status")).to_contain_text("Du får inga fler påminnelser per e-post.")
    assert_accessible(page)
