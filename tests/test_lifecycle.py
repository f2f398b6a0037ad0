"""A request's life: what a failed request wrote is rolled back at teardown, and every committed
change leaves one line in the operations log (who, what, which ids)."""

from __future__ import annotations

import logging

import pytest
from flask import abort
from flask.testing import FlaskClient
from sqlalchemy import select

from planner.auth.session import public
from planner.extensions import db
from planner.orgs.models import Organisation
from planner.orgs.services import create_organisation
from tests.factories import commit, make_org

OPERATIONS = "planner.operations"


def _names() -> set[str]:
    return set(db.session.scalars(select(Organisation.name)))


@pytest.mark.parametrize("failure", ["exception", "abort"])
def test_a_failed_request_leaves_nothing_half_written_for_the_next_one(app, failure):
    @app.post("/_halvvags")
    @public
    def half_way():
        create_organisation("Halvvägs", "region")  # flushed, never committed
        if failure == "abort":
            abort(409)  # handled by the error page: teardown sees no exception
        raise RuntimeError("after the flush")

    @app.post("/_hel")
    @public
    def whole():
        create_organisation("Hel", "region")
        db.session.commit()
        return "ok"

    # A plain client: its requests share the test's app context and so one database session,
    # as requests served one after another by one worker thread would without the guard.
    client = FlaskClient(app)
    if failure == "abort":
        assert client.post("/_halvvags").status_code == 409
    else:
        with pytest.raises(RuntimeError):
            client.post("/_halvvags")
    assert client.post("/_hel").status_code == 200
    assert _names() == {"Hel"}


def test_committed_changes_are_logged_with_who_what_and_which_id(app, client, caplog):
    from planner.auth.models import User

    admin = db.session.scalars(select(User)).one()
    with caplog.at_level(logging.INFO, logger=OPERATIONS):
        created = client.post(
            "/organisationer/ny", data={"name": "Region Loggad", "kind": "region"}
        )
        org = db.session.scalars(select(Organisation)).one()
        client.post(
            f"/organisationer/{org.id}/redigera", data={"name": "Region Omdöpt", "kind": "region"}
        )
        refused = client.post("/organisationer/ny", data={"name": "  ", "kind": "region"})
    assert created.status_code == 302 and refused.status_code == 200
    lines = [r.getMessage() for r in caplog.records if r.name == OPERATIONS]
    assert lines == [
        f"create Organisation {org.id} by user {admin.id}",
        f"update Organisation {org.id} by user {admin.id}",
    ]
    assert all(r.levelno == logging.INFO for r in caplog.records if r.name == OPERATIONS)


def test_only_what_is_committed_is_logged(app, caplog):
    with caplog.at_level(logging.INFO, logger=OPERATIONS):
        make_org("Ångrad")
        db.session.rollback()
        try:
            with db.session.begin_nested():
                make_org("Bara i sparpunkten")
                raise LookupError
        except LookupError:
            pass
        kept = make_org("Kvar")
        commit()
    lines = [r.getMessage() for r in caplog.records if r.name == OPERATIONS]
    assert lines == [f"create Organisation {kept.id} by 'system'"]
    assert _names() == {"Kvar"}


def test_a_bulk_change_is_one_line_per_kind(app, caplog):
    with caplog.at_level(logging.INFO, logger=OPERATIONS):
        orgs = [make_org(f"Enhet {n:02d}") for n in range(25)]
        commit()
    [line] = [r.getMessage() for r in caplog.records if r.name == OPERATIONS]
    first = ", ".join(str(o.id) for o in orgs[:20])
    assert line == f"create Organisation {first} … (25 in all) by 'system'"
