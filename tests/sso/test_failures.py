"""Every way a single sign-on can go wrong gets a clear Swedish page with a fitting status and
a log line, never a 500 and never a login (no session row, the next page asks to log in)."""

from __future__ import annotations

import socket
import time
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from planner.auth import services as accounts
from planner.auth.models import User, UserSession
from planner.extensions import db
from planner.sso.models import OidcIdentity
from tests.conftest import app_config, app_on_empty_database
from tests.factories import commit, make_user
from tests.html import text
from tests.sso.conftest import app_for, local, oidc_config, sso_login


def _refused(client, answer, status: int, words: str, caplog, kind: str) -> None:
    assert answer.status_code == status, answer.get_data(as_text=True)[:800]
    assert "Inloggningen misslyckades" in text(answer)
    assert words in text(answer)
    assert f"single sign-on refused ({kind})" in caplog.text
    assert db.session.scalar(select(func.count()).select_from(UserSession)) == 0
    assert client.get("/").headers["Location"].startswith("/logga-in")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_issuer_that_is_down(tmp_path, caplog):
    issuer = f"http://127.0.0.1:{_free_port()}"
    with app_on_empty_database(app_config(tmp_path, **oidc_config(issuer, "planner", "x"))) as app:
        client = app.test_client()
        answer = client.get("/logga-in/sso")
        _refused(client, answer, 502, "svarar inte just nu", caplog, "unavailable")
        # The provider's answer arriving while it is down is no better.
        answer = client.get("/logga-in/sso/svar?code=abc&state=def")
        _refused(client, answer, 502, "svarar inte just nu", caplog, "unavailable")


def test_an_issuer_that_hangs_is_given_up_after_the_timeout(tmp_path, caplog):
    with socket.socket() as silent:  # accepts connections (the backlog) and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        issuer = f"http://127.0.0.1:{silent.getsockname()[1]}"
        config = app_config(tmp_path, **oidc_config(issuer, "planner", "x"), OIDC_TIMEOUT=0.5)
        with app_on_empty_database(config) as app:
            client = app.test_client()
            began = time.monotonic()
            answer = client.get("/logga-in/sso")
            assert time.monotonic() - began < 5
            _refused(client, answer, 502, "svarar inte just nu", caplog, "unavailable")


def test_a_wrong_client_secret(tmp_path, idp, caplog):
    client_id, _secret = idp.register()
    with app_for(idp, client_id, "fel-hemlighet", tmp_path) as client:
        idp.set_person("anna", email="anna@region.se", email_verified=True)
        answer = sso_login(client, idp, "anna")
        _refused(client, answer, 502, "känner inte igen varandra", caplog, "misconfigured")
        assert db.session.scalar(select(func.count()).select_from(User)) == 0


@pytest.mark.parametrize(
    "odd_idp",
    [
        {"change": lambda claims: claims.update(sub="someone-else")},
        {"change": lambda claims: claims.update(aud="another-client")},
        {"change": lambda claims: claims.update(exp=claims["exp"] + 86400)},
        {"token_max_age": timedelta(seconds=-600)},  # expired, signed by the provider
    ],
    ids=["tampered-subject", "tampered-audience", "tampered-expiry", "expired"],
    indirect=True,
)
def test_a_tampered_or_expired_id_token(tmp_path, odd_idp, caplog):
    with app_for(odd_idp, tmp_path=tmp_path) as client:
        odd_idp.set_person("anna", email="anna@region.se", email_verified=True)
        answer = sso_login(client, odd_idp, "anna")
        _refused(client, answer, 502, "klarade inte kontrollen", caplog, "bad_token")
        assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_a_replayed_code(browser, idp, caplog):
    idp.set_person("anna", email="anna@region.se", email_verified=True)
    start = browser.get("/logga-in/sso")
    cookie_with_state = browser.get_cookie("session").value
    back = local(idp.authorize(start.headers["Location"], "anna"))
    assert browser.get(back).status_code == 302  # the real login
    browser.post("/logga-ut")
    # Someone with the old cookie and the old answer (a stolen URL and cookie) tries again:
    # the state fits, but the provider no longer accepts the code.
    browser.set_cookie("session", cookie_with_state)
    answer = browser.get(back)
    _refused(browser, answer, 400, "redan använts", caplog, "used_code")


