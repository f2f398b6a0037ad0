"""Passwords are hashed at production cost unless a test says otherwise, and a password hashed
at another cost is rehashed at the app's own on the next login.

Every other test runs with PLANNER_PASSWORD_HASH=cheapest (tests/conftest.py): this is the one
place the production parameters are checked."""

from __future__ import annotations

from argon2 import PasswordHasher, extract_parameters, profiles
from sqlalchemy import select

from planner.auth.models import User
from planner.extensions import db
from tests.conftest import app_config, app_on_empty_database
from tests.factories import PASSWORD, commit, make_user


def stored_hash(email: str) -> str:
    db.session.expire_all()
    return db.session.scalars(select(User.password_hash).where(User.email == email)).one()


def test_production_cost_is_the_default_and_a_cheap_hash_is_raised_on_login(tmp_path, monkeypatch):
    monkeypatch.delenv("PLANNER_PASSWORD_HASH", raising=False)
    with app_on_empty_database(app_config(tmp_path)) as app:
        assert app.config["PASSWORD_HASH"] == "argon2id"
        user = make_user("anna@test.se")
        commit()
        assert extract_parameters(user.password_hash) == profiles.RFC_9106_LOW_MEMORY

        # As left by a test set-up or an older, cheaper setting.
        cheap = PasswordHasher.from_parameters(profiles.CHEAPEST).hash(PASSWORD)
        user.password_hash = cheap
        commit()
        app.test_client().login("anna@test.se")

        raised = stored_hash("anna@test.se")
        assert raised != cheap
        assert extract_parameters(raised) == profiles.RFC_9106_LOW_MEMORY
        app.test_client().login("anna@test.se")  # the new hash verifies


def test_the_suite_itself_hashes_cheaply(app):
    user = make_user("bo@test.se")
    assert extract_parameters(user.password_hash) == profiles.CHEAPEST
