"""Every plan page through the test client, and the journey a new user takes."""

from __future__ import annotations

from planner.extensions import db
from planner.plans.models import Activity, Goal, Plan, ProgressUpdate
from tests.factories import area_id, commit, days, make_activity, make_org, make_plan
from tests.html import field_error, page, table_rows, text


def test_create_plan_from_national_template(client, app):
    org = make_org("Region Testland")
    commit()
    form = client.get(f"/organisationer/{org.id}/planer/ny")
    assert form.status_code == 200
    assert page(form).find("input", {"name": "period_start"})["value"] == "2025"
    response = client.post(
        f"/organisationer/{org.id}/planer/ny",
        data={
            "title": "Regional handlingsplan 2025–2030",
            "period_start": "2025",
            "period_end": "2030",
            "vision": "God och säker vård – överallt och alltid",
            "decided_by": "Regionstyrelsen",
            "decision_level": "politisk",
            "decision_date": "2025-02-18",
            "status": "faststalld",
        },
        follow_redirects=True,
    )
    assert response.status_code == 200
    plan = db.session.scalars(db.select(Plan)).one()
    assert plan.decision_level == "politisk"
    rows = table_rows(response, "Framsteg per grundläggande")
    assert [r[0].split()[0] for r in rows] == ["G1", "G2", "G3", "G4", "F1", "F2", "F3", "F4", "F5"]
    assert "Engagerad ledning och tydlig styrning" in rows[0][0]
    assert "Politisk nivå" in text(response)


def test_invalid_plan_keeps_input_and_saves_nothing(client, app):
    org = make_org()
    commit()
    response = client.post(
        f"/organisationer/{org.id}/planer/ny",
        data={
            "title": "",
            "period_start": "2030",
            "period_end": "2025",
            "decision_date": "2025-13-45",
        },
    )
    assert response.status_code == 200
    assert field_error(response, "title") == "Fyll i fältet."
    assert "sluta före" in field_error(response, "period_end")
    assert "2026-03-01" in field_error(response, "decision_date")
    assert page(response).find("input", {"name": "decision_date"})["value"] == "2025-13-45"
    assert db.session.scalars(db.select(Plan)).all() == []


def test_edit_area_local_description(client, app):
    plan = make_plan()
    commit()
    url = f"/planer/{plan.id}/omraden/F3/redigera"
    form = page(client.get(url))
    version = form.find("input", {"name": "version"})["value"]
    response = client.post(
        url,
        data={"local_description": "Vi inför NEWS2 på alla vårdavdelningar.", "version": version},
        follow_redirects=True,
    )
    assert "Vi inför NEWS2 på alla vårdavdelningar." in text(response)
    assert client.get(f"/planer/{plan.id}/omraden/X9").status_code == 404


def test_goal_create_edit_delete(client, app):
    plan = make_plan()
    commit()
    response = client.post(
        f"/planer/{plan.id}/mal/ny",
        data={"area_id": area_id(plan, "G2"), "title": "Alla enheter har säkerhetsdialog"},
        follow_redirects=True,
    )
    assert "Alla enheter har säkerhetsdialog" in text(response)
    goal = db.session.scalars(db.select(Goal)).one()
    bad = client.post(
        f"/mal/{goal.id}/redigera", data={"area_id": "abc", "title": "", "version": "1"}
    )
    assert bad.status_code == 200 and field_error(bad, "title")
    assert db.session.get(Goal, goal.id).title == "Alla enheter har säkerhetsdialog"
    make_activity(plan, area="G2", goal_id=goal.id)
    commit()
    unconfirmed = client.post(f"/mal/{goal.id}/ta-bort", follow_redirects=True)
    assert "Kryssa i rutan" in text(unconfirmed)
    refused = client.post(f"/mal/{goal.id}/ta-bort", data={"bekrafta": "ja"}, follow_redirects=True)
    assert "Målet har aktiviteter" in text(refused)
    assert db.session.get(Goal, goal.id) is not None


def activity_form(plan, **overrides) -> dict:
    data = {
        "title": "Införa SBAR vid överrapportering",
        "description": "Strukturerad kommunikation.",
        "area_id": area_id(plan, "F2"),
        "goal_id": "",
        "responsible_name": "Karin Ek",
        "responsible_role": "Chefsjuksköterska",
        "responsible_email": "karin.ek@exempel.se",
        "organisation_ids": [plan.organisation_id],
        "start_date": days(-10).isoformat(),
        "due_date": days(60).isoformat(),
        "follow_up_date": "",
        "status": "ej_paborjad",
        "percent": "0",
    }
    data.update(overrides)
    return data


