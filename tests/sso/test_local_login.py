"""PLANNER_LOCAL_LOGIN=0: everyone logs in through the provider, except system administrators,
who keep their password as a way in when the provider is down (break-glass)."""

from __future__ import annotations

import pytest

from planner.auth.models import READER
from tests.factories import PASSWORD, commit, make_org, make_user
from tests.html import page, text

NO_PASSWORDS = {"LOCAL_LOGIN": False}


@pytest.mark.parametrize("sso_app", [NO_PASSWORDS], indirect=True)
def test_only_system_administrators_may_use_a_password(browser):
    make_user("anna@region.se", READER, make_org())
    make_user("it@region.se", system_admin=True)
    commit()
    login = page(browser.get("/logga-in"))
    assert login.find("a", string="Logga in med SITHS") is not None
    summary = login.find("details").find("summary")
    assert "endast systemadministratörer" in summary.get_text()
    refused = browser.post("/logga-in", data={"email": "anna@region.se", "password": PASSWORD})
    assert refused.status_code == 200
    assert "Fel e-postadress eller lösenord." in text(refused)  # the password is not confirmed
    assert page(refused).find("details").has_attr("open")
    assert browser.get("/").status_code == 302
    browser.login("it@region.se")
    assert browser.get("/").status_code == 200


def test_passwords_work_for_everyone_by_default(browser):
    make_user("anna@region.se", READER, make_org())
    commit()
    login = page(browser.get("/logga-in"))
    assert login.find("details") is None
    assert "Eller med lösenord" in login.get_text()
    browser.login("anna@region.se")


def test_scopes_without_openid_are_refused_at_start(tmp_path, idp):
    from planner import create_app
    from tests.conftest import app_config
    from tests.sso.conftest import oidc_config

    config = app_config(tmp_path, **oidc_config(idp.url, "planner", "x", OIDC_SCOPES="email"))
    with pytest.raises(ValueError, match="openid"):
        create_app(config)
