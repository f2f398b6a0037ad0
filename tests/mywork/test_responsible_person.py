"""An activity's responsible person picked from the members who can see the plan (or typed for
someone without an account), and a wheel event's owner picked from the organisation's members:
both linked to the account My work goes by."""

from __future__ import annotations

from sqlalchemy import select

from planner.audit.models import AuditEvent
from planner.auth.services import set_active
from planner.extensions import db
from planner.plans import services
from planner.plans.models import Activity
from planner.wheel.models import WheelEvent
from tests.factories import commit, days, make_activity, make_org, make_plan, make_user
from tests.html import field_error, page
from tests.plans.test_pages import activity_form


def _world():
    region = make_org("Region Val")
    unit = make_org("Enheten", "enhet", region)
    other = make_org("Annan region")
    plan = make_plan(region)
    anna = make_user("anna@test.se", "redaktor", region, name="Anna Ek")
    bo = make_user("bo@test.se", "lasare", region, name="Bo Berg")
    make_user("unit@test.se", "redaktor", unit, name="Enhetens")  # cannot see the plan
    make_user("other@test.se", "redaktor", other, name="Annans")
    gone = make_user("gone@test.se", "lasare", region, name="Slutat")
    set_active(gone, False)
    commit()
    return region, plan, anna, bo


def _choices(response, name: str) -> list[str]:
    return [
        o.get_text(strip=True)
        for o in page(response).find("select", {"name": name}).find_all("option")
    ]


def _saved(title: str) -> Activity:
    db.session.expire_all()
    return db.session.scalars(select(Activity).where(Activity.title == title)).one()


def test_the_members_who_can_see_the_plan_are_offered(app, client):
    _region, plan, _anna, _bo = _world()
    response = client.get(f"/planer/{plan.id}/aktiviteter/ny")
    assert _choices(response, "responsible_user_id") == [
        "Annan person (skriv namn och e-post nedan)",
        "Anna Ek (anna@test.se)",
        "Bo Berg (bo@test.se)",
    ]


def test_picking_a_member_links_the_account_and_fills_name_and_email(app, client):
    _region, plan, anna, _bo = _world()
    data = activity_form(
        plan,
        title="Vald",
        responsible_user_id=str(anna.id),
        responsible_name="",
        responsible_email="",
    )
    assert client.post(f"/planer/{plan.id}/aktiviteter/ny", data=data).status_code == 302
    activity = _saved("Vald")
    assert activity.responsible_user_id == anna.id
    assert (activity.responsible_name, activity.responsible_email) == ("Anna Ek", "anna@test.se")
    assert activity.responsible_role == "Chefsjuksköterska"  # still typed
    form = client.get(f"/aktiviteter/{activity.id}/redigera")
    chosen = (
        page(form).find("select", {"name": "responsible_user_id"}).find("option", selected=True)
    )
    assert chosen["value"] == str(anna.id)


def test_a_typed_email_of_a_member_links_the_account_in_any_case(app, client):
    _region, plan, anna, _bo = _world()
    data = activity_form(
        plan, title="Skriven", responsible_name="Anna", responsible_email="ANNA@test.se"
    )
    client.post(f"/planer/{plan.id}/aktiviteter/ny", data=data)
    activity = _saved("Skriven")
    assert activity.responsible_user_id == anna.id
    assert activity.responsible_name == "Anna"  # what was typed is kept
    # someone without an account stays a typed person
    data = activity_form(plan, title="Extern", responsible_email="extern@exempel.se")
    client.post(f"/planer/{plan.id}/aktiviteter/ny", data=data)
    assert _saved("Extern").responsible_user_id is None
    # a member of a unit below cannot see the plan: not linked
    data = activity_form(plan, title="Enhet", responsible_email="unit@test.se")
    client.post(f"/planer/{plan.id}/aktiviteter/ny", data=data)
    assert _saved("Enhet").responsible_user_id is None


def test_a_member_picked_with_someone_elses_email_is_refused(app, client):
    _region, plan, anna, _bo = _world()
    data = activity_form(
        plan, title="Oklar", responsible_user_id=str(anna.id), responsible_email="karin@exempel.se"
    )
    response = client.post(f"/planer/{plan.id}/aktiviteter/ny", data=data)
    assert response.status_code == 200
    assert "hör inte till den valda medlemmen" in field_error(response, "responsible_email")
    assert db.session.scalars(select(Activity)).all() == []
    # someone who may not be picked (tampered form) is refused by the form
    data = activity_form(plan, title="Oklar", responsible_user_id="99999")
    response = client.post(f"/planer/{plan.id}/aktiviteter/ny", data=data)
    assert field_error(response, "responsible_user_id")
    assert db.session.scalars(select(Activity)).all() == []


