"""PDF rendering under load: each document fresh and kept, and a light PDF requested while
heavy ones render.

A region with one plan of N activities (each with an end date and a follow-up date in the
year, so the wheel with activity dates has 2·N activity markers) and two municipalities.

    .venv/bin/python bench/pdf.py [--activities 600] [--heavy 3]
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from common import PASSWORD, logged_in

from planner import create_app
from planner.auth.models import READER
from planner.auth.services import add_membership, create_user
from planner.clock import local_today
from planner.extensions import db
from planner.orgs.models import Organisation
from planner.orgs.services import create_organisation
from planner.plans import services
from planner.plans.template import AREA_CODES
from planner.wheel.services import add_national_template


def build(size: int, today: date, name: str) -> dict[str, int]:
    region = create_organisation(name, "region")
    for kommun in ("Norrby kommun", "Söderby kommun"):
        create_organisation(f"{kommun} ({name})", "kommun", parent=region)
    plan = services.create_plan_from_template(region, f"Plan med {size} aktiviteter", 2025, 2030)
    areas = {a.code: a.id for a in plan.areas}
    first = date(today.year, 1, 1)
    for n in range(size):
        services.create_activity(
            plan,
            services.ActivityData(
                title=f"Aktivitet {n}: förbättra överrapporteringen med SBAR",
                area_id=areas[AREA_CODES[n % 9]],
                responsible_name="Anna Lindqvist",
                organisation_ids=[region.id],
                due_date=first + timedelta(days=(n * 7) % 360),
                follow_up_date=first + timedelta(days=(n * 11) % 360),
            ),
        )
    add_national_template(region, today.year)
    return {"plan": plan.id, "region": region.id}


def timed_get(client, path: str) -> tuple[float, int]:
    start = time.perf_counter()
    response = client.get(path)
    return time.perf_counter() - start, response.status_code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--activities", type=int, default=600)
    parser.add_argument("--heavy", type=int, default=3, help="parallel heavy requests")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
        with app.app_context():
            db.create_all()
            user = create_user("lasare@exempel.se", "Läsare", PASSWORD)
            regions = [
                build(args.activities, local_today(), f"Region {n + 1}")
                for n in range(max(1, args.heavy))
            ]
            for ids in regions:
                add_membership(user, db.session.get(Organisation, ids["region"]), READER)
            db.session.commit()
        ids = regions[0]
        documents = {
            "report": f"/planer/{ids['plan']}/rapport.pdf",
            "wheel": f"/organisationer/{ids['region']}/arshjul.pdf",
            "wheel with activities": f"/organisationer/{ids['region']}/arshjul.pdf?aktiviteter=1",
            "roll-up": f"/organisationer/{ids['region']}/sammanstallning.pdf",
        }
        client = logged_in(app)
        print(f"{args.activities} activities; PDF_PARALLEL={app.config['PDF_PARALLEL']}")
        for label, path in documents.items():
            fresh, status = timed_get(client, path)
            kept, _status = timed_get(client, path)
            print(f"{label:24} fresh {fresh:6.2f} s   again {kept * 1000:8.1f} ms   ({status})")

        # Heavy renders of distinct documents (none kept yet) started at once, then a light
        # one never rendered before: how long does the light one wait?
        heavy = [f"/organisationer/{r['region']}/arshjul.pdf?aktiviteter=1" for r in regions[1:]]
        heavy.append(f"/organisationer/{ids['region']}/arshjul.pdf?aktiviteter=1&ringar=omrade")
        light_path = f"/organisationer/{regions[-1]['region']}/sammanstallning.pdf"
        results: dict[str, tuple[float, int]] = {}

        def fetch(path: str, heavy_client) -> None:
            results[path] = timed_get(heavy_client, path)

        threads = [threading.Thread(target=fetch, args=(p, logged_in(app))) for p in heavy]
        for thread in threads:
            thread.start()
        time.sleep(1.0)  # the heavy renders have begun
        light, light_status = timed_get(client, light_path)
        print(f"roll-up during {len(heavy)} heavy renders: {light:6.2f} s ({light_status})")
        for thread in threads:
            thread.join()
        for path in heavy:
            print(f"  heavy {path[-30:]:30} {results[path][0]:6.2f} s ({results[path][1]})")


if __name__ == "__main__":
    main()
