"""Time the annual wheel with 1,000 events (as Mätby förvaltning has in the national data
set): the page, the SVG download; median and 95th percentile.

.venv/bin/python bench/wheel.py [--requests 20] [--events 1000]
"""

from __future__ import annotations

import argparse
import random
import tempfile
from datetime import time, timedelta

from common import demo_app, logged_in, report, timed

from planner.clock import local_today
from planner.extensions import db

TITLES = ("APT-tema", "Patientsäkerhetsdialog", "Mätning av trycksår", "Utbildning i HLR")
KINDS = ("once", "yearly_date", "yearly_date", "monthly_day")  # as bench/generate.py
CATEGORIES = ("apt", "dialog", "rapportering", "utbildning", "temadag", "matning", "mote")


def add_events(app, org_id: int, count: int) -> None:
    from planner.orgs.models import Organisation
    from planner.wheel.services import EventData, create_event

    rng, today = random.Random(1), local_today()
    with app.app_context():
        org = db.session.get(Organisation, org_id)
        for n in range(count):
            timed_event = n % 5 == 0
            kind = KINDS[n % 4]
            create_event(
                org,
                EventData(
                    f"{TITLES[n % len(TITLES)]} {n + 1}",
                    CATEGORIES[n % 7],
                    today + timedelta(days=rng.randint(-30, 390)),
                    all_day=not timed_event,
                    start_time=time(9 + n % 6) if timed_event else None,
                    duration_minutes=90 if timed_event else None,
                    recurrence=kind,
                    count=12 if kind == "monthly_day" else None,
                ),
            )
        db.session.commit()
        db.session.remove()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--events", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app, demo = demo_app(folder)
        add_events(app, demo["region_id"], args.events)
        client = logged_in(app)
        region = demo["region_id"]
        next_year = local_today().year + 1
        for label, path in (
            (f"wheel page, {args.events} events", f"/organisationer/{region}/arshjul"),
            (f"wheel SVG, {args.events} events", f"/organisationer/{region}/arshjul.svg"),
            # Next year holds most of the occurrences (starts spread over 14 months).
            ("wheel page, next year", f"/organisationer/{region}/arshjul?ar={next_year}"),
            ("wheel SVG, next year", f"/organisationer/{region}/arshjul.svg?ar={next_year}"),
        ):
            times, response = timed(client, path, args.requests)
            assert response.status_code == 200, path
            report(label, times, len(response.data))


if __name__ == "__main__":
    main()
