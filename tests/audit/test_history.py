"""Every change a user makes through the web is in the history, in plain Swedish."""

from __future__ import annotations

from planner.audit.models import AuditEvent
from planner.extensions import db
from tests.factories import area_id, commit, days, make_org, make_plan, make_user
from tests.html import page


def history_items(response, heading_id: str) -> list[str]:
    heading = page(response).find(id=heading_id)
    listing = heading.find_next("ol", class_="audit")
    return [" ".join(li.get_text(" ").split()) for li in listing.find_all("li", recursive=False)]


def test_history_shows_who_changed_what(app, anonymous):
    region = make_org("Region Historik")
    kommun = make_org("Historiks kommun", "kommun")
    plan = make_plan(region)
    make_user("karin@test.se", "redaktor", region, name="Karin Ek")
    commit()
    client = anonymous
    client.login("karin@test.se")
    form = {
        "title": "Införa NEWS2",
        "area_id": area_id(plan, "F3"),
        "goal_id": "",
        "organisation_ids": [region.id],
        "due_date": days(30).isoformat(),
        "status": "ej_paborjad",
        "percent": "0",
    }
    client.post(f"/planer/{plan.id}/aktiviteter/ny", data=form)
    activity_id = db.session.scalar(
        db.select(AuditEvent.activity_id).where(AuditEvent.entity_type == "Activity")
    )
    form.update(due_date=days(45).isoformat(), organisation_ids=[region.id, kommun.id], version="1")
    client.post(f"/aktiviteter/{activity_id}/redigera", data=form)
    client.post(
        f"/aktiviteter/{activity_id}/framsteg",
        data={"date": days(0).isoformat(), "status": "pagar", "percent": "25", "comment": "Start"},
    )
    response = client.get(f"/aktiviteter/{activity_id}")
    items = history_items(response, "andringar")
    # newest first: the progress entry, the change of state, the edit, the creation
    assert any("Karin Ek skapade framstegsposten" in i for i in items[:2])
    assert any(
        "Karin Ek ändrade aktiviteten Införa NEWS2" in i
        and f"Slutdatum: {days(30).isoformat()} → {days(45).isoformat()}" in i
        and "Ansvariga organisationer: Region Historik → Historiks kommun + Region Historik" in i
        for i in items
    )
    assert any("Status: Ej påbörjad → Pågår" in i for i in items)
    assert "Karin Ek skapade aktiviteten Införa NEWS2" in items[-1]
    plan_items = history_items(client.get(f"/planer/{plan.id}/historik"), "historik")
    assert len(plan_items) >= 4


def test_deletes_are_recorded_with_what_was_deleted(app, client):
    plan = make_plan()
    commit()
    client.post(
        f"/planer/{plan.id}/mal/ny", data={"area_id": area_id(plan, "G2"), "title": "Tillfälligt"}
    )
    goal_id = db.session.scalar(
        db.select(AuditEvent.entity_id).where(AuditEvent.entity_type == "Goal")
    )
    client.post(f"/mal/{goal_id}/ta-bort", data={"bekrafta": "ja"})
    events = db.session.scalars(
        db.select(AuditEvent).where(AuditEvent.entity_type == "Goal").order_by(AuditEvent.id)
    ).all()
    assert [e.action for e in events] == ["create", "delete"]
    assert events[1].changes["title"] == ["Tillfälligt", None]
    items = history_items(client.get(f"/planer/{plan.id}/historik"), "historik")
    assert "tog bort målet Tillfälligt" in items[0]


def test_user_text_in_history_is_escaped(app, client):
    plan = make_plan()
    commit()
    client.post(
        f"/planer/{plan.id}/omraden/G1/redigera",
        data={"local_description": "<script>alert(1)</script>", "version": "1"},
    )
    response = client.get(f"/planer/{plan.id}/historik")
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)
    assert "&lt;script&gt;" in response.get_data(as_text=True)
