"""Logging in and out, throttling that holds across processes, sessions, passwords, CLI."""

from __future__ import annotations

from planner import create_app
from planner.auth import services, throttling
from planner.auth.models import User
from planner.extensions import db
from tests.factories import PASSWORD, commit, make_plan, make_user
from tests.html import text


def test_login_logout_and_safe_next(anonymous, app):
    plan = make_plan()
    make_user("anna@test.se", "lasare", plan.organisation)
    commit()
    response = anonymous.get(f"/planer/{plan.id}")
    assert response.status_code == 302 and "/logga-in?next=" in response.headers["Location"]
    response = anonymous.post(
        f"/logga-in?next=/planer/{plan.id}", data={"email": "ANNA@test.se ", "password": PASSWORD}
    )
    assert response.headers["Location"] == f"/planer/{plan.id}"
    assert anonymous.get(f"/planer/{plan.id}").status_code == 200
    anonymous.post("/logga-ut")
    assert anonymous.get(f"/planer/{plan.id}").status_code == 302


def test_next_never_leaves_the_site(anonymous, app):
    make_user("anna@test.se")
    commit()
    response = anonymous.post(
        "/logga-in?next=https://evil.example/", data={"email": "anna@test.se", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/"


def test_failure_message_is_generic(anonymous, app):
    make_user("anna@test.se")
    commit()
    wrong_password = anonymous.post("/logga-in", data={"email": "anna@test.se", "password": "x"})
    unknown = anonymous.post("/logga-in", data={"email": "nobody@test.se", "password": "x"})
    for response in (wrong_password, unknown):
        assert response.status_code == 200
        assert "Fel e-postadress eller lösenord." in text(response)


def test_a_new_session_on_login(anonymous, app):
    make_user("anna@test.se")
    commit()
    anonymous.post("/sprak", data={"lang": "en"})
    with anonymous.session_transaction() as session:
        session["planted"] = "by an attacker"
    anonymous.login("anna@test.se")
    with anonymous.session_transaction() as session:
        assert "planted" not in session
        assert session["lang"] == "en"  # the visitor's own language choice survives


def test_throttling_holds_across_app_processes(tmp_path):
    """Two app instances (as two gunicorn workers) on one database share the counter."""
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    first = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "k",
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
        }
    )
    second = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "k",
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
        }
    )
    with first.app_context():
        db.create_all()
        make_user("anna@test.se")
        commit()
    for attempt in range(throttling.PAIR.failures):
        app = (first, second)[attempt % 2]
        app.test_client().post("/logga-in", data={"email": "anna@test.se", "password": "fel"})
    # locked now, even with the right password, on either process
    for app in (first, second):
        response = app.test_client().post(
            "/logga-in", data={"email": "anna@test.se", "password": PASSWORD}
        )
        assert response.status_code == 200
        assert "För många misslyckade försök" in text(response)
    with first.app_context():
        db.engine.dispose()
    with second.app_context():
        db.engine.dispose()


def test_change_password_ends_other_sessions(app):
    make_user("anna@test.se")
    commit()
    laptop, phone = app.test_client(), app.test_client()
    laptop.login("anna@test.se")
    phone.login("anna@test.se")
    response = laptop.post(
        "/konto/losenord",
        data={
            "current": PASSWORD,
            "new": "ett helt nytt lösenord",
            "repeat": "ett helt nytt lösenord",
        },
    )
    assert response.status_code == 302
    assert laptop.get("/").status_code == 200  # this session is kept
    assert phone.get("/").status_code == 302  # logged out
    wrong = laptop.post(
        "/konto/losenord", data={"current": "fel", "new": "kort", "repeat": "annat"}
    )
    assert "stämmer inte" in text(wrong) or "10–200" in text(wrong)


def test_cli_user_create_and_set_password(app):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["user", "create", "ny@test.se", "--name", "Ny Person", "--admin"],
        input="ett bra lösenord 1\nett bra lösenord 1\n",
    )
    assert result.exit_code == 0, result.output
    user = services.user_by_email("ny@test.se")
    assert user.is_system_admin and user.name == "Ny Person"
    assert user.password_hash.startswith("$argon2id$")
    result = runner.invoke(
        args=["user", "set-password", "ny@test.se"], input="ännu bättre lösen\nännu bättre lösen\n"
    )
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert services.authenticate("ny@test.se", "ännu bättre lösen", "1.2.3.4").user is not None
    missing = runner.invoke(
        args=["user", "set-password", "x@test.se"], input="a" * 12 + "\n" + "a" * 12 + "\n"
    )
    assert missing.exit_code != 0 and "Inget konto" in missing.output
    short = runner.invoke(args=["user", "create", "k@test.se"], input="kort\nkort\n")
    assert short.exit_code != 0 and "minst 10 tecken" in short.output
    assert db.session.query(User).count() == 1
