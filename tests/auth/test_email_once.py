"""An e-mail address belongs to one account, whatever its case: every way an account is
made stores it lower-case, and the database's unique constraint refuses a second one (the
parallel web requests are in tests/e2e/test_double_submit.py)."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from planner.auth.models import User
from planner.auth.services import AccountError, create_user, user_by_email
from planner.extensions import db


def test_the_same_address_in_another_case_is_the_same_account(app):
    first = create_user("Åsa.Lind@Region.SE", "Åsa Lind", "ett långt lösenord")
    assert first.email == "åsa.lind@region.se"
    assert user_by_email("ÅSA.LIND@region.se") is first
    with pytest.raises(AccountError):
        create_user("åsa.lind@region.se", "Åsa igen", "ett långt lösenord")


def test_the_database_refuses_a_second_account_with_the_address(app):
    create_user("per@region.se", "Per", "ett långt lösenord")
    db.session.commit()
    db.session.add(User(email="per@region.se", name="Per 2", password_hash="x"))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
