"""Time the demo plan's overview page: median and 95th percentile of repeated requests.

    .venv/bin/python bench/overview.py [--requests 200]

Builds the demo in a temporary SQLite file (or PLANNER_DATABASE_URL) and prints the numbers.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from planner import create_app
from planner.clock import local_today
from planner.demo.loader import load_demo
from planner.extensions import db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
        with app.app_context():
            db.create_all()
            plan_id = load_demo(local_today()).plan.id
            db.session.commit()
            db.session.remove()
        client = app.test_client()
        for path in (f"/planer/{plan_id}", f"/planer/{plan_id}/aktiviteter"):
            client.get(path)  # warm up templates and caches
            times = []
            for _ in range(args.requests):
                start = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200
            times.sort()
            p95 = times[int(len(times) * 0.95) - 1]
            print(
                f"{path:32} median {statistics.median(times):6.1f} ms   "
                f"p95 {p95:6.1f} ms   ({args.requests} requests, SQLite)"
            )


if __name__ == "__main__":
    main()
