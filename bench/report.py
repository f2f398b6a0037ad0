"""Render time of the yearly report for plans of 50, 300 and 1,000 activities, fresh and
served again from the kept PDF.

    .venv/bin/python bench/report.py [--sizes 50 300 1000]
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from common import logged_in, sample_activity
from pypdf import PdfReader

from planner import create_app
from planner.auth.models import READER
from planner.auth.services import add_membership, create_user
from planner.clock import local_today
from planner.extensions import db
from planner.orgs.services import create_organisation
from planner.plans import services
from planner.plans.models import Plan


def build(size: int, today) -> int:
    org = create_organisation(f"Region {size}", "region")
    plan = services.create_plan_from_template(org, f"Plan med {size} aktiviteter", 2025, 2030)
    for n in range(size):
        activity = sample_activity(
            plan, org.id, n, today - timedelta(days=300), today + timedelta(days=(n % 200) - 60)
        )
        for step in range(3):
            services.record_progress(
                activity,
                today - timedelta(days=90 * (3 - step)),
                "pagar",
                20 * (step + 1),
                f"Steg {step} genomfört.",
            )
    return plan.id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 300, 1000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
        today = local_today()
        with app.app_context():
            db.create_all()
            user = create_user("lasare@exempel.se", "Läsare", "bench-password-1")
            plans = {}
            for size in args.sizes:
                plans[size] = build(size, today)
                add_membership(user, db.session.get(Plan, plans[size]).organisation, READER)
            db.session.commit()
        client = logged_in(app)
        for size, plan_id in plans.items():
            path = f"/planer/{plan_id}/rapport.pdf"
            start = time.perf_counter()
            response = client.get(path)
            fresh = time.perf_counter() - start
            pages = len(PdfReader(io.BytesIO(response.data)).pages)
            start = time.perf_counter()
            client.get(path)
            cached = time.perf_counter() - start
            print(
                f"{size:5} activities: {pages:4} pages, fresh {fresh:6.2f} s, "
                f"kept {cached * 1000:6.1f} ms, {len(response.data) / 1024:7.0f} KiB"
            )


if __name__ == "__main__":
    main()
