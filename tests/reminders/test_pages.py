"""The reminder pages: one's own settings, an organisation's lead days, the administrators'
log of what was sent."""

from __future__ import annotations

from datetime import timedelta

from planner.auth.models import ADMIN, EDITOR, READER
from planner.extensions import db
from planner.models import utcnow
from planner.reminders import settings
from planner.reminders.models import FAILED, SENT, ReminderDelivery, ReminderPolicy
from planner.reminders.sources import LeadDays
from tests.factories import commit, make_org, make_plan, make_user
from tests.html import page


def test_a_person_chooses_how_to_get_reminders_and_which_plan_digests(app):
    region = make_org("Region Val")
    own = make_plan(region, title="Vår plan")
    other = make_plan(make_org("Annan region"), title="Deras plan")
    eva = make_user("eva@test.se", EDITOR, region)
    commit()
    client = app.test_client()
    client.login("eva@test.se")
    html = page(client.get("/konto/paminnelser"))
    assert html.find("input", {"name": "mode", "value": "each", "checked": True})
    labels = [label.get_text() for label in html.select("fieldset label")]
    assert "Ett veckobrev på måndag morgon" in labels
    assert "Vår plan (Region Val)" in labels and not any("Deras plan" in x for x in labels)
    response = client.post(
        "/konto/paminnelser", data={"mode": "weekly", "plans": [str(own.id), str(other.id)]}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert settings.mode_of(eva) == "weekly"
    assert settings.plan_digest_ids(eva) == {own.id}  # a plan one may not edit is ignored
    assert "Dina påminnelser är sparade." in client.get("/konto/paminnelser").get_data(as_text=True)
    client.post("/konto/paminnelser", data={"mode": "none"})
    db.session.expire_all()
    assert settings.mode_of(eva) == "none" and settings.plan_digest_ids(eva) == set()
    bad = client.post("/konto/paminnelser", data={"mode": "ofta"})
    assert bad.status_code == 200
    assert "Välj ett av alternativen." in page(bad).find(class_="error").get_text()
    db.session.expire_all()
    assert settings.mode_of(eva) == "none"


def test_an_organisation_administrator_sets_lead_days_and_units_inherit_them(app):
    region = make_org("Region Dagar")
    unit = make_org("Enheten", "enhet", region)
    make_user("admin@test.se", ADMIN, region)
    make_user("lasare@test.se", READER, region)
    commit()
    client = app.test_client()
    client.login("admin@test.se")
    html = page(client.get(f"/organisationer/{region.id}/paminnelser"))
    assert html.find("input", {"name": "lead_days"})["value"] == "14, 1"
    wrong = client.post(f"/organisationer/{region.id}/paminnelser", data={"lead_days": "två"})
    assert wrong.status_code == 200
    error = page(wrong).find(class_="error")
    assert "Skriv ett till fem hela antal dagar mellan 0 och 90" in error.get_text()
    assert db.session.query(ReminderPolicy).count() == 0
    client.post(f"/organisationer/{region.id}/paminnelser", data={"lead_days": "7;30, 1"})
    db.session.expire_all()
    assert LeadDays().of(region.id) == (30, 7, 1)
    assert LeadDays().of(unit.id) == (30, 7, 1)  # the unit follows its region
    unit_page = page(client.get(f"/organisationer/{unit.id}/paminnelser"))
    assert unit_page.find("input", {"name": "inherit"}).has_attr("checked")
    client.post(f"/organisationer/{unit.id}/paminnelser", data={"lead_days": "3"})
    db.session.expire_all()
    assert LeadDays().of(unit.id) == (3,) and LeadDays().of(region.id) == (30, 7, 1)
    client.post(f"/organisationer/{unit.id}/paminnelser", data={"inherit": "y", "lead_days": ""})
    db.session.expire_all()
    assert LeadDays().of(unit.id) == (30, 7, 1)
    reader = app.test_client()
    reader.login("lasare@test.se")
    assert reader.get(f"/organisationer/{region.id}/paminnelser").status_code == 403


def _delivery(n: int, state: str, email: str, user_id: int, error: str = "") -> ReminderDelivery:
    return ReminderDelivery(
        recipient_id=user_id,
        recipient_email=email,
        item_kind="activity",
        item_id=n,
        reminder_kind="due_soon",
        occasion=f"2026-12-{n:02d}/14",
        subject=f"Påminnelse nr {n} <b>",
        state=state,
        attempts=1,
        error=error,
        claimed_at=utcnow() - timedelta(minutes=n),
        finished_at=utcnow() - timedelta(minutes=n),
    )


def test_the_log_lists_what_was_sent_and_what_failed_for_system_administrators(app):
    make_user("admin@test.se", system_admin=True)
    anna = make_user("anna@test.se")
    for n in range(1, 14):
        db.session.add(_delivery(n, SENT, "anna@test.se", anna.id))
    db.session.add(_delivery(20, FAILED, "anna@test.se", anna.id, "421 servern är nere"))
    commit()
    client = app.test_client()
    client.login("admin@test.se")
    first = page(client.get("/admin/paminnelser"))
    rows = first.select("table.data tbody tr")
    assert len(rows) == 10  # PAGE_SIZE in tests
    assert "Påminnelse nr 1 <b>" in rows[0].get_text()  # newest first, text escaped
    assert "Aktivitet 1, före slutdatum (2026-12-01/14)" in rows[0].get_text()
    assert "14 påminnelser." in first.get_text()
    assert first.select_one("nav.pagination a[rel=next]")
    failed = page(client.get("/admin/paminnelser?state=failed"))
    rows = failed.select("table.data tbody tr")
    assert len(rows) == 1
    assert "Misslyckad" in rows[0].get_text() and "421 servern är nere" in rows[0].get_text()
    assert "0 påminnelser." in page(client.get("/admin/paminnelser?recipient=bo@")).get_text()
    other = app.test_client()
    other.login("anna@test.se")
    assert other.get("/admin/paminnelser").status_code == 403
