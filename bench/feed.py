"""Feed size and build time: the demo's organisation-wide feed, and a feed of 1,000 events.

    .venv/bin/python bench/feed.py [--requests 50]

Builds the data in a temporary SQLite file and requests the feed through the app (full
answer and the 304 of a conditional request), printing median and 95th percentile.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from planner import create_app
from planner.clock import local_today
from planner.demo.loader import load_demo
from planner.extensions import db
from planner.orgs.models import Organisation
from planner.wheel import services
from planner.wheel.services import EventData

CATEGORIES = ["apt", "dialog", "rapportering", "utbildning", "temadag", "matning", "mote"]


def timed(client, path: str, requests: int, headers=None) -> tuple[list[float], object]:
    times, response = [], None
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(path, headers=headers or {})
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times), response


def report(label: str, times: list[float], size: int | None = None) -> None:
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    extra = f"   {size / 1024:7.1f} KiB" if size is not None else ""
    print(f"{label:34} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms{extra}")


def measure(client, label: str, path: str, requests: int) -> None:
    client.get(path)
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
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
        with app.app_context():
            db.create_all()
            demo = load_demo(local_today(), "bench-password-1")
            region_id = demo.plan.organisation_id
            db.session.commit()
        client = app.test_client()
        measure(client, "demo feed", f"/flode/{demo.feed_token}.ics", args.requests)
        with app.app_context():
            other = db.session.get(Organisation, region_id).children[0]
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
            _sub, token = services.create_subscription(
                other, "Tusen", None, include_sub=False, include_activities=False
            )
            db.session.commit()
        measure(client, "feed of 1,000 events", f"/flode/{token}.ics", args.requests)


if __name__ == "__main__":
    main()
