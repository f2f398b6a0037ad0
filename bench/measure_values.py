"""Time the measure values due (issue 16) at scale: the reminders' measure source over many
measures with responsible people, and My work for a person responsible for many measures.

    .venv/bin/python -m bench.measure_values [--measures 20000] [--mine 200] [--requests 20]

On the demo (a temporary SQLite file): ``--measures`` quarterly and monthly measures are added
to the demo plan, spread over the demo's accounts, half of them with a value for their latest
ended period; the editor answers for ``--mine`` of them. Prints the time to read every notice
of the source (one reminders run's share), the My work page against the login page (the
floor), and the SQL statements per page.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import timedelta

from sqlalchemy import event, insert, select

from bench.common import demo_app, logged_in, report, timed
from planner.auth.models import User
from planner.clock import local_today
from planner.extensions import db
from planner.reminders.sources import LeadDays, measures
from planner.results.models import Measure, MeasureValue
from planner.results.periods import latest_ended

EDITOR = "redaktor@exempel.se"


def add_measures(app, plan_id: int, region_id: int, count: int, mine: int) -> None:
    today = local_today()
    with app.app_context():
        editor = db.session.scalar(select(User.id).where(User.email == EDITOR))
        others = select(User.id).where(User.id != editor).order_by(User.id)
        people = list(db.session.scalars(others))
        rows = []
        for n in range(count):
            rhythm = "monthly" if n % 3 == 0 else "quarterly"
            rows.append(
                {
                    "plan_id": plan_id,
                    "name": f"Mått {n}",
                    "definition": "",
                    "numerator_text": "",
                    "denominator_text": "",
                    "unit": "percent",
                    "direction": "higher",
                    "rhythm": rhythm,
                    "source": "",
                    "area_code": "F3",
                    "on_wheel": False,
                    "position": 100 + n,
                    "version": 1,
                    "responsible_user_id": editor if n < mine else people[n % len(people)],
                }
            )
        db.session.execute(insert(Measure), rows)
        added = db.session.execute(
            select(Measure.id, Measure.rhythm).where(Measure.position >= 100)
        ).all()
        values = []
        for k, (measure_id, rhythm) in enumerate(added):
            if k % 2:
                continue
            period = latest_ended(rhythm, today)
            values.append(
                {
                    "measure_id": measure_id,
                    "organisation_id": region_id,
                    "period": period.key,
                    "period_start": period.start,
                    "period_end": period.end,
                    "value": 90,
                    "comment": "",
                    "recorded_by": "bench",
                    "version": 1,
                }
            )
        db.session.execute(insert(MeasureValue), values)
        db.session.commit()


def source_run(app, runs: int = 3) -> list[float]:
    """Seconds to read every notice of the measure source, ``runs`` times (sorted)."""
    times = []
    with app.app_context():
        for _ in range(runs):
            start = time.perf_counter()
            found = sum(1 for _n in measures.notices(local_today(), LeadDays()))
            times.append(time.perf_counter() - start)
            db.session.remove()
    print(f"  notices per run: {found:,}")
    return sorted(times)


def statements(app, client, path: str) -> int:
    seen = []

    def count(*_args):
        seen.append(1)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        client.get(path)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--measures", type=int, default=20000)
    parser.add_argument("--mine", type=int, default=200)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app, facts = demo_app(folder)
        add_measures(app, facts["plan_id"], facts["region_id"], args.measures, args.mine)
        print(f"{args.measures:,} measures with a responsible person (SQLite)")
        times = source_run(app)
        print(f"reminders, measure source (full read)    best {times[0]:.2f} s of {len(times)}")
        floor = app.test_client()
        report("login page, anonymous (the floor)", timed(floor, "/logga-in", args.requests)[0])
        client = logged_in(app, EDITOR)
        path = "/mitt-arbete?veckor=" + str(max(1, (timedelta(days=35).days // 7)))
        times, response = timed(client, path, args.requests)
        rows = response.get_data(as_text=True).count('class="work-item"')
        report(f"My work, {rows} rows", times)
        print(f"  statements per page: {statements(app, client, path)}")


if __name__ == "__main__":
    main()
