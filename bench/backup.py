"""Export and restore time of an organisation subtree: plans of 300 and 1,000 activities
(three progress updates each, and the history they wrote), SQLite file to SQLite file.

    .venv/bin/python bench/backup.py [--sizes 300 1000] [--target-url postgresql://…]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from report import build

from planner import create_app
from planner.audit.recorder import acting_as
from planner.backup.dump import dump_bytes
from planner.backup.format import parse
from planner.backup.restore import restore
from planner.clock import local_today
from planner.extensions import db
from planner.plans.models import Plan


def without_time(data: bytes) -> list[bytes]:
    return [line for line in data.splitlines() if b'"exported_at"' not in line]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000])
    parser.add_argument("--target-url", help="restore here instead of a second SQLite file")
    args = parser.parse_args()
    today = local_today()
    with tempfile.TemporaryDirectory() as folder:
        source = create_app(
            {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'a.db'}", "SECRET_KEY": "b"}
        )
        for size in args.sizes:
            with source.app_context():
                db.drop_all()
                db.create_all()
                with acting_as("bench"):
                    plan_id = build(size, today)
                db.session.commit()
                root = db.session.get(Plan, plan_id).organisation
                start = time.perf_counter()
                data = dump_bytes(root)
                exported = time.perf_counter() - start
            url = args.target_url or f"sqlite:///{Path(folder) / 'b.db'}"
            target = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "b"})
            with target.app_context():
                db.drop_all()
                db.create_all()
                start = time.perf_counter()
                summary = restore(parse(data))
                db.session.commit()
                restored = time.perf_counter() - start
                again = dump_bytes(summary.root)
                db.session.remove()
                db.drop_all()
            rows = sum(summary.counts.values())
            print(
                f"{size:5} activities: {rows:6} rows, {len(data) / 1024:7.0f} KiB, "
                f"export {exported:5.2f} s, restore {restored:5.2f} s, "
                f"export again identical: {without_time(again) == without_time(data)}"
            )


if __name__ == "__main__":
    main()
