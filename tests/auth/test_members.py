"""Organisation administrators manage members in their subtree, and only there."""

from __future__ import annotations

from planner.auth.models import Membership
from planner.extensions import db
from tests.factories import commit, make_org, make_plan, make_user
from tests.html import field_error, text


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
    assert "Förvaltning Under" in text(response)
    membership = db.session.scalars(db.select(Membership).filter_by(user_id=newcomer.id)).one()
    assert (membership.organisation_id, membership.role) == (unit.id, "redaktor")
    client.post(f"/medlemskap/{membership.id}/roll", data={"role": "lasare"})
    db.session.expire_all()
    assert db.session.get(Membership, membership.id).role == "lasare"
    unknown = client.post(
        f"/organisationer/{region.id}/medlemmar",
        data={"email": "saknas@test.se", "organisation_id": region.id, "role": "lasare"},
    )
    assert "inget konto" in field_error(unknown, "email")
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
    from planner.audit.history import history

    lines = history(organisation_id=region.id)
    assert any(
        line.event.entity_type == "Membership"
        and line.event.actor_name == "Chef"
        and line.event.action == "create"
        for line in lines
    )
