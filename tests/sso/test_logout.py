"""Logout ends planner's session and, for a single sign-on, the session at the provider
(RP-initiated logout with id_token_hint and post_logout_redirect_uri)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import requests
from bs4 import BeautifulSoup
from sqlalchemy import func, select

from planner.auth.models import UserSession
from planner.extensions import db
from tests.factories import commit, make_user
from tests.html import text
from tests.sso.conftest import local, sso_login


def _sessions() -> int:
    return db.session.scalar(select(func.count()).select_from(UserSession))


def test_logout_ends_both_sessions(browser, idp, sso_app):
    idp.set_person("anna", email="anna@region.se", email_verified=True)
    sso_login(browser, idp, "anna")
    assert _sessions() == 1
    answer = browser.post("/logga-ut")
    assert _sessions() == 0
    assert browser.get("/").headers["Location"].startswith("/logga-in")
    to_provider = urlsplit(answer.headers["Location"])
    assert to_provider.geturl().startswith(idp.url + "/oauth2/end_session")
    query = parse_qs(to_provider.query)
    assert query["post_logout_redirect_uri"] == ["http://localhost/logga-in"]
    assert query["client_id"] == [sso_app.config["OIDC_CLIENT_ID"]]
    hint = query["id_token_hint"][0]
    assert hint.count(".") == 2  # the ID token of this login
    # At the provider: its page ends the session there and sends the browser back.
    form = BeautifulSoup(
        requests.get(answer.headers["Location"], timeout=5).text, "html.parser"
    ).find("form")
    data = {i["name"]: i["value"] for i in form.find_all("input")}
    back = requests.post(idp.url + form["action"], data=data, allow_redirects=False, timeout=5)
    assert back.headers["Location"].startswith("http://localhost/logga-in")
    login_page = browser.get(local(back.headers["Location"]))
    assert login_page.status_code == 200
    assert "Du är utloggad." in text(login_page)


def test_a_password_login_logs_out_here_only(browser):
    make_user("lokal@region.se", system_admin=True)
    commit()
    browser.login("lokal@region.se")
    answer = browser.post("/logga-ut")
    assert answer.headers["Location"] == "/logga-in"
    assert _sessions() == 0


def test_the_logout_form_may_lead_to_the_provider_and_nowhere_else(browser, idp, anonymous):
    # A browser applies the CSP's form-action to a form's redirects too: without the
    # provider's origin, the "Logga ut" button would stop at planner's own logout.
    policy = browser.get("/logga-in").headers["Content-Security-Policy"]
    assert f"form-action 'self' {idp.url};" in policy + ";"
    assert (
        "form-action 'self';" in anonymous.get("/logga-in").headers["Content-Security-Policy"] + ";"
    )


def test_the_id_token_is_kept_with_the_session_not_in_the_cookie(browser, idp):
    groups = [f"regionens-grupp-{n:04d}" for n in range(300)]  # as Entra may send
    idp.set_person("anna", email="anna@region.se", email_verified=True, groups=groups)
    sso_login(browser, idp, "anna")
    kept = db.session.scalars(select(UserSession)).one().id_token
    assert kept and kept.count(".") == 2 and len(kept) > 4000  # would not fit in a cookie
    assert len(browser.get_cookie("session").value) < 1000
    answer = browser.post("/logga-ut")
    assert parse_qs(urlsplit(answer.headers["Location"]).query)["id_token_hint"] == [kept]
