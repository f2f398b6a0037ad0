"""No lost updates: two editors, one activity; the second save is told, never overwrites."""

from __future__ import annotations

from planner.extensions import db
from planner.plans import services
from planner.plans.models import Activity, Plan
from tests.factories import commit, days, make_activity, make_org, make_plan, make_user
from tests.html import page, text


def form_data(response) -> dict:
    """What a browser would send back from the page's edit form, unchanged."""
    form = page(response).find("form", attrs={"novalidate": True})
    data: dict = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name:
            continue
        if field.name == "textarea":
            data[name] = field.get_text()
        elif field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            data[name] = chosen.get("value", "") if chosen else ""
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field["value"])
        else:
            data[name] = field.get("value", "")
    return data


def setup(app):
    region = make_org("Region Konflikt")
    plan = make_plan(region)
    activity = make_activity(plan, area="F2", title="Läkemedelsgenomgångar", due_date=days(30))
    make_user("karin@test.se", "redaktor", region, name="Karin")
    make_user("olle@test.se", "redaktor", region, name="Olle")
    commit()
    karin, olle = app.test_client(), app.test_client()
    karin.login("karin@test.se")
    olle.login("olle@test.se")
    return activity, karin, olle


def test_second_editor_is_told_and_keeps_their_input(app, anonymous):
    activity, karin, olle = setup(app)
    url = f"/aktiviteter/{activity.id}/redigera"
    karins, olles = form_data(karin.get(url)), form_data(olle.get(url))
    karins["due_date"] = days(60).isoformat()
    assert karin.post(url, data=karins).status_code == 302
    olles["title"] = "Läkemedelsgenomgångar i särskilt boende"
    response = olle.post(url, data=olles)
    assert response.status_code == 409
    assert "Någon annan har ändrat detta" in text(response)
    summary = page(response).find(id="felsammanfattning").get_text(" ")
    assert "Karin" in summary and days(60).isoformat() in summary  # what changed, and who
    again = form_data(response)
    assert again["title"] == "Läkemedelsgenomgångar i särskilt boende"  # Olle's input kept
    db.session.expire_all()
    saved = db.session.get(Activity, activity.id)
    assert saved.title == "Läkemedelsgenomgångar" and saved.due_date == days(60)
    # Olle merges (his title, Karin's date now in the form's saved view) and saves again
    again["due_date"] = days(60).isoformat()
    assert olle.post(url, data=again).status_code == 302
    db.session.expire_all()
    saved = db.session.get(Activity, activity.id)
    assert (saved.title, saved.due_date) == ("Läkemedelsgenomgångar i särskilt boende", days(60))


def test_race_at_commit_time_is_caught(app, client, monkeypatch):
    """Another process commits between our version check and our commit."""
    plan = make_plan()
    activity = make_activity(plan, title="Före")
    commit()
    url = f"/aktiviteter/{activity.id}/redigera"
    data = form_data(client.get(url))
    data["title"] = "Min ändring"
    real = services.update_activity

    def update_after_someone_else(target, values):
        db.session.connection().exec_driver_sql(
            "UPDATE activity SET title = 'Deras ändring', version = version + 1 WHERE id = ?"
            if db.engine.dialect.name == "sqlite"
            else "UPDATE activity SET title = 'Deras ändring', version = version + 1 WHERE id = %s",
            (target.id,),
        )
        return real(target, values)

    monkeypatch.setattr(services, "update_activity", update_after_someone_else)
    response = client.post(url, data=data)
    assert response.status_code == 409
    assert "Någon annan har ändrat detta" in text(response)
    assert form_data(response)["title"] == "Min ändring"
    db.session.expire_all()
    assert db.session.get(Activity, activity.id).title != "Min ändring"


def test_plan_edit_conflict(app, client):
    plan = make_plan(title="Plan A")
    commit()
    url = f"/planer/{plan.id}/redigera"
    stale = form_data(client.get(url))
    fresh = dict(stale, title="Plan B")
    assert client.post(url, data=fresh).status_code == 302
    response = client.post(url, data=dict(stale, title="Plan C"))
    assert response.status_code == 409
    db.session.expire_all()
    assert db.session.get(Plan, plan.id).title == "Plan B"


def test_changing_only_the_organisations_is_a_change_too(app, anonymous):
    activity, karin, olle = setup(app)
    # An organisation under the plan's own (one outside is offered only as a visible
    # partner: tests/plans/test_responsible_organisations.py).
    kommun = make_org("Konfliktenheten", "enhet", activity.plan.organisation)
    commit()
    url = f"/aktiviteter/{activity.id}/redigera"
    karins, olles = form_data(karin.get(url)), form_data(olle.get(url))
    karins["organisation_ids"] = [*karins["organisation_ids"], str(kommun.id)]
    assert karin.post(url, data=karins).status_code == 302
    olles["title"] = "Olles titel"
    assert olle.post(url, data=olles).status_code == 409