def test_create_joint_activity_and_record_progress(client, app):
    region = make_org("Region Testland")
    kommun = make_org("Testby kommun", "kommun")
    plan = make_plan(region)
    commit()
    response = client.post(
        f"/planer/{plan.id}/aktiviteter/ny",
        data=activity_form(plan, organisation_ids=[region.id, kommun.id]),
        follow_redirects=True,
    )
    assert response.status_code == 200
    activity = db.session.scalars(db.select(Activity)).one()
    assert "Region Testland + Testby kommun" in text(response)
    assert "Gemensam aktivitet" in text(response)
    response = client.post(
        f"/aktiviteter/{activity.id}/framsteg",
        data={
            "date": days(-1).isoformat(),
            "status": "pagar",
            "percent": "40",
            "comment": "Utbildning genomförd på två avdelningar.",
        },
        follow_redirects=True,
    )
    assert "Utbildning genomförd på två avdelningar." in text(response)
    history = page(response).find("ol", class_="history")
    assert "40 %" in history.get_text()
    overview = client.get(f"/planer/{plan.id}")
    f2 = next(r for r in table_rows(overview, "Framsteg per") if r[0].startswith("F2"))
    assert "40 %" in f2[1] and "Grön" in f2[2]


def test_activity_form_errors_in_swedish_and_nothing_saved(client, app):
    plan = make_plan()
    commit()
    response = client.post(
        f"/planer/{plan.id}/aktiviteter/ny",
        data=activity_form(
            plan,
            title="",
            start_date=days(10).isoformat(),
            due_date=days(1).isoformat(),
            percent="150",
            responsible_email="inte-en-adress",
        ),
    )
    assert response.status_code == 200
    assert field_error(response, "title") == "Fyll i fältet."
    assert field_error(response, "percent") == "Ange ett tal mellan 0 och 100."
    assert field_error(response, "responsible_email") == "Ange en giltig e-postadress."
    assert page(response).find("input", {"name": "responsible_name"})["value"] == "Karin Ek"
    # the date rule lives in the service; it is reported once the fields are otherwise valid
    response = client.post(
        f"/planer/{plan.id}/aktiviteter/ny",
        data=activity_form(plan, start_date=days(10).isoformat(), due_date=days(1).isoformat()),
    )
    assert field_error(response, "due_date") == "Slutdatum kan inte vara före startdatum."
    response = client.post(
        f"/planer/{plan.id}/aktiviteter/ny",
        data=activity_form(plan, due_date="", follow_up_date=""),
    )
    assert "minst ett av dem" in field_error(response, "due_date")
    response = client.post(
        f"/planer/{plan.id}/aktiviteter/ny", data=activity_form(plan, organisation_ids=[])
    )
    assert field_error(response, "organisation_ids") == "Välj minst en ansvarig organisation."
    assert db.session.scalars(db.select(Activity)).all() == []


def test_marking_klar_in_the_activity_form_sets_100_and_records_history(client, app):
    plan = make_plan()
    activity = make_activity(plan, area="F2")
    commit()
    data = activity_form(plan, title=activity.title, status="klar", percent="30", version="1")
    response = client.post(f"/aktiviteter/{activity.id}/redigera", data=data, follow_redirects=True)
    assert response.status_code == 200
    db.session.refresh(activity)
    assert (activity.status, activity.percent) == ("klar", 100)
    assert [(u.status, u.percent) for u in activity.updates] == [("klar", 100)]


def test_progress_form_errors(client, app):
    activity = make_activity()
    commit()
    response = client.post(
        f"/aktiviteter/{activity.id}/framsteg",
        data={"date": "", "status": "pagar", "percent": "-5"},
    )
    assert response.status_code == 200
    assert field_error(response, "date") == "Ange ett datum."
    assert field_error(response, "percent") == "Ange ett tal mellan 0 och 100."
    future = client.post(
        f"/aktiviteter/{activity.id}/framsteg",
        data={"date": days(3).isoformat(), "status": "pagar", "percent": "5"},
    )
    assert field_error(future, "date") == "Datumet kan inte ligga i framtiden."
    assert db.session.scalars(db.select(ProgressUpdate)).all() == []


def test_delete_progress_entry_restores_previous_state(client, app):
    activity = make_activity()
    from planner.plans.services import record_progress

    record_progress(activity, days(-10), "pagar", 30)
    last = record_progress(activity, days(-1), "pagar", 60)
    commit()
    client.post(f"/framsteg/{last.id}/ta-bort")
    db.session.refresh(activity)
    assert activity.percent == 30


