"""Time the demo plan's pages for a logged-in reader: median and 95th percentile.

.venv/bin/python bench/overview.py [--requests 200]
"""

from __future__ import annotations

import argparse
import tempfile

from common import demo_app, logged_in, report, timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app, demo = demo_app(folder)
        times, _response = timed(app.test_client(), "/logga-in", args.requests)
        report("login page, anonymous (floor)", times)
        client = logged_in(app)
        plan = demo["plan_id"]
        for label, path in (
            ("plan overview", f"/planer/{plan}"),
            ("activity list", f"/planer/{plan}/aktiviteter"),
            ("annual wheel", f"/organisationer/{demo['region_id']}/arshjul"),
        ):
            times, response = timed(client, path, args.requests)
            assert response.status_code == 200, path
            report(label, times)


if __name__ == "__main__":
    main()
