"""Render time of the yearly report for plans of 50, 300 and 1,000 activities, fresh and
served again from the kept PDF; with ``--measures`` each plan also follows that many measures
(two years of quarterly values for ten units each), so the results chapter is in the timing.

    .venv/bin/python bench/report.py [--sizes 50 300 1000] [--measures 0 20]
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
from planner.plans.template import AREA_CODES


def build(size: int, today, name: str = "") -> int:
    org = create_organisation(f"Region {name or size}", "region")
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


UNITS = 10


def add_measures(plan, count: int, today) -> int:
    """``count`` measures with eight quarters of values for ten units each; values entered."""
    from decimal import Decimal

    from planner.results.periods import latest_ended, periods_between
    from planner.results.services import MeasureData, ValueEntry, create_measure, record_period

    if not count:
        return 0
    units = [
        create_organisation(f"Enhet {n} i {plan.organisation.name}", "enhet", plan.organisation)
        for n in range(UNITS)
    ]
    last = latest_ended("quarterly", today)
    quarters = periods_between("quarterly", last.start - timedelta(days=7 * 91), last.end)
    entered = 0
    for m in range(count):
        measure = create_measure(
            plan,
            MeasureData(
                f"Mått {m}: följsamhet till rutin",
                AREA_CODES[m % 9],
                target=Decimal(90),
                warning=Decimal(80),
                source="Egen mätning",
            ),
        )
        for q, period in enumerate(quarters):
            entries = [
                ValueEntry(u.id, period.key, Decimal(70 + (m + q * 3 + n * 7) % 30), comment="")
                for n, u in enumerate(units)
            ]
            record_period(measure, period.key, entries)
            entered += len(entries)
    return entered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 300, 1000])
    parser.add_argument("--measures", type=int, nargs="+", default=[0, 20])
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
                for measures in args.measures:
                    plan_id = build(size, today, f"{size}-{measures}")
                    plan = db.session.get(Plan, plan_id)
                    values = add_measures(plan, measures, today)
                    plans[size, measures, values] = plan_id
                    add_membership(user, plan.organisation, READER)
            db.session.commit()
        client = logged_in(app)
        for (size, measures, values), plan_id in plans.items():
            path = f"/planer/{plan_id}/rapport.pdf"
            start = time.perf_counter()
            response = client.get(path)
            fresh = time.perf_counter() - start
            pages = len(PdfReader(io.BytesIO(response.data)).pages)
            start = time.perf_counter()
            client.get(path)
            cached = time.perf_counter() - start
            print(
                f"{size:5} activities, {measures:3} measures ({values:5} values): {pages:4} pages, "
                f"fresh {fresh:6.2f} s, kept {cached * 1000:6.1f} ms, "
                f"{len(response.data) / 1024:7.0f} KiB"
            )


if __name__ == "__main__":
    main()