def test_missing_objects_answer_404(client, app):
    for url in (
        "/planer/999",
        "/aktiviteter/999",
        "/mal/999/redigera",
        "/organisationer/999",
        "/planer/999/aktiviteter",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Sidan finns inte" in text(response)


def test_overview_lists_and_rule_explained(client, app):
    plan = make_plan()
    make_activity(
        plan, title="Försenad granskning", area="F1", start_date=days(-50), due_date=days(-2)
    )
    make_activity(plan, title="Snart klar utbildning", area="G3", due_date=days(10))
    make_activity(plan, title="Herrelös riskanalys", area="F5", responsible_name="")
    commit()
    response = client.get(f"/planer/{plan.id}")
    assert [r[0] for r in table_rows(response, "slutdatum har passerat")] == ["Försenad granskning"]
    assert "Snart klar utbildning" in [r[0] for r in table_rows(response, "inom 30 dagar")]
    assert [r[0] for r in table_rows(response, "utan ansvarig")] == ["Herrelös riskanalys"]
    rule = page(response).find("details", class_="rule").get_text(" ")
    assert "25 %" in rule and "Avbrutna aktiviteter räknas inte" in rule
    f1 = next(r for r in table_rows(response, "Framsteg per") if r[0].startswith("F1"))
    assert "Röd" in f1[2]


def test_overview_query_count_does_not_grow_with_activities(client, app, count_queries):
    plan = make_plan()
    make_activity(plan)
    commit()
    with count_queries() as small:
        client.get(f"/planer/{plan.id}")
    for index in range(30):
        make_activity(plan, area=["G1", "F2", "F5"][index % 3], responsible_name="")
    commit()
    with count_queries() as large:
        assert client.get(f"/planer/{plan.id}").status_code == 200
    assert large.count == small.count


def test_deleting_an_activity_needs_confirmation(client, app):
    activity = make_activity()
    from planner.plans.services import record_progress

    record_progress(activity, days(-1), "pagar", 10)
    commit()
    form = page(client.get(f"/aktiviteter/{activity.id}/redigera"))
    assert "1 framstegspost tas bort" in form.find("form", class_="confirm-delete").get_text()
    unconfirmed = client.post(f"/aktiviteter/{activity.id}/ta-bort", follow_redirects=True)
    assert "Kryssa i rutan" in text(unconfirmed)
    assert db.session.scalars(db.select(Activity)).all() != []
    client.post(f"/aktiviteter/{activity.id}/ta-bort", data={"bekrafta": "ja"})
    db.session.expire_all()
    assert db.session.scalars(db.select(Activity)).all() == []


def test_a_large_plan_overview_lists_the_first_ten_and_links_to_all(client, app):
    plan = make_plan()
    for n in range(14):
        make_activity(plan, title=f"Sen {n:02d}", start_date=days(-90), due_date=days(n - 20))
    make_activity(plan, title="I tid", due_date=days(10))
    commit()
    response = client.get(f"/planer/{plan.id}")
    overdue = table_rows(response, "vars slutdatum har passerat")
    assert [row[0] for row in overdue] == [f"Sen {n:02d}" for n in range(10)]  # earliest first
    heading = page(response).find("h2", id="forsenade")
    assert "(14)" in heading.get_text()
    more = heading.find_next("p", class_="more")
    assert "de 10 första" in more.get_text()
    listed = client.get(more.find("a")["href"])
    assert "14 aktiviteter" in text(listed)
    # The area table still counts every activity, not just the listed ones.
    g1 = next(r for r in table_rows(response, "Framsteg per") if r[0].startswith("G1"))
    assert g1[-1] == "14"
    # A short list has no such link.
    assert page(response).find("h2", id="snart").find_next("p", class_="more") is None


def test_the_link_to_all_activities_without_a_responsible_person_lists_just_those(client, app):
    plan = make_plan()
    for n in range(12):
        make_activity(plan, title=f"Ingen ansvarig {n:02d}", responsible_name="")
    make_activity(plan, title="Klar utan ansvarig", responsible_name="", status="klar")
    make_activity(plan, title="Har ansvarig")
    commit()
    response = client.get(f"/planer/{plan.id}")
    heading = page(response).find("h2", id="utan-ansvarig")
    assert "(12)" in heading.get_text()
    listed = client.get(heading.find_next("p", class_="more").find("a")["href"])
    assert "12 aktiviteter" in text(listed)
    assert "Har ansvarig" not in text(listed) and "Klar utan ansvarig" not in text(listed)