def test_switching_member_while_the_old_email_is_still_in_the_field(app, client):
    _region, plan, anna, bo = _world()
    activity = make_activity(plan, title="Byte", due_date=days(10))
    services.update_activity(
        activity,
        services.ActivityData(
            title="Byte",
            area_id=activity.area_id,
            organisation_ids=[plan.organisation_id],
            due_date=days(10),
            responsible_user_id=anna.id,
        ),
    )
    commit()
    form = client.get(f"/aktiviteter/{activity.id}/redigera")
    data = {i["name"]: i.get("value", "") for i in page(form).select("form input") if i.get("name")}
    data.update(
        activity_form(plan, title="Byte", responsible_user_id=str(bo.id)),
        responsible_name="Anna Ek",
        responsible_email="anna@test.se",  # as the form showed it: only the choice changed
        version=data["version"],
    )
    assert client.post(f"/aktiviteter/{activity.id}/redigera", data=data).status_code == 302
    saved = _saved("Byte")
    assert (saved.responsible_user_id, saved.responsible_email) == (bo.id, "bo@test.se")
    assert saved.responsible_name == "Bo Berg"
    changes = db.session.scalars(
        select(AuditEvent.changes).where(AuditEvent.entity_type == "Activity")
    ).all()
    assert ["Anna Ek <anna@test.se>", "Bo Berg <bo@test.se>"] in [
        c.get("responsible_user") for c in changes
    ]


def test_a_wheel_events_owner_is_picked_from_the_members(app, client):
    region, _plan, anna, _bo = _world()
    response = client.get(f"/organisationer/{region.id}/arshjul/ny")
    assert _choices(response, "owner_user_id") == [
        "– Ingen vald –",
        "Anna Ek (anna@test.se)",
        "Bo Berg (bo@test.se)",
    ]
    data = {
        "title": "Rådet",
        "category": "mote",
        "start_date": days(5).isoformat(),
        "recurrence": "once",
        "all_day": "y",
        "owner_user_id": str(anna.id),
        "area_code": "",
        "plan_id": "",
    }
    assert client.post(f"/organisationer/{region.id}/arshjul/ny", data=data).status_code == 302
    event = db.session.scalars(select(WheelEvent)).one()
    assert event.owner_user_id == anna.id
    edit = page(client.get(f"/arshjul/{event.id}/redigera"))
    chosen = edit.find("select", {"name": "owner_user_id"}).find("option", selected=True)
    assert chosen["value"] == str(anna.id)
    data.update(owner_user_id="", version=edit.find("input", {"name": "version"})["value"])
    response = client.post(f"/arshjul/{event.id}/redigera", data=data)
    assert response.status_code == 302, page(response).select(".error, .error-summary")
    db.session.expire_all()
    assert db.session.get(WheelEvent, event.id).owner_user_id is None
    changes = db.session.scalars(
        select(AuditEvent.changes).where(AuditEvent.entity_type == "WheelEvent")
    ).all()
    assert ["Anna Ek <anna@test.se>", None] in [c.get("owner") for c in changes]


def test_a_deleted_account_leaves_the_typed_person(app):
    _region, plan, anna, _bo = _world()
    activity = make_activity(plan, title="Kvar", responsible_email="anna@test.se")
    commit()
    assert activity.responsible_user_id == anna.id
    db.session.delete(anna)
    commit()
    db.session.expire_all()
    saved = _saved("Kvar")
    assert saved.responsible_user_id is None and saved.responsible_email == "anna@test.se"


def test_an_imported_email_of_a_member_links_the_account_and_round_trips(app, client):
    import io

    from openpyxl import load_workbook

    from tests.transfer.helpers import confirm, results, upload

    _region, plan, anna, _bo = _world()
    make_activity(plan, title="Importerad", due_date=days(20))
    commit()
    workbook = load_workbook(io.BytesIO(client.get(f"/planer/{plan.id}/aktiviteter.xlsx").data))
    sheet = workbook.active
    headers = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=headers.index("E-post") + 1, value="Anna@Test.se")
    out = io.BytesIO()
    workbook.save(out)
    preview = upload(client, plan.id, out.getvalue())
    assert results(preview) == ["Uppdateras"]
    assert confirm(client, plan.id, preview).status_code == 302
    assert _saved("Importerad").responsible_user_id == anna.id
    # exported and imported again: nothing changes, the link stays
    again = client.get(f"/planer/{plan.id}/aktiviteter.xlsx").data
    assert results(upload(client, plan.id, again)) == ["Oförändrad"]
    assert _saved("Importerad").responsible_user_id == anna.id
