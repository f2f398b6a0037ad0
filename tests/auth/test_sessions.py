"""Server-side sessions: a row per login that logout, a new password and deactivation delete;
the account page lists them and ends them; role changes never log anyone out."""

from __future__ import annotations

from datetime import UTC, timedelta

from planner.auth import services, user_sessions
from planner.auth.models import UserSession
from planner.extensions import db
from planner.models import utcnow
from tests.factories import commit, make_org, make_plan, make_user
from tests.html import page, table_rows

FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"
)


def client_with(app, user_agent: str):
    client = app.test_client()
    client.environ_base["HTTP_USER_AGENT"] = user_agent
    return client


def sessions_of(email: str) -> list[UserSession]:
    db.session.expire_all()
    return user_sessions.of_user(services.user_by_email(email))


def test_a_cookie_copied_before_logout_no_longer_works(app):
    make_user("anna@test.se")
    commit()
    client = app.test_client()
    client.login("anna@test.se")
    copied = client.get_cookie("session").value
    assert len(sessions_of("anna@test.se")) == 1
    client.post("/logga-ut")
    assert sessions_of("anna@test.se") == []
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert thief.get("/").status_code == 302


def test_the_cli_password_and_deactivation_end_every_session(app):
    user = make_user("anna@test.se")
    commit()
    laptop, phone = app.test_client(), app.test_client()
    laptop.login("anna@test.se")
    phone.login("anna@test.se")
    result = app.test_cli_runner().invoke(
        args=["user", "set-password", "anna@test.se"], input="nytt lösenord 12\nnytt lösenord 12\n"
    )
    assert result.exit_code == 0, result.output
    assert laptop.get("/").status_code == 302 and phone.get("/").status_code == 302
    laptop.login("anna@test.se", "nytt lösenord 12")
    copied = laptop.get_cookie("session").value
    result = app.test_cli_runner().invoke(args=["user", "deactivate", "anna@test.se"])
    assert result.exit_code == 0 and "avstängt" in result.output
    assert sessions_of("anna@test.se") == []
    assert app.test_cli_runner().invoke(args=["user", "activate", "anna@test.se"]).exit_code == 0
    db.session.expire_all()
    assert db.session.get(type(user), user.id).active
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert thief.get("/").status_code == 302  # reactivating does not revive old sessions


def test_changing_someones_memberships_does_not_log_them_out(app):
    """An organisation administrator can no longer log anyone out (the system administrator
    included) by adding or removing their memberships; the rights change at the next request."""
    region = make_org("Region R")
    make_plan(region)
    make_user("chef@test.se", "administrator", region)
    make_user("system@test.se", system_admin=True)
    editor = make_user("red@test.se", "redaktor", region)
    commit()
    chef, system, red = app.test_client(), app.test_client(), app.test_client()
    for client, email in ((chef, "chef@test.se"), (system, "system@test.se"), (red, "red@test.se")):
        client.login(email)
    members = f"/organisationer/{region.id}/medlemmar"
    data = {"email": "system@test.se", "organisation_id": region.id, "role": "lasare"}
    assert chef.post(members, data=data).status_code == 302
    services.accept_invitations(services.user_by_email("system@test.se"))
    commit()
    db.session.expire_all()
    membership = services.user_by_email("system@test.se").memberships[0]
    assert chef.post(f"/medlemskap/{membership.id}/roll", data={"role": "redaktor"}).status_code
    assert chef.post(f"/medlemskap/{membership.id}/ta-bort").status_code == 302
    assert system.get("/").status_code == 200  # still logged in
    assert len(sessions_of("system@test.se")) == 1
    # the editor demoted to reader: logged in, but no longer allowed to edit
    plan_id = region.plans[0].id
    assert red.get(f"/planer/{plan_id}/redigera").status_code == 200
    chef.post(f"/medlemskap/{editor.memberships[0].id}/roll", data={"role": "lasare"})
    assert red.get(f"/planer/{plan_id}").status_code == 200
    assert red.get(f"/planer/{plan_id}/redigera").status_code == 403


