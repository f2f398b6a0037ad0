"""The benchmark's data generator builds rows the app reads as its own (timings are in bench/)."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from bench.generate import generate
from planner import create_app
from planner.extensions import db
from planner.plans.models import Activity, ProgressUpdate


def test_generated_data_is_what_the_app_would_have_written(tmp_path):
    url = f"sqlite:///{tmp_path / 'bench.db'}"
    facts = generate(url, seed=3, scale=0.002)
    counts = facts["counts"]
    # The measured region at any scale, plus a sliver of the national set.
    assert counts["activity"] == 500 + 300 + 400
    assert counts["progress_update"] == 5000 + 900 + 2000
    assert counts["audit_event"] == counts["activity"] + counts["progress_update"]
    assert counts["wheel_event"] == 1000 + 40
    assert generate(f"sqlite:///{tmp_path / 'again.db'}", seed=3, scale=0.002) == facts

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x"})
    with app.app_context():
        # An activity's state is its latest progress update's, as services.record_progress keeps it.
        latest = (
            select(ProgressUpdate.activity_id, func.max(ProgressUpdate.id).label("last"))
            .group_by(ProgressUpdate.activity_id)
            .subquery()
        )
        rows = db.session.execute(
            select(Activity.status, ProgressUpdate.status)
            .join(latest, latest.c.activity_id == Activity.id)
            .join(ProgressUpdate, ProgressUpdate.id == latest.c.last)
        ).all()
        assert rows and all(a == u for a, u in rows)

    client = app.test_client()
    login = client.get("/logga-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login).group(1)
    data = {"email": facts["reader"], "password": facts["password"], "csrf_token": token}
    assert client.post("/logga-in", data=data).status_code == 302
    overview = client.get(f"/planer/{facts['large_plan_id']}")
    assert overview.status_code == 200
    assert "Handlingsplan för ökad patientsäkerhet" in overview.get_data(as_text=True)
    feed = client.get(f"/flode/{facts['feed_token']}.ics")
    assert feed.data.count(b"BEGIN:VEVENT") == 1000
    # Results: the BHK measure with 6,000 values and the results page of 50 measures.
    assert facts["measure_values"] == 6000
    assert counts["measure"] == 50 + 3 * (counts["plan"] - 2)
    assert client.get(f"/matt/{facts['measure_id']}").status_code == 200
    assert client.get(f"/planer/{facts['large_plan_id']}/resultat").status_code == 200
