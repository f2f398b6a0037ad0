"""Logging in through a real OpenID provider end to end: the first login makes an account with
no role, the second finds it; existing accounts are found by subject, then by a verified
e-mail address, never by an unverified one; invitations are honoured."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from sqlalchemy import func, select

from planner.auth import services as accounts
from planner.auth.models import EDITOR, READER, User, UserSession
from planner.extensions import db
from planner.sso.models import OidcIdentity
from tests.factories import commit, make_org, make_user
from tests.html import page, table_rows, text
from tests.sso.conftest import local, sso_login


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _logged_in(client) -> bool:
    return client.get("/").status_code == 200


def test_the_login_page_offers_the_button_when_single_sign_on_is_set(browser, anonymous):
    button = page(browser.get("/logga-in")).find("a", string="Logga in med SITHS")
    assert button is not None and button["href"] == "/logga-in/sso"
    assert page(anonymous.get("/logga-in")).find("a", string="Logga in med SITHS") is None


def test_the_authorisation_request_uses_pkce_state_and_nonce(browser, idp):
    start = browser.get("/logga-in/sso")
    url = urlsplit(start.headers["Location"])
    query = parse_qs(url.query)
    assert url.geturl().startswith(idp.url + "/oauth2/authorize")
    assert query["response_type"] == ["code"]
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert query["state"][0] and query["nonce"][0]
    assert query["scope"] == ["openid email profile"]
    assert query["redirect_uri"] == ["http://localhost/logga-in/sso/svar"]


def test_first_login_creates_an_account_with_no_role_and_the_second_finds_it(browser, idp):
    make_user("sysadmin@test.se", name="Siv Systemsson", system_admin=True)
    commit()
    idp.set_person("anna-1", email="anna@region.se", email_verified=True, name="Anna Lind")
    first = sso_login(browser, idp, "anna-1")
    assert first.status_code == 302 and first.headers["Location"] == "/utan-roll"
    welcome = browser.get("/utan-roll")
    assert "Välkommen, Anna Lind" in text(welcome)
    assert "ingen roll" in text(welcome)
    assert "Siv Systemsson" in text(welcome)  # whom to ask
    user = db.session.scalars(select(User).where(User.email == "anna@region.se")).one()
    assert user.memberships == [] and not user.is_system_admin
    assert not user.has_password
    assert "inget lösenord i planner" in text(browser.get("/konto"))
    identity = db.session.scalars(select(OidcIdentity)).one()
    assert (identity.issuer, identity.subject, identity.user_id) == (idp.url, "anna-1", user.id)
    admin = browser.application.test_client()
    admin.login("sysadmin@test.se")
    rows = {r[1]: r[0] for r in table_rows(admin.get("/anvandare"), "Alla konton")}
    assert rows["anna@region.se"] == "Anna Lind Organisationens konto Inget lösenord"
    assert rows["sysadmin@test.se"] == "Siv Systemsson Systemadministratör"

    browser.post("/logga-ut")
    assert not _logged_in(browser)
    again = sso_login(browser, idp, "anna-1")
    assert again.status_code == 302
    assert _logged_in(browser)
    assert _count(User) == 2 and _count(OidcIdentity) == 1


def test_an_existing_account_is_found_by_verified_email(browser, idp):
    region = make_org("Region Norr")
    existing = make_user("bo@region.se", EDITOR, region)
    commit()
    idp.set_person("bo-sub", email="Bo@Region.se", email_verified=True, name="Bo Ek")
    answer = sso_login(browser, idp, "bo-sub", next_path=f"/organisationer/{region.id}")
    assert answer.headers["Location"] == f"/organisationer/{region.id}"
    assert browser.get(f"/organisationer/{region.id}").status_code == 200
    identity = db.session.scalars(select(OidcIdentity)).one()
    assert identity.user_id == existing.id
    assert _count(User) == 1


def test_an_unverified_email_never_finds_an_account(browser, idp, caplog):
    admin = make_user("chef@region.se", system_admin=True)
    commit()
    for verified in (False, "false", None):
        claims = {"email": "chef@region.se", "name": "Inte Chefen"}
        if verified is not None:
            claims["email_verified"] = verified
        idp.set_person(f"mallory-{verified}", **claims)
        answer = sso_login(browser, idp, f"mallory-{verified}")
        assert answer.status_code == 409
        assert "intygar inte att adressen är din" in text(answer)
        assert not _logged_in(browser)
    assert _count(OidcIdentity) == 0 and _count(UserSession) == 0
    db.session.refresh(admin)
    assert admin.name != "Inte Chefen"
    assert "single sign-on refused (email_taken)" in caplog.text


def test_a_pending_invitation_becomes_a_membership_at_the_first_login(browser, idp):
    region = make_org("Region Syd")
    accounts.invite("ny@region.se", region, READER)
    commit()
    idp.set_person("ny", email="ny@region.se", email_verified=True, name="Ny Person")
    answer = sso_login(browser, idp, "ny")
    assert answer.headers["Location"] == "/"
    user = db.session.scalars(select(User).where(User.email == "ny@region.se")).one()
    assert [(m.organisation_id, m.role) for m in user.memberships] == [(region.id, READER)]
    assert browser.get(f"/organisationer/{region.id}").status_code == 200


def test_a_password_user_links_their_account_when_the_email_is_not_vouched_for(browser, idp):
    region = make_org("Region Inera")
    make_user("lisa@region.se", EDITOR, region)
    commit()
    idp.set_person("lisa-siths", email="lisa@region.se", name="Lisa Lind")  # no email_verified
    assert sso_login(browser, idp, "lisa-siths").status_code == 409  # not taken on a claim
    browser.login("lisa@region.se")
    account = page(browser.get("/konto"))
    assert account.find("button", string="Koppla kontot") is not None
    assert "(Logga in med SITHS)" in account.get_text()
    start = browser.post("/konto/koppla-inloggning")
    back = browser.get(local(idp.authorize(start.headers["Location"], "lisa-siths")))
    assert back.headers["Location"] == "/konto"
    assert "Ditt konto är kopplat" in text(browser.get("/konto"))
    assert page(browser.get("/konto")).find("button", string=lambda s: "Koppla" in s) is None
    browser.post("/logga-ut")
    assert sso_login(browser, idp, "lisa-siths").headers["Location"] == "/"
    assert _logged_in(browser)
    assert _count(User) == 1
    # A second person cannot link themselves to the same account's issuer twice.
    idp.set_person("impostor", email="x@region.se", email_verified=True)
    browser.post("/logga-ut")
    browser.login("lisa@region.se")
    start = browser.post("/konto/koppla-inloggning")
    refused = browser.get(local(idp.authorize(start.headers["Location"], "impostor")))
    assert refused.status_code == 409
    assert _count(OidcIdentity) == 1


def test_the_name_follows_the_provider_but_is_kept_when_it_sends_none(browser, idp):
    make_user("ola@region.se", name="Ola Admin-Satt")
    commit()
    idp.set_person("ola", email="ola@region.se", email_verified=True)  # no name claims
    sso_login(browser, idp, "ola")
    user = db.session.scalars(select(User)).one()
    assert user.name == "Ola Admin-Satt"
    browser.post("/logga-ut")
    idp.set_person(
        "ola", email="ola@region.se", email_verified=True, given_name="Ola", family_name="Ek"
    )
    sso_login(browser, idp, "ola")
    db.session.refresh(user)
    assert user.name == "Ola Ek"


def test_pressing_the_button_again_and_again_keeps_the_cookie_small(browser, idp):
    idp.set_person("anna", email="anna@region.se", email_verified=True)
    for _ in range(30):  # abandoned logins, a double click, a second tab
        start = browser.get("/logga-in/sso")
    assert len(browser.get_cookie("session").value) < 1500
    back = browser.get(local(idp.authorize(start.headers["Location"], "anna")))
    assert back.headers["Location"] == "/utan-roll"  # the last one started is the one that counts


def test_a_person_with_no_role_is_told_to_ask_their_colleagues_administrators(browser, idp):
    region, other = make_org("Region Väst"), make_org("Region Öst")
    make_user("chef@vast.se", "administrator", region, name="Vera Väst")
    make_user("kollega@vast.se", READER, region)
    make_user("chef@ost.se", "administrator", other, name="Östen Öst")
    make_user("it@vast.se", system_admin=True, name="Ivar IT")
    commit()
    idp.set_person("ny", email="ny@vast.se", email_verified=True, name="Ny Västbo")
    sso_login(browser, idp, "ny")
    welcome = text(browser.get("/utan-roll"))
    assert "Vera Väst – chef@vast.se (administratör för Region Väst)" in welcome
    assert "Östen" not in welcome and "Ivar IT" not in welcome  # colleagues' admins come first
