"""Feed size and build time: the demo's organisation-wide feed, and a feed of 1,000 events.

    .venv/bin/python bench/feed.py [--requests 50]

Builds the data in a temporary SQLite file and requests the feed through the app (full
answer and the 304 of a conditional request), printing median and 95th percentile.
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import timedelta

from common import demo_app, report, timed

from planner.clock import local_today
from planner.extensions import db
from planner.feeds import services as subscriptions
from planner.orgs.models import Organisation
from planner.wheel import services
from planner.wheel.services import EventData

CATEGORIES = ["apt", "dialog", "rapportering", "utbildning", "temadag", "matning", "mote"]


def measure(client, label: str, path: str, requests: int) -> None:
    times, response = timed(client, path, requests)
    events = response.get_data(as_text=True).count("BEGIN:VEVENT")
    report(f"{label}, {events} VEVENTs (full)", times, len(response.data))
    etag = response.headers["ETag"]
    times, response = timed(client, path, requests, {"If-None-Match": etag})
    assert response.status_code == 304
    report(f"{label} (304)", times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app, demo = demo_app(folder)
        client = app.test_client()  # no login: the link is enough
        measure(client, "demo feed", f"/flode/{demo['feed_token']}.ics", args.requests)
        with app.app_context():
            other = db.session.get(Organisation, demo["region_id"]).children[0]
            today = local_today()
            for n in range(1000):
                services.create_event(
                    other,
                    EventData(
                        f"Händelse {n}",
                        CATEGORIES[n % 7],
                        today + timedelta(days=n % 420 - 30),
                        description="Återkommande punkt i årshjulet. " * 3,
                        recurrence="yearly_date" if n % 3 else "once",
                    ),
                )
            _sub, token = subscriptions.create_subscription(
                other, "Tusen", None, include_sub=False, include_activities=False
            )
            db.session.commit()
        measure(client, "feed of 1,000 events", f"/flode/{token}.ics", args.requests)


if __name__ == "__main__":
    main()