def test_a_state_that_is_not_this_browsers(browser, idp, caplog):
    idp.set_person("anna", email="anna@region.se", email_verified=True)
    start = browser.get("/logga-in/sso")
    back = local(idp.authorize(start.headers["Location"], "anna"))
    forged = back.replace("state=", "state=x")
    answer = browser.get(forged)
    _refused(browser, answer, 400, "hör inte till en inloggning", caplog, "state")
    # A link from someone else's login, opened in a browser that started none.
    other = browser.application.test_client()
    _refused(other, other.get(back), 400, "hör inte till en inloggning", caplog, "state")


def test_the_provider_answers_with_an_error(browser, idp, caplog):
    start = browser.get("/logga-in/sso")
    answer = browser.get(local(idp.deny(start.headers["Location"])))
    _refused(browser, answer, 403, "avbröts eller nekades", caplog, "denied")
    answer = browser.get("/logga-in/sso/svar?error=server_error&error_description=%3Cb%3Eboom")
    code = "Felkod från inloggningstjänsten: server_error"
    _refused(browser, answer, 400, code, caplog, "provider_error")
    assert "'<b>boom'" in caplog.text  # quoted: a forged line break cannot fake a log line


def test_a_deactivated_account(browser, idp, caplog):
    user = make_user("borta@region.se")
    accounts.set_active(user, False)
    commit()
    idp.set_person("borta", email="borta@region.se", email_verified=True)
    answer = sso_login(browser, idp, "borta")
    _refused(browser, answer, 403, "avstängt", caplog, "inactive")


def test_no_email_from_the_provider(browser, idp, caplog):
    idp.set_person("anonym", name="Utan Adress")
    answer = sso_login(browser, idp, "anonym")
    _refused(browser, answer, 502, "ingen e-postadress", caplog, "no_email")
    assert db.session.scalar(select(func.count()).select_from(OidcIdentity)) == 0


def test_an_account_linked_to_another_person_is_not_taken(browser, idp, caplog):
    idp.set_person("first", email="delad@region.se", email_verified=True)
    sso_login(browser, idp, "first")
    browser.post("/logga-ut")
    idp.set_person("second", email="delad@region.se", email_verified=True)
    answer = sso_login(browser, idp, "second")
    _refused(browser, answer, 409, "redan kopplat till en annan person", caplog, "linked_elsewhere")


@pytest.mark.parametrize("odd_idp", [{"change": lambda claims: None}], indirect=True)
def test_the_tampering_proxy_itself_changes_nothing_when_told_nothing(tmp_path, odd_idp):
    with app_for(odd_idp, tmp_path=tmp_path) as client:
        odd_idp.set_person("anna", email="anna@region.se", email_verified=True)
        assert sso_login(client, odd_idp, "anna").headers["Location"] == "/utan-roll"


@given(
    params=st.dictionaries(
        st.sampled_from(["code", "state", "error", "error_description", "iss", "session_state"]),
        st.text(max_size=300),
        max_size=5,
    )
)
def test_hostile_answers_never_break_or_log_in(browser, params):
    browser.get("/logga-in/sso")  # a login under way: its state is in the session
    answer = browser.get("/logga-in/sso/svar", query_string=params)
    assert answer.status_code in (400, 403, 502)
    assert "Inloggningen misslyckades" in text(answer)
    assert db.session.scalar(select(func.count()).select_from(UserSession)) == 0


@pytest.mark.parametrize(
    "odd_idp",
    [{"metadata": lambda body: body.update(issuer="https://annan.example")}],
    indirect=True,
)
def test_metadata_naming_another_issuer(tmp_path, odd_idp, caplog):
    with app_for(odd_idp, tmp_path=tmp_path) as client:
        answer = client.get("/logga-in/sso")
        _refused(client, answer, 502, "svarar inte just nu", caplog, "unavailable")
        assert "metadata names issuer 'https://annan.example'" in caplog.text
