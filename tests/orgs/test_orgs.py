"""The organisation tree: services and pages."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from planner.extensions import db
from planner.orgs import services
from planner.orgs.models import Organisation
from tests.factories import commit, make_org, make_plan, make_user
from tests.html import field_error, page, table_rows, text


def test_subtree_and_cycles(app):
    region = make_org("Region A")
    admin = make_org("Förvaltning A", "forvaltning", region)
    unit = make_org("Enhet A", "enhet", admin)
    other = make_org("Kommun B", "kommun")
    assert set(services.subtree_ids(region.id)) == {region.id, admin.id, unit.id}
    assert services.subtree_ids(other.id) == [other.id]
    with pytest.raises(services.OrganisationError):
        services.update_organisation(region, "Region A", "region", unit)
    assert [o.name for o in unit.ancestors()] == ["Region A", "Förvaltning A"]
    assert [(d, o.name) for d, o in services.tree_rows()] == [
        (0, "Kommun B"),
        (0, "Region A"),
        (1, "Förvaltning A"),
        (2, "Enhet A"),
    ]


def test_org_page_lists_own_and_sub_organisation_plans(client, app):
    region = make_org("Region Nord")
    admin = make_org("Primärvården", "forvaltning", region)
    make_plan(region, title="Regionens plan")
    make_plan(admin, title="Primärvårdens plan", period_start=2026, period_end=2028)
    commit()
    response = client.get(f"/organisationer/{region.id}")
    assert [r[0] for r in table_rows(response, "egna planer")] == ["Regionens plan"]
    sub = table_rows(response, "Underorganisationernas planer")
    assert sub[0][:3] == ["Primärvårdens plan", "Primärvården", "2026–2028"]
    index = client.get("/")
    assert "Region Nord" in text(index) and "Primärvården" in text(index)


def test_create_and_edit_organisation(client, app):
    region = make_org("Region Syd")
    commit()
    response = client.post(
        "/organisationer/ny",
        data={"name": "  Akutsjukvården ", "kind": "forvaltning", "parent_id": str(region.id)},
        follow_redirects=True,
    )
    assert response.status_code == 200
    created = db.session.scalars(db.select(Organisation).filter_by(name="Akutsjukvården")).one()
    assert created.parent_id == region.id
    # the edit form does not offer the organisation itself or its subtree as parent
    form = page(client.get(f"/organisationer/{region.id}/redigera"))
    offered = [
        o.get("value") for o in form.find("select", {"name": "parent_id"}).find_all("option")
    ]
    assert str(region.id) not in offered and str(created.id) not in offered
    moved = client.post(
        f"/organisationer/{region.id}/redigera",
        data={"name": "Region Syd", "kind": "region", "parent_id": str(created.id)},
    )
    assert moved.status_code == 200 and field_error(moved, "parent_id")
    assert db.session.get(Organisation, region.id).parent_id is None


def test_invalid_organisation_input(client, app):
    for data in (
        {"name": "", "kind": "region", "parent_id": ""},
        {"name": "X" * 500, "kind": "region", "parent_id": ""},
        {"name": "Ok", "kind": "planet", "parent_id": ""},
        {"name": "Ok", "kind": "region", "parent_id": "99999"},
        {"name": "Ok", "kind": "region", "parent_id": "abc"},
    ):
        response = client.post("/organisationer/ny", data=data)
        assert response.status_code == 200, data
        assert page(response).find(class_="error"), data
    assert db.session.scalars(db.select(Organisation)).all() == []


def test_moving_an_organisation_moves_who_may_see_it_at_the_next_request(app, anonymous):
    """Each role's subtree is read with the session at every request: a unit moved to another
    region is visible to that region's readers at once, and no longer to the old region's."""
    old, new = make_org("Region Förut"), make_org("Region Sedan")
    unit = make_org("Enhet Flyttad", "enhet", parent=old)
    make_user("lasare@test.se", "lasare", new)
    plan = make_plan(unit)
    commit()
    anonymous.login("lasare@test.se")
    assert anonymous.get(f"/planer/{plan.id}/resultat").status_code == 404
    db.session.execute(
        update(Organisation).where(Organisation.id == unit.id).values(parent_id=new.id)
    )
    commit()
    assert anonymous.get(f"/planer/{plan.id}/resultat").status_code == 200
    db.session.execute(
        update(Organisation).where(Organisation.id == unit.id).values(parent_id=old.id)
    )
    commit()
    assert anonymous.get(f"/planer/{plan.id}/resultat").status_code == 404
