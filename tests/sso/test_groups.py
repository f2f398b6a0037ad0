"""Roles from the provider's groups: applied at every login, a group the person left takes away
the role it gave, and memberships administrators made by hand are never touched."""

from __future__ import annotations

from sqlalchemy import select

from planner.audit.models import AuditEvent
from planner.auth.models import ADMIN, EDITOR, READER, Membership, User
from planner.extensions import db
from planner.feeds import services as subscriptions
from planner.sso import groups
from planner.sso.models import GroupMapping
from tests.factories import commit, make_org, make_user
from tests.html import field_error, table_rows, text
from tests.sso.conftest import sso_login


def _roles(email: str) -> dict[str, tuple[str, bool]]:
    db.session.expire_all()
    user = db.session.scalars(select(User).where(User.email == email)).one()
    return {m.organisation.name: (m.role, m.from_group) for m in user.memberships}


def test_groups_grant_and_remove_roles_at_every_login(browser, idp):
    region = make_org("Region Mitt")
    unit = make_org("Akutkliniken", "forvaltning", region)
    other = make_org("Annan kommun", "kommun")
    groups.add_mapping("psl-redaktorer", region, EDITOR)
    groups.add_mapping("psl-lasare", unit, READER)
    groups.add_mapping("akut-admin", unit, ADMIN)
    person = make_user("eva@region.se", READER, other)  # made by hand: stays whatever happens
    commit()
    claims = {"email": "eva@region.se", "email_verified": True, "name": "Eva"}

    idp.set_person("eva", **claims, groups=["psl-redaktorer", "psl-lasare", "akut-admin", "x"])
    sso_login(browser, idp, "eva")
    assert _roles("eva@region.se") == {
        "Region Mitt": (EDITOR, True),
        "Akutkliniken": (ADMIN, True),  # the highest of the groups' roles there
        "Annan kommun": (READER, False),
    }
    assert browser.get(f"/organisationer/{region.id}/medlemmar").status_code == 403
    assert browser.get(f"/organisationer/{unit.id}/medlemmar").status_code == 200
    subscription, _ = subscriptions.create_subscription(unit, "Min", person.id)
    commit()

    browser.post("/logga-ut")
    idp.set_person("eva", **claims, groups=["psl-lasare"])
    sso_login(browser, idp, "eva")
    assert _roles("eva@region.se") == {
        "Akutkliniken": (READER, True),
        "Annan kommun": (READER, False),
    }
    assert browser.get(f"/organisationer/{region.id}").status_code == 404

    browser.post("/logga-ut")
    idp.set_person("eva", **claims)  # no groups claim at all: in no group
    sso_login(browser, idp, "eva")
    assert _roles("eva@region.se") == {"Annan kommun": (READER, False)}
    db.session.refresh(subscription)
    assert subscription.revoked_at is not None  # as when an administrator removes a member
    actors = {e.actor_name for e in db.session.scalars(select(AuditEvent)) if e.actor_name}
    assert "sso" in actors  # the history says the mapping did it


def test_a_role_changed_by_hand_is_no_longer_the_mappings(browser, idp, admin):
    region = make_org("Region Väst")
    groups.add_mapping("g", region, READER)
    commit()
    claims = {"email": "per@region.se", "email_verified": True}
    idp.set_person("per", **claims, groups=["g"])
    sso_login(browser, idp, "per")
    membership = db.session.scalars(select(Membership)).one()
    members = admin.get(f"/organisationer/{region.id}/medlemmar")
    assert "Från inloggningsgrupp" in text(members)
    admin.post(f"/medlemskap/{membership.id}/roll", data={"role": EDITOR})
    browser.post("/logga-ut")
    idp.set_person("per", **claims)
    sso_login(browser, idp, "per")
    assert _roles("per@region.se") == {"Region Väst": (EDITOR, False)}


def test_system_administrators_edit_the_mapping_on_the_web(client):
    """(Single sign-on need not be on yet: the mapping can be prepared first.)"""
    region = make_org("Region Öst")
    commit()
    page = client.get("/inloggningsgrupper")
    assert page.status_code == 200
    assert "Inloggning via organisationens konto är inte inställd" in text(page)
    data = {"group_name": " psl-<b>red</b> ", "organisation_id": region.id, "role": EDITOR}
    answer = client.post("/inloggningsgrupper", data=data)
    assert answer.status_code == 302
    rows = table_rows(client.get("/inloggningsgrupper"), "Kopplingar")
    assert rows[0][:3] == ["psl-<b>red</b>", "Region Öst", "Redaktör"]  # text, not markup
    again = client.post("/inloggningsgrupper", data=data)
    assert "ger redan en roll i den organisationen" in field_error(again, "group_name")
    empty = client.post("/inloggningsgrupper", data={**data, "group_name": "  "})
    assert field_error(empty, "group_name")
    mapping = db.session.scalars(select(GroupMapping)).one()
    client.post(f"/inloggningsgrupper/{mapping.id}/ta-bort")
    assert db.session.scalars(select(GroupMapping)).all() == []
    assert client.post(f"/inloggningsgrupper/{mapping.id}/ta-bort").status_code == 404


def test_groups_too_many_for_the_token_leave_the_roles_as_they_are(browser, idp, caplog):
    region = make_org("Region Nord")
    groups.add_mapping("g", region, EDITOR)
    commit()
    claims = {"email": "ulf@region.se", "email_verified": True}
    idp.set_person("ulf", **claims, groups=["g"])
    sso_login(browser, idp, "ulf")
    browser.post("/logga-ut")
    # Entra ID's "overage": no groups claim, a pointer to Microsoft Graph instead.
    overage = {"_claim_names": {"groups": "src1"}, "_claim_sources": {"src1": {"endpoint": "x"}}}
    idp.set_person("ulf", **claims, **overage)
    sso_login(browser, idp, "ulf")
    assert _roles("ulf@region.se") == {"Region Nord": (EDITOR, True)}
    assert "overage" in caplog.text
