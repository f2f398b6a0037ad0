"""What the benchmark scripts share: a demo database, a logged-in client, timing."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from planner import create_app
from planner.clock import local_today
from planner.demo.loader import DemoResult, load_demo
from planner.extensions import db

PASSWORD = "bench-password-1"


def sample_activity(plan, org_id: int, number: int, start, due):
    """Activity ``number`` of a benchmark plan: the areas in turn, a typical title and text."""
    from planner.plans import services
    from planner.plans.template import AREA_CODES

    area = next(a.id for a in plan.areas if a.code == AREA_CODES[number % 9])
    return services.create_activity(
        plan,
        services.ActivityData(
            title=f"Aktivitet {number}: förbättra överrapporteringen med SBAR",
            area_id=area,
            description="Beskrivning av vad som ska göras och varför. " * 2,
            responsible_name="Anna Lindqvist",
            organisation_ids=[org_id],
            start_date=start,
            due_date=due,
        ),
    )


def demo_app(folder: str, database_url: str | None = None):
    """The app with the demo loaded: on a fresh SQLite file in ``folder``, or on the
    database at ``database_url`` (its tables are dropped and created anew)."""
    url = database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        if database_url:
            db.drop_all()
        db.create_all()
        demo: DemoResult = load_demo(local_today(), PASSWORD)
        db.session.commit()
        facts = {
            "plan_id": demo.plan.id,
            "region_id": demo.plan.organisation_id,
            "feed_token": demo.feed_token,
        }
        db.session.remove()
    return app, facts


def logged_in(app, email: str = "lasare@exempel.se"):
    client = app.test_client()
    response = client.get("/logga-in")
    token = response.get_data(as_text=True).split('name="csrf_token" type="hidden" value="')
    data = {"email": email, "password": PASSWORD}
    if len(token) > 1:
        data["csrf_token"] = token[1].split('"', 1)[0]
    assert client.post("/logga-in", data=data).status_code == 302
    return client


def timed(client, path: str, requests: int, headers=None):
    """Sorted times in ms of ``requests`` GETs (after one warm-up), and the last response."""
    client.get(path, headers=headers or {})
    times, response = [], None
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(path, headers=headers or {})
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times), response


def report(label: str, times: list[float], size: int | None = None) -> None:
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    extra = f"   {size / 1024:7.1f} KiB" if size is not None else ""
    print(f"{label:40} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms{extra}")
