"""One's own account in a real browser: the sessions on two devices, ending the other one."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_accessible, login


def test_end_the_session_on_another_device(page: Page, new_context, world):
    phone = new_context(
        user_agent="Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"
    ).new_page()
    login(phone, world.editor)
    login(page, world.editor)

    page.get_by_role("link", name="Mitt konto").click()
    expect(page.get_by_role("heading", level=1, name="Mitt konto")).to_be_visible()
    sessions = page.get_by_role("table", name="Inloggningar, senast använd först")
    expect(sessions.get_by_role("row")).to_have_count(3)  # the header and two sessions
    expect(sessions.get_by_role("row").filter(has_text="den här enheten")).to_have_count(1)
    assert_accessible(page)

    page.get_by_role("button", name="Avsluta inloggningen på Safari, iPhone").click()
    expect(page.locator(".flashes[role=status]")).to_contain_text("Inloggningen är avslutad.")
    expect(sessions.get_by_role("row")).to_have_count(2)
    assert_accessible(page)

    phone.reload()
    expect(phone.get_by_role("heading", level=1, name="Logga in")).to_be_visible()
    page.goto("/")
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()  # this one stays


def test_the_account_page_fits_a_phone(page: Page, world):
    page.set_viewport_size({"width": 360, "height": 740})
    login(page, world.reader)
    page.goto("/konto")
    expect(page.get_by_role("heading", level=1, name="Mitt konto")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)
