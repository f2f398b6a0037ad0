"""The My work page: what the logged-in person answers for, overdue first, then week by week,
with a quick progress entry on each activity row (PRG, CSRF, conflict-safe)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from planner.clock import local_today
from planner.extensions import db
from planner.mywork.weeks import monday_of
from planner.plans import services
from planner.plans.models import Activity, ProgressUpdate
from planner.results.periods import latest_ended
from planner.wheel.services import EventData, create_event
from tests.factories import (
    commit,
    days,
    make_activity,
    make_measure,
    make_org,
    make_plan,
    make_user,
    record,
)
from tests.html import page, text


def _world():
    org = make_org("Region Arbete")
    plan = make_plan(org, title="Planen")
    anna = make_user("anna@test.se", "redaktor", org, name="Anna Ansvarig")
    late = make_activity(plan, title="Sen <aktivitet>", due_date=days(-3))
    soon = make_activity(plan, title="Snart", due_date=days(9), follow_up_date=days(-1))
    for activity in (late, soon):
        activity.responsible_user_id = anna.id
    make_activity(plan, title="Någon annans", due_date=days(2))
    event = create_event(org, EventData("Rådet", "mote", days(1)))
    event.owner_user_id = anna.id
    commit()
    return org, plan, anna, late, soon


def _rows(response) -> list[tuple[str, str]]:
    """(section heading, row title) in the order the page shows them."""
    found = []
    for section in page(response).select("main section"):
        heading = " ".join(section.find("h2").get_text(" ").split())
        for item in section.select("li.work-item"):
            found.append((heading, item.select_one(".work-title a").get_text(strip=True)))
    return found


def test_overdue_first_then_week_by_week_with_links(app, anonymous):
    _org, _plan, _anna, late, soon = _world()
    anonymous.login("anna@test.se")
    response = anonymous.get("/mitt-arbete")
    assert response.status_code == 200
    rows = _rows(response)
    assert [title for _h, title in rows] == ["Sen <aktivitet>", "Snart", "Rådet", "Snart"]
    assert [h for h, _t in rows[:2]] == ["Försenat", "Försenat"]
    # the rest by ISO week, this week's heading says so
    week = monday_of(days(1)).isocalendar().week
    assert f"Vecka {week}" in rows[2][0]
    soup = page(response)
    links = [a["href"] for a in soup.select(".work-title a")]
    assert links[0] == f"/aktiviteter/{late.id}"
    assert links[1] == f"/aktiviteter/{soon.id}#registrera"  # the follow-up
    assert links[2].startswith("/organisationer/") and "#event-" in links[2]
    kinds = [t.get_text(strip=True) for t in soup.select(".work-title .tag:first-child")]
    assert kinds == ["Slutdatum", "Uppföljning", "Årshjulet", "Slutdatum"]
    assert "3 dagar sen" in text(response) and "Någon annans" not in text(response)
    # user text is escaped, never markup
    assert "<aktivitet>" in soup.select_one(".work-title a").get_text()
    assert "Sen <aktivitet>" not in response.get_data(as_text=True)
    # it is in the main navigation, marked as the current page
    nav = soup.select_one("nav[aria-label] a[aria-current=page]")
    assert nav.get_text(strip=True) == "Mitt arbete"


def test_the_horizon_is_chosen_in_whole_weeks(app, anonymous):
    _org, plan, anna, _late, _soon = _world()
    far = make_activity(plan, title="Långt fram", due_date=days(50))
    far.responsible_user_id = anna.id
    commit()
    anonymous.login("anna@test.se")
    assert "Långt fram" not in text(anonymous.get("/mitt-arbete"))
    assert "Långt fram" in text(anonymous.get("/mitt-arbete?veckor=13"))
    assert "Långt fram" not in text(anonymous.get("/mitt-arbete?veckor=999"))  # not offered


def test_an_empty_list_says_so(app, anonymous):
    make_user("ingen@test.se", "lasare", make_org())
    commit()
    anonymous.login("ingen@test.se")
    response = anonymous.get("/mitt-arbete")
    assert "Du har inget att göra de kommande 4 veckorna." in text(response)


def test_login_lands_on_my_work_only_for_people_with_items(app, anonymous):
    org, *_ = _world()
    make_user("bo@test.se", "lasare", org)
    commit()
    assert anonymous.login("anna@test.se").headers["Location"] == "/mitt-arbete"
    other = app.test_client()
    assert other.login("bo@test.se").headers["Location"] == "/"
    # a page asked for before logging in still wins
    third = app.test_client()
    response = third.post(
        "/logga-in?next=/organisationer/1",
        data={"email": "anna@test.se", "password": "ett långt testlösenord"},
    )
    assert response.headers["Location"] == "/organisationer/1"


def _form(response, activity_id: int, row: str = "slutdatum") -> dict:
    """The quick progress form of one row, as the browser would send it."""
    prefix = f"{row}-{activity_id}"
    form = page(response).find(id=f"rad-{prefix}").find("form")
    data = {i["name"]: i.get("value", "") for i in form.find_all("input")}
    for select_ in form.find_all("select"):
        chosen = select_.find("option", selected=True) or select_.find("option")
        data[select_["name"]] = chosen["value"]
    data[f"{prefix}-comment"] = ""
    return {"action": form["action"], "data": data, "prefix": prefix}


def test_quick_progress_is_recorded_and_redirects_back(app, anonymous):
    _org, _plan, anna, late, _soon = _world()
    anonymous.login("anna@test.se")
    form = _form(anonymous.get("/mitt-arbete"), late.id)
    p = form["prefix"]
    form["data"].update({f"{p}-status": "pagar", f"{p}-percent": "30", f"{p}-comment": "På väg"})
    response = anonymous.post(form["action"], data=form["data"])
    assert response.status_code == 302 and response.headers["Location"] == "/mitt-arbete"
    (update,) = db.session.scalars(select(ProgressUpdate)).all()
    assert (update.date, update.status, update.percent, update.comment) == (
        local_today(),
        "pagar",
        30,
        "På väg",
    )
    assert update.author_id == anna.id
    followed = anonymous.get("/mitt-arbete")
    assert "Framsteget för Sen <aktivitet> registrerades." in text(followed)
    # marked done, it leaves the list
    form = _form(followed, late.id)
    form["data"].update({f"{p}-status": "klar"})
    anonymous.post(form["action"], data=form["data"])
    assert "Sen <aktivitet>" not in [t for _h, t in _rows(anonymous.get("/mitt-arbete"))]
    db.session.expire_all()
    assert db.session.get(Activity, late.id).percent == 100


def test_progress_after_the_follow_up_date_closes_the_follow_up(app, anonymous):
    _org, _plan, _anna, _late, soon = _world()
    anonymous.login("anna@test.se")
    form = _form(anonymous.get("/mitt-arbete"), soon.id, "uppfoljning")
    assert "rad=uppfoljning" in form["action"]
    form["data"][f"{form['prefix']}-comment"] = "Uppföljt"
    assert anonymous.post(form["action"], data=form["data"]).status_code == 302
    titles = [t for _h, t in _rows(anonymous.get("/mitt-arbete"))]
    assert titles.count("Snart") == 1  # the deadline is still to come


def test_a_change_made_meanwhile_is_shown_not_overwritten(app, anonymous):
    _org, _plan, _anna, late, _soon = _world()
    anonymous.login("anna@test.se")
    form = _form(anonymous.get("/mitt-arbete"), late.id)
    # someone else records progress while the page is open
    services.record_progress(late, days(0), "pagar", 60, "Annans post", "Bo")
    commit()
    p = form["prefix"]
    form["data"].update({f"{p}-status": "pagar", f"{p}-percent": "20", f"{p}-comment": "Min text"})
    response = anonymous.post(form["action"], data=form["data"])
    assert response.status_code == 409
    assert "Någon annan har ändrat detta medan du redigerade" in text(response)
    row = page(response).find(id=f"rad-{p}")
    assert row.find("details").has_attr("open")
    assert row.find("textarea").get_text().strip() == "Min text"  # the input is kept
    assert "Andel klart" in row.get_text()  # what the other person changed is listed
    comments = [u.comment for u in db.session.scalars(select(ProgressUpdate))]
    assert comments == ["Annans post"]
    # sent again (the form now carries the current version), it is recorded
    again = {i["name"]: i.get("value", "") for i in row.find_all("input")}
    again.update({f"{p}-status": "pagar", f"{p}-percent": "20", f"{p}-comment": "Min text"})
    assert anonymous.post(form["action"], data=again).status_code == 302
    assert len(list(db.session.scalars(select(ProgressUpdate)))) == 2


def test_a_bad_entry_is_shown_next_to_its_field(app, anonymous):
    _org, _plan, _anna, late, _soon = _world()
    anonymous.login("anna@test.se")
    form = _form(anonymous.get("/mitt-arbete"), late.id)
    form["data"][f"{form['prefix']}-percent"] = "140"
    response = anonymous.post(form["action"], data=form["data"])
    assert response.status_code == 200
    assert (
        "Ange ett tal mellan 0 och 100."
        in page(response).find(id=f"{form['prefix']}-percent-error").get_text()
    )
    assert not db.session.scalars(select(ProgressUpdate)).all()


@pytest.mark.parametrize("app", [{"WTF_CSRF_ENABLED": True}], indirect=True)
def test_quick_progress_needs_the_csrf_token(app, anonymous):
    _org, _plan, _anna, late, _soon = _world()
    anonymous.login("anna@test.se")
    form = _form(anonymous.get("/mitt-arbete"), late.id)
    token = f"{form['prefix']}-csrf_token"
    assert form["data"][token]
    without = {k: v for k, v in form["data"].items() if k != token}
    response = anonymous.post(form["action"], data=without)
    assert response.status_code in (200, 400)
    assert not db.session.scalars(select(ProgressUpdate)).all()
    assert anonymous.post(form["action"], data=form["data"]).status_code == 302
    assert len(db.session.scalars(select(ProgressUpdate)).all()) == 1


def test_a_reader_sees_the_items_without_a_form(app, anonymous):
    org = make_org()
    plan = make_plan(org)
    reader = make_user("las@test.se", "lasare", org)
    activity = make_activity(plan, title="Läsarens", due_date=days(3))
    activity.responsible_user_id = reader.id
    commit()
    anonymous.login("las@test.se")
    response = anonymous.get("/mitt-arbete")
    assert [t for _h, t in _rows(response)] == ["Läsarens"]
    assert page(response).select("details.quick") == []
    assert "Framsteg registreras av planens redaktörer" in text(response)
    posted = anonymous.post(
        f"/mitt-arbete/aktiviteter/{activity.id}/framsteg",
        data={f"slutdatum-{activity.id}-status": "pagar"},
    )
    assert posted.status_code == 403


def test_the_page_sends_the_same_statements_for_3_and_30_items(app, anonymous, count_queries):
    from tests.test_query_counts import statements

    org = make_org()
    plan = make_plan(org)
    people = {n: make_user(f"p{n}@test.se", "redaktor", org) for n in (3, 30)}
    for n, person in people.items():
        for k in range(n):
            activity = make_activity(
                plan, due_date=days(k % 20 - 5), follow_up_date=days(k % 7 - 3) if k % 2 else None
            )
            activity.responsible_user_id = person.id
            event = create_event(org, EventData(f"Händelse {k}", "mote", days(k % 25)))
            event.owner_user_id = person.id
            measure = make_measure(plan, rhythm="monthly")  # last month's value is due
            measure.responsible_user_id = person.id
            if k % 3 == 0:
                record(measure, org, latest_ended("monthly", local_today()).key, 95)
    commit()
    counts = {}
    for n in (3, 30):
        client = app.test_client()
        client.login(f"p{n}@test.se")
        counts[n] = statements(client, count_queries, "/mitt-arbete")
        assert len(page(client.get("/mitt-arbete")).select("li.work-item")) >= n
    assert counts[3] == counts[30]
