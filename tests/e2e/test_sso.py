"""Single sign-on in a real browser against a real OpenID provider (oidc-provider-mock): the
first login makes an account with no role and says whom to ask, the group mapping grants a
role and takes it away again, logout ends the session at the provider too, and a failed
answer gets its page. axe checks every new page; the phone width too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from playwright.sync_api import Page, expect

from planner import create_app
from planner.extensions import db
from planner.sso.demo import provider, served
from tests import factories
from tests.e2e.conftest import assert_accessible

PHONE = 360


@pytest.fixture(scope="module")
def idp() -> Iterator[str]:
    with provider(people=()) as running:
        yield running.url


@pytest.fixture(scope="module")
def sso_app(live_app, idp):
    """planner with single sign-on, on the e2e database (so ``seed`` and the emptying between
    tests apply)."""
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "e2e-sso-test-only-key",
            "SQLALCHEMY_DATABASE_URI": live_app.config["SQLALCHEMY_DATABASE_URI"],
            "OIDC_ISSUER": idp,
            "OIDC_CLIENT_ID": "planner-e2e",
            "OIDC_CLIENT_SECRET": "e2e-hemlighet",
            "OIDC_LABEL": "Logga in med SITHS",
            "OIDC_GROUPS_CLAIM": "groups",
        }
    )


@pytest.fixture(scope="module")
def sso_server(sso_app) -> Iterator[str]:
    """``sso_app`` served on a port of its own."""
    with served(sso_app) as server:
        yield f"http://127.0.0.1:{server.server_port}"
    with sso_app.app_context():
        db.engine.dispose()


def _person(idp: str, groups: list[str]) -> None:
    claims = {"email": "karin@region.se", "email_verified": True, "name": "Karin Ek"}
    requests.put(f"{idp}/users/karin", json={**claims, "groups": groups}, timeout=5)


def _log_in(page: Page, server: str) -> None:
    page.goto(server + "/logga-in")
    page.get_by_role("link", name="Logga in med SITHS").click()
    page.locator("input[name=sub]").fill("karin")  # the test provider's login page
    page.get_by_role("button", name="Authorize").click()


def _log_out(page: Page, server: str) -> None:
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("heading", name="End Session")).to_be_visible()  # at the provider
    page.get_by_role("button", name="End session").click()
    expect(page).to_have_url(server + "/logga-in?state=" + page.url.split("state=", 1)[-1])
    expect(page.get_by_text("Du är utloggad.")).to_be_visible()


def test_single_sign_on_journey(page: Page, seed, sso_server, idp):
    def make():
        region = factories.make_org("Region Solsta")
        factories.make_user("it@region.se", system_admin=True, name="Ingrid IT")
        from planner.sso.groups import add_mapping

        add_mapping("psl-redaktorer", region, "redaktor")
        return region.id

    region_id = seed(make)
    _person(idp, groups=[])
    page.goto(sso_server + "/logga-in")
    assert_accessible(page)

    # First login: an account with no role, and whom to ask.
    _log_in(page, sso_server)
    expect(page).to_have_url(sso_server + "/utan-roll")
    expect(page.get_by_role("heading", name="Välkommen, Karin Ek")).to_be_visible()
    expect(page.get_by_role("link", name="it@region.se")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": PHONE, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    page.set_viewport_size({"width": 1280, "height": 900})
    _log_out(page, sso_server)
    page.goto(sso_server + "/")
    expect(page).to_have_url(sso_server + "/logga-in?next=/")  # logged out here too

    # Second login, now in the editors' group: the same account, with the group's role.
    _person(idp, groups=["psl-redaktorer"])
    _log_in(page, sso_server)
    expect(page).to_have_url(sso_server + "/")
    page.goto(f"{sso_server}/organisationer/{region_id}")
    expect(page.get_by_role("heading", name="Region Solsta")).to_be_visible()
    expect(page.get_by_role("link", name="Ny plan")).to_be_visible()  # an editor's link
    _log_out(page, sso_server)

    # Out of the group: the role it gave is gone at the next login.
    _person(idp, groups=[])
    _log_in(page, sso_server)
    expect(page).to_have_url(sso_server + "/utan-roll")
    page.goto(f"{sso_server}/organisationer/{region_id}")
    expect(page.get_by_role("heading", name="Sidan finns inte")).to_be_visible()


def test_a_failed_answer_gets_a_clear_page(page: Page, sso_server):
    page.goto(sso_server + "/logga-in/sso/svar?code=gammal&state=okand")
    expect(page.get_by_role("heading", name="Inloggningen misslyckades")).to_be_visible()
    expect(page.get_by_text("Börja om inloggningen")).to_be_visible()
    assert_accessible(page)
    page.set_viewport_size({"width": PHONE, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    page.get_by_role("link", name="Till inloggningen").click()
    expect(page.get_by_role("link", name="Logga in med SITHS")).to_be_visible()


def test_with_passwords_off_only_the_break_glass_form_remains(
    page: Page, seed, sso_app, sso_server
):
    seed(lambda: factories.make_user("it@region.se", system_admin=True, name="Ingrid IT").id)
    sso_app.config["LOCAL_LOGIN"] = False  # read at every request
    try:
        page.goto(sso_server + "/logga-in")
        expect(page.get_by_label("E-post")).to_be_hidden()
        assert_accessible(page)
        page.get_by_text("Lösenord (endast systemadministratörer)").click()
        page.get_by_label("E-post").fill("it@region.se")
        page.get_by_label("Lösenord", exact=True).fill(factories.PASSWORD)
        page.get_by_role("button", name="Logga in", exact=True).click()
        expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
        page.goto(sso_server + "/konto")  # a password account may link itself to the provider
        expect(page.get_by_role("button", name="Koppla kontot")).to_be_visible()
        assert_accessible(page)
    finally:
        sso_app.config["LOCAL_LOGIN"] = True
