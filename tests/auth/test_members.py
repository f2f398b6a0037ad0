"""Organisation administrators manage members in their subtree, and only there."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest

from planner.auth import services
from planner.auth.models import Invitation, Membership, UserSession
from planner.clock import local_today
from planner.extensions import db
from planner.models import utcnow
from tests.factories import PASSWORD, commit, make_org, make_plan, make_user
from tests.html import field_error, table_rows, text


def today() -> str:
    return local_today().isoformat()


def test_admin_adds_changes_and_removes_members_in_subtree(app, anonymous):
    region = make_org("Region Admin")
    unit = make_org("Förvaltning Under", "forvaltning", region)
    other = make_org("Annan region")
    make_plan(unit, title="Förvaltningens plan")
    make_user("chef@test.se", "administrator", region)
    newcomer = make_user("ny@test.se")
    make_user("extern@test.se", "redaktor", other)
    commit()
    client = anonymous
    client.login("chef@test.se")
    response = client.post(
        f"/organisationer/{region.id}/medlemmar",
        data={"email": "ny@test.se", "organisation_id": unit.id, "role": "redaktor"},
        follow_redirects=True,
    )
    assert table_rows(response, "Inbjudningar") == [
        [
            "ny@test.se",
            "Förvaltning Under",
            "Redaktör",
            today(),
            "Ta tillbaka inbjudan till ny@test.se",
        ]
    ]
    app.test_client().login("ny@test.se")  # the invitation becomes a membership
    membership = db.session.scalars(db.select(Membership).filter_by(user_id=newcomer.id)).one()
    assert (membership.organisation_id, membership.role) == (unit.id, "redaktor")
    client.post(f"/medlemskap/{membership.id}/roll", data={"role": "lasare"})
    db.session.expire_all()
    assert db.session.get(Membership, membership.id).role == "lasare"
    # an organisation outside the subtree is not offered and not accepted
    outside = client.post(
        f"/organisationer/{region.id}/medlemmar",
        data={"email": "ny@test.se", "organisation_id": other.id, "role": "lasare"},
    )
    assert outside.status_code == 200 and field_error(outside, "organisation_id")
    assert client.get(f"/organisationer/{other.id}/medlemmar").status_code == 404
    membership_id = membership.id
    client.post(f"/medlemskap/{membership_id}/ta-bort")
    db.session.expire_all()
    assert db.session.get(Membership, membership_id) is None


def test_membership_changes_are_in_the_history(app, anonymous):
    region = make_org("Region H")
    make_user("chef@test.se", "administrator", region)
    make_user("ny@test.se")
    commit()
    anonymous.login("chef@test.se")
    anonymous.post(
        f"/organisationer/{region.id}/medlemmar",
        data={"email": "ny@test.se", "organisation_id": region.id, "role": "lasare"},
    )
    app.test_client().login("ny@test.se")
    from planner.audit.history import history

    lines = history(organisation_id=region.id)
    done = {(line.event.entity_type, line.event.action, line.event.actor_name) for line in lines}
    assert ("Invitation", "create", "Chef") in done
    assert ("Membership", "create", "Ny") in done  # the person accepted when logging in
    assert ("Invitation", "delete", "Ny") in done


def test_the_form_does_not_tell_whether_an_address_has_an_account(app, anonymous):
    first, second = make_org("Region Ett"), make_org("Region Två")
    make_user("chef@test.se", "administrator", first)
    services.add_membership(services.user_by_email("chef@test.se"), second, "administrator")
    make_user("finns@test.se")
    commit()
    anonymous.login("chef@test.se")

    def add(region, email: str) -> tuple[int, str]:
        url = f"/organisationer/{region.id}/medlemmar"
        data = {"email": email, "organisation_id": region.id, "role": "lasare"}
        response = anonymous.post(url, data=data)
        shown = text(anonymous.get(url))
        return response.status_code, shown.replace(email, "ADRESS").replace(region.name, "ORG")

    known, unknown = add(first, "finns@test.se"), add(second, "saknas@test.se")
    assert known == unknown  # the same answer and the same page, word for word
    assert known[0] == 302 and "ADRESS är inbjuden" in known[1]
    # twice is refused, for both alike
    for region, email in ((first, "finns@test.se"), (second, "saknas@test.se")):
        again = anonymous.post(
            f"/organisationer/{region.id}/medlemmar",
            data={"email": email, "organisation_id": region.id, "role": "lasare"},
        )
        assert field_error(again, "email") == "Adressen är redan inbjuden hit."


def test_an_invitation_waits_for_an_account_and_can_be_withdrawn(app, anonymous):
    region = make_org("Region Väntan")
    make_user("chef@test.se", "administrator", region)
    commit()
    anonymous.login("chef@test.se")
    for email in ("senare@test.se", "angrad@test.se"):
        anonymous.post(
            f"/organisationer/{region.id}/medlemmar",
            data={"email": email, "organisation_id": region.id, "role": "redaktor"},
        )
    withdrawn = db.session.scalars(db.select(Invitation).filter_by(email="angrad@test.se")).one()
    assert anonymous.post(f"/inbjudningar/{withdrawn.id}/ta-bort").status_code == 302
    services.create_user("Senare@test.se", "Senare", PASSWORD)
    services.create_user("angrad@test.se", "Ångrad", PASSWORD)
    commit()
    app.test_client().login("senare@test.se")
    app.test_client().login("angrad@test.se")
    db.session.expire_all()
    assert [(m.user.email, m.role) for m in region_memberships(region.id)] == [
        ("chef@test.se", "administrator"),
        ("senare@test.se", "redaktor"),
    ]
    assert db.session.scalars(db.select(Invitation)).all() == []


def test_an_invitation_accepted_during_a_session_grants_its_role_in_that_request(app, anonymous):
    """A logged-in reader invited to a second region sees its plans at the next request that
    touches the session, without logging in again."""
    first, second = make_org("Region Först"), make_org("Region Andra")
    make_user("lasare@test.se", "lasare", first)
    plan = make_plan(second)
    commit()
    anonymous.login("lasare@test.se")
    assert anonymous.get(f"/planer/{plan.id}/resultat").status_code == 404
    db.session.add(Invitation(email="lasare@test.se", organisation=second, role="lasare"))
    earlier = utcnow() - timedelta(minutes=5)  # the session is touched, invitations accepted
    db.session.execute(db.update(UserSession).values(last_seen_at=earlier))
    commit()
    assert anonymous.get(f"/planer/{plan.id}/resultat").status_code == 200


def region_memberships(org_id: int) -> list[Membership]:
    return list(
        db.session.scalars(
            db.select(Membership).filter_by(organisation_id=org_id).order_by(Membership.id)
        )
    )


@pytest.fixture
def race_app(tmp_path):
    """An app on a database file, so parallel requests really meet in the database."""
    from planner import create_app
    from tests.conftest import IsolatedClient, app_config

    url = os.environ.get("PLANNER_TEST_DATABASE_URL") or f"sqlite:///{tmp_path}/race.db"
    app = create_app(app_config(tmp_path, SQLALCHEMY_DATABASE_URI=url))
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.drop_all()
        db.create_all()
        yield app
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def logged_in(app, email: str, n: int = 8) -> list:
    clients = [app.test_client() for _ in range(n)]
    for client in clients:
        client.login(email)
    return clients


def at_once(clients, request) -> list[int]:
    with ThreadPoolExecutor(len(clients)) as pool:
        return list(pool.map(lambda client: request(client).status_code, clients))


def test_parallel_identical_invitations_give_one_invitation_and_no_500(race_app):
    region = make_org("Region Samtidig")
    make_user("chef@test.se", "administrator", region)
    commit()
    clients = logged_in(race_app, "chef@test.se")
    url = f"/organisationer/{region.id}/medlemmar"
    data = {"email": "ny@test.se", "organisation_id": region.id, "role": "lasare"}
    statuses = at_once(clients, lambda client: client.post(url, data=data))
    assert all(status < 500 for status in statuses) and 302 in statuses, statuses
    assert len(db.session.scalars(db.select(Invitation)).all()) == 1


def test_parallel_requests_accepting_one_invitation_give_one_membership_and_no_500(race_app):
    region = make_org("Region Samtidig")
    make_user("ny@test.se")
    commit()
    clients = logged_in(race_app, "ny@test.se")
    services.invite("ny@test.se", region, "redaktor")
    # every session is due to note its use, and with it accept the invitation
    db.session.execute(db.update(UserSession).values(last_seen_at=utcnow() - timedelta(minutes=2)))
    commit()
    assert at_once(clients, lambda client: client.get("/")) == [200] * 8
    db.session.expire_all()
    assert [m.role for m in db.session.scalars(db.select(Membership))] == ["redaktor"]