def test_the_account_page_lists_sessions_and_ends_others(app):
    make_user("anna@test.se")
    other = make_user("bertil@test.se")
    commit()
    laptop, phone, tablet = (client_with(app, ua) for ua in (FIREFOX, IPHONE, FIREFOX))
    for client in (laptop, phone, tablet):
        client.login("anna@test.se")
    bertil = client_with(app, FIREFOX)
    bertil.login("bertil@test.se")
    response = laptop.get("/konto")
    rows = table_rows(response, "Inloggningar")
    assert len(rows) == 3
    assert sum("den här enheten" in row[0] for row in rows) == 1
    assert {row[0].replace(" (den här enheten)", "") for row in rows} == {
        "Firefox, Windows",
        "Safari, iPhone",
    }
    assert page(laptop.get("/")).find("a", string="Mitt konto")["href"] == "/konto"
    phone_session = next(s for s in sessions_of("anna@test.se") if s.device == "Safari, iPhone")
    response = laptop.post(f"/konto/sessioner/{phone_session.id}/avsluta")
    assert response.status_code == 302 and response.headers["Location"] == "/konto"
    assert phone.get("/").status_code == 302
    # someone else's session cannot be ended (nor seen to exist)
    bertils = user_sessions.of_user(other)[0]
    assert laptop.post(f"/konto/sessioner/{bertils.id}/avsluta").status_code == 404
    assert laptop.post("/konto/sessioner/avsluta-andra").status_code == 302
    assert tablet.get("/").status_code == 302
    assert laptop.get("/").status_code == 200
    assert bertil.get("/").status_code == 200
    assert len(sessions_of("anna@test.se")) == 1
    own = sessions_of("anna@test.se")[0]
    assert laptop.post(f"/konto/sessioner/{own.id}/avsluta").headers["Location"] == "/logga-in"
    assert laptop.get("/").status_code == 302


def test_sessions_expire_after_inactivity_and_last_use_is_written_once_a_minute(app):
    user = make_user("anna@test.se")
    commit()
    client = app.test_client()
    client.login("anna@test.se")
    row = sessions_of("anna@test.se")[0]
    first_seen = row.last_seen_at
    client.get("/")
    assert sessions_of("anna@test.se")[0].last_seen_at == first_seen  # no write per request
    lifetime = app.permanent_session_lifetime
    row = sessions_of("anna@test.se")[0]
    row.last_seen_at = utcnow() - lifetime + timedelta(minutes=5)
    commit()
    assert client.get("/").status_code == 200  # used within the lifetime: touched
    seen = sessions_of("anna@test.se")[0].last_seen_at
    assert seen.replace(tzinfo=seen.tzinfo or UTC) > utcnow() - timedelta(minutes=1)
    row = sessions_of("anna@test.se")[0]
    row.last_seen_at = utcnow() - lifetime - timedelta(minutes=1)
    commit()
    assert client.get("/").status_code == 302  # idle longer than the lifetime: gone
    # old rows are purged when someone logs in
    later = utcnow()
    user_sessions.start(user, FIREFOX, "10.0.0.1", now=later)
    commit()
    assert [s.address for s in sessions_of("anna@test.se")] == ["10.0.0.1"]


def test_device_names_are_short_and_recognisable():
    assert user_sessions.describe_device(FIREFOX) == "Firefox, Windows"
    assert user_sessions.describe_device(IPHONE) == "Safari, iPhone"
    edge = FIREFOX.replace("Gecko/20100101 Firefox/140.0", "Chrome/130.0 Safari/537.36 Edg/130.0")
    assert user_sessions.describe_device(edge) == "Edge, Windows"
    assert user_sessions.describe_device("curl/8.5.0") == "curl/8.5.0"
    assert user_sessions.describe_device("<script>" * 20) == "script" * 6 + "scri"


def test_a_session_ended_while_a_request_reads_it_is_simply_logged_out(app):
    """Another request ("Avsluta andra", a new password) may delete the row between reading
    it and noting its use: the request is then not logged in, with no error."""
    make_user("anna@test.se")
    commit()
    client = app.test_client()
    client.login("anna@test.se")
    row = sessions_of("anna@test.se")[0]
    row.last_seen_at = utcnow() - timedelta(minutes=10)  # due to be noted again
    commit()
    row = sessions_of("anna@test.se")[0]  # read, as the request's loader reads it
    db.session.execute(UserSession.__table__.delete())  # another request ended it meanwhile
    assert user_sessions.touch(row) is None
    db.session.rollback()
    row = sessions_of("anna@test.se")[0]
    assert user_sessions.touch(row) is True
