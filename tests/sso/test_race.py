"""The same person's first login finishing in two tabs at once makes one account, and both tabs
are logged in to it (the one that loses the race finds what the other made)."""

from __future__ import annotations

import os
import threading

from sqlalchemy import func, select

from planner.auth.models import User
from planner.extensions import db
from planner.sso.models import OidcIdentity
from tests.conftest import app_config, app_on_empty_database
from tests.sso.conftest import local, oidc_config


def test_two_first_logins_at_once_make_one_account(tmp_path, idp):
    url = os.environ.get("PLANNER_TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'race.db'}"
    client_id, secret = idp.register()
    config = app_config(
        tmp_path, SQLALCHEMY_DATABASE_URI=url, **oidc_config(idp.url, client_id, secret)
    )
    with app_on_empty_database(config) as app:
        idp.set_person("tvilling", email="tvilling@region.se", email_verified=True)
        tabs = [app.test_client() for _ in range(2)]
        answers = [local(idp.authorize(t.get("/logga-in/sso").location, "tvilling")) for t in tabs]
        barrier, statuses = threading.Barrier(2), []

        def finish(tab, answer):
            barrier.wait()
            statuses.append(tab.get(answer).status_code)

        threads = [
            threading.Thread(target=finish, args=pair) for pair in zip(tabs, answers, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert statuses == [302, 302]
        assert db.session.scalar(select(func.count()).select_from(User)) == 1
        assert db.session.scalar(select(func.count()).select_from(OidcIdentity)) == 1
        assert all(tab.get("/utan-roll").status_code == 200 for tab in tabs)
