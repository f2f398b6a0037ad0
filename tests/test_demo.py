"""The demo command fills an empty database with a living example, and only then."""

from __future__ import annotations

from sqlalchemy import func, select

from planner.clock import local_today
from planner.extensions import db
from planner.orgs.models import Organisation
from planner.plans.models import Activity, Plan, ProgressUpdate
from planner.plans.overview import build_overview
from tests.html import page, table_rows


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_demo_fills_an_empty_database(app, anonymous, monkeypatch):
    monkeypatch.setenv("PLANNER_DEMO_PASSWORD", "demo-lösenord-123")
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "Demo skapad" in result.output
    for email in ("admin@exempel.se", "redaktor@exempel.se", "lasare@exempel.se"):
        assert f"{email}" in result.output and "demo-lösenord-123" in result.output
    assert "Årshjulet har 18 händelser." in result.output
    feed_url = next(line.strip() for line in result.output.splitlines() if "/flode/" in line)
    client = anonymous
    feed = client.get("/flode/" + feed_url.split("/flode/", 1)[1])
    assert feed.status_code == 200 and feed.data.count(b"BEGIN:VEVENT") > 20
    client.login("lasare@exempel.se", "demo-lösenord-123")
    names = {o.name: o for o in db.session.scalars(select(Organisation))}
    region = names["Region Vättersund"]
    assert {c.kind for c in region.children} == {"forvaltning"} and len(region.children) == 2
    assert names["Åsby kommun"].kind == "kommun" and names["Åsby kommun"].parent is None
    (plan,) = region.plans
    assert plan.period == "2025–2030" and plan.status == "faststalld"
    # One administration has broken the plan down into its own; the other has not (yet).
    (local,) = names["Hälso- och sjukvårdsförvaltningen"].plans
    assert local.decision_level == "annan_tjansteman" and local.period_start == local_today().year
    local_activities = db.session.scalars(select(Activity).where(Activity.plan_id == local.id))
    assert len(list(local_activities)) == 6
    assert names["Primärvårdsförvaltningen"].plans == []
    activities = list(db.session.scalars(select(Activity).where(Activity.plan_id == plan.id)))
    assert 38 <= len(activities) <= 42
    assert {a.area.code for a in activities} == {
        "G1",
        "G2",
        "G3",
        "G4",
        "F1",
        "F2",
        "F3",
        "F4",
        "F5",
    }
    assert any(
        a.is_joint and "Åsby kommun" in {o.name for o in a.organisations} for a in activities
    )
    assert plan.goals
    updates = list(db.session.scalars(select(ProgressUpdate)))
    span = max(u.date for u in updates) - min(u.date for u in updates)
    assert span.days >= 300  # about a year of history
    overview = build_overview(plan, local_today())
    assert overview.overdue and overview.due_soon and overview.unowned
    for activity in activities:  # the current state is the latest update's
        if activity.updates:
            assert (activity.status, activity.percent) == (
                activity.updates[0].status,
                activity.updates[0].percent,
            )
    response = client.get(f"/planer/{plan.id}")
    assert response.status_code == 200
    lights = [row[2] for row in table_rows(response, "Framsteg per")]
    assert len(lights) == 9


def test_demo_changes_nothing_when_data_exists(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["demo"])
    before = (count(Organisation), count(Plan), count(Activity), count(ProgressUpdate))
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0
    assert "ändrade ingenting" in result.output
    assert (count(Organisation), count(Plan), count(Activity), count(ProgressUpdate)) == before


def test_the_demos_responsible_people_have_accounts_and_work_to_do(app, anonymous, monkeypatch):
    from planner.demo.loader import DEMO_PEOPLE

    monkeypatch.setenv("PLANNER_DEMO_PASSWORD", "demo-lösenord-123")
    result = app.test_cli_runner().invoke(args=["demo"])
    for email, *_rest in DEMO_PEOPLE:
        assert email in result.output
    # each of them (and the demo's editor) lands on a My work that is not empty
    for email in [email for email, *_rest in DEMO_PEOPLE] + ["redaktor@exempel.se"]:
        client = app.test_client()
        assert client.login(email, "demo-lösenord-123").headers["Location"] == "/mitt-arbete"
        rows = page(client.get("/mitt-arbete")).select("li.work-item")
        assert rows, email
    # the plan's activities name them by account, not only by a typed address
    linked = db.session.scalars(select(Activity).where(Activity.responsible_user_id.is_not(None)))
    assert len(list(linked)) >= 25


def test_the_demo_shows_results_with_two_years_of_values(app, anonymous, monkeypatch):
    from datetime import timedelta

    from planner.results.models import Measure, MeasureValue
    from planner.results.queries import plan_summaries

    monkeypatch.setenv("PLANNER_DEMO_PASSWORD", "demo-lösenord-123")
    app.test_cli_runner().invoke(args=["demo"])
    client = anonymous
    client.login("lasare@exempel.se", "demo-lösenord-123")
    plan = db.session.scalars(select(Plan).where(Plan.title.like("Regional%"))).one()
    summaries = plan_summaries(plan, local_today())
    assert len(summaries) >= 5
    states = {s.judgement.state for s in summaries}
    assert {"met", "missed"} <= states  # some meet their target, some do not
    assert any(s.due for s in summaries)  # and one is waiting for its latest period
    first = db.session.scalar(select(func.min(MeasureValue.period_start)))
    assert first <= local_today() - timedelta(days=2 * 365 - 120)
    units = db.session.scalar(
        select(func.count(func.distinct(MeasureValue.organisation_id))).join(Measure)
    )
    assert units >= 6
    response = client.get(f"/matt/{summaries[0].measure.id}")
    assert response.status_code == 200 and b"<svg" in response.data
