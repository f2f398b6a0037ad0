"""Who may be responsible for a plan's activities: one rule for the activity form and the
import (planner/plans/responsible.py). The plan's own subtree; partners outside it only in a
separate, labelled group: organisations in their own right (top of a tree), those the user
can see and those the plan already works with. A unit inside someone else's tree is not
offered, named or accepted."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from planner.auth.services import add_membership
from planner.extensions import db
from planner.plans.models import Activity
from tests.factories import area_id, commit, days, make_activity, make_org, make_plan, make_user
from tests.html import page
from tests.transfer.helpers import confirm, results, rows, upload, xlsx_bytes


@pytest.fixture
def setting(app):
    region = make_org("Region Norr")
    hospital = make_org("Sjukhuset i Norr", "forvaltning", region)
    kommun = make_org("Åsby kommun", "kommun")
    south = make_org("Region Söder")
    stranger = make_org("Akuten i Söder", "enhet", south)
    editor = make_user("redaktor@norr.se", "redaktor", region)
    add_membership(editor, kommun, "lasare")  # the editor can see the municipality
    plan = make_plan(region)
    commit()
    client = app.test_client()
    client.login("redaktor@norr.se")
    ids = {"region": region.id, "hospital": hospital.id, "kommun": kommun.id}
    return client, plan.id, ids | {"stranger": stranger.id}


def checkbox_groups(response) -> tuple[list[str], list[str]]:
    """(the plan's own organisations, the partners) as the form labels them."""
    outer = page(response).find("input", {"name": "organisation_ids"}).find_parent("fieldset")
    partners = outer.find("fieldset", class_="partners")
    assert partners.legend.get_text(strip=True) == "Samarbetspartner utanför organisationen"
    partner_labels = [label.get_text(strip=True) for label in partners.find_all("label")]
    partners.extract()
    return [label.get_text(strip=True) for label in outer.find_all("label")], partner_labels


def test_the_form_offers_the_subtree_and_visible_partners_only(setting):
    client, plan_id, _ids = setting
    response = client.get(f"/planer/{plan_id}/aktiviteter/ny")
    own, partners = checkbox_groups(response)
    assert own == ["Region Norr", "Sjukhuset i Norr"]
    assert partners == ["Region Söder", "Åsby kommun"]
    assert "Akuten i Söder" not in response.get_data(as_text=True)


def form_data(plan_id: int, organisation_ids: list[int], title: str) -> dict:
    from planner.plans.models import Plan

    plan = db.session.get(Plan, plan_id)
    return {
        "title": title,
        "area_id": str(area_id(plan, "G1")),
        "organisation_ids": [str(i) for i in organisation_ids],
        "due_date": days(30).isoformat(),
        "status": "ej_paborjad",
        "percent": "0",
    }


def titles() -> list[str]:
    return list(db.session.scalars(select(Activity.title).order_by(Activity.title)))


def test_the_form_accepts_a_partner_and_refuses_an_organisation_it_did_not_offer(setting):
    client, plan_id, ids = setting
    joint = form_data(plan_id, [ids["region"], ids["kommun"]], "Gemensam hemgång")
    response = client.post(f"/planer/{plan_id}/aktiviteter/ny", data=joint)
    assert response.status_code == 302
    refused = form_data(plan_id, [ids["region"], ids["stranger"]], "Med en främling")
    response = client.post(f"/planer/{plan_id}/aktiviteter/ny", data=refused)
    assert response.status_code == 200
    assert page(response).find(id="organisation_ids-error") is not None
    assert titles() == ["Gemensam hemgång"]


def test_a_partner_the_plan_already_works_with_stays_selectable(setting):
    client, plan_id, ids = setting
    from planner.plans.models import Plan

    # Made by someone who could see the unit (a system administrator, say).
    activity = make_activity(
        db.session.get(Plan, plan_id), organisation_ids=[ids["region"], ids["stranger"]]
    )
    commit()
    response = client.get(f"/aktiviteter/{activity.id}/redigera")
    _own, partners = checkbox_groups(response)
    assert partners == ["Region Söder", "Akuten i Söder", "Åsby kommun"]
    checked = page(response).find(
        "input", {"name": "organisation_ids", "value": str(ids["stranger"])}
    )
    assert checked.has_attr("checked")


def test_the_import_accepts_the_same_set(setting):
    client, plan_id, _ids = setting
    data = xlsx_bytes(
        [
            ["Område", "Aktivitet", "Slutdatum", "Organisationer"],
            ["G1", "Inom trädet", "2026-05-01", "Sjukhuset i Norr"],
            ["G1", "Med kommunen", "2026-05-01", "Region Norr; Åsby kommun"],
            ["G1", "Med en främling", "2026-05-01", "Region Norr; Akuten i Söder"],
        ]
    )
    preview = upload(client, plan_id, data)
    assert results(preview) == ["Ny", "Ny", "Fel"]
    assert any("okänd organisation 'Akuten i Söder'" in cell for cell in rows(preview)[2])
    # Without the refused row the file is saved, the partner included.
    data = xlsx_bytes(
        [
            ["Område", "Aktivitet", "Slutdatum", "Organisationer"],
            ["G1", "Med kommunen", "2026-05-01", "Region Norr; Åsby kommun"],
        ]
    )
    assert confirm(client, plan_id, upload(client, plan_id, data)).status_code == 302
    saved = db.session.scalar(select(Activity).where(Activity.title == "Med kommunen"))
    assert sorted(o.name for o in saved.organisations) == ["Region Norr", "Åsby kommun"]
