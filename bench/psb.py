"""The PSB of a region with 300 activities and 20 measures: its PDF and Word file rendered
fresh (a draft, every download) and served kept (once decided), over HTTP from gunicorn,
against the login page (the floor) measured in the same run.

    .venv/bin/python -m bench.psb [--activities 300] [--measures 20] [--requests 30]

Targets (issue #19): fresh ≤ 5 s for each file; kept ≤ 2× the floor. ``bench.run`` calls
``run`` after its own tables, on the same backend.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from bench.common import sample_activity
from bench.run import Client, Server, p95

PASSWORD = "bench-password-1"
YEAR = 2026


def build(url: str, activities: int, measures: int) -> int:
    """A region, its plan with ``activities`` (three progress entries each, a third done in
    YEAR) and ``measures`` quarterly measures with a value per quarter, a unit's ready part,
    and a draft PSB for YEAR; the report's id."""
    from planner import create_app
    from planner.auth.models import READER
    from planner.auth.services import add_membership, create_user
    from planner.extensions import db
    from planner.orgs.services import create_organisation
    from planner.plans import services
    from planner.plans.template import AREA_CODES
    from planner.psb import contributions
    from planner.psb import services as psb
    from planner.results import services as results

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        db.create_all()
        region = create_organisation("Region PSB-mätning", "region")
        unit = create_organisation("Akutkliniken", "enhet", region)
        reader = create_user("lasare@exempel.se", "Läsare", PASSWORD)
        add_membership(reader, region, READER)
        writer = create_user("skribent@exempel.se", "Skribent", PASSWORD)
        add_membership(writer, unit, READER)
        plan = services.create_plan_from_template(region, "Handlingsplan", 2025, 2030)
        start = date(YEAR, 1, 10)
        for n in range(activities):
            due = start + timedelta(days=60 + n % 500)
            activity = sample_activity(plan, region.id, n, start, due)
            for step in range(3):
                done = n % 3 == 0 and step == 2
                services.record_progress(
                    activity,
                    start + timedelta(days=90 * (step + 1)),
                    "klar" if done else "pagar",
                    100 if done else 20 * (step + 1),
                    f"Steg {step} genomfört.",
                )
        for n in range(measures):
            measure = results.create_measure(
                plan,
                results.MeasureData(
                    f"Mått {n + 1}: följsamhet till rutinen",
                    AREA_CODES[n % 9],
                    target=Decimal(80),
                ),
            )
            for quarter in range(1, 5):
                value = Decimal(60 + (n * 3 + quarter * 5) % 40)
                entry = results.ValueEntry(region.id, f"{YEAR}-Q{quarter}", value)
                results.record_value(measure, entry)
        report = psb.create_report(region, YEAR)
        data = contributions.RequestData(unit.id, writer.id, date(YEAR + 1, 2, 1), ["summary"])
        part = contributions.request_parts(report, data).parts[0]
        contributions.save_part(part, "Akutens del: **triage** dygnet runt.", True, "Skribent")
        db.session.commit()
        return report.id


def decide(url: str, report_id: int) -> None:
    from planner import create_app
    from planner.extensions import db
    from planner.psb import services as psb
    from planner.psb.models import SafetyReport

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
    with app.app_context():
        psb.decide(db.session.get(SafetyReport, report_id), "Regionstyrelsen")
        db.session.commit()


def timed(client: Client, path: str, count: int, magic: bytes) -> list[float]:
    times = []
    for _ in range(count):
        start = time.perf_counter()
        status, _headers, body = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        if status != 200 or not body.startswith(magic):
            raise SystemExit(f"{path}: {status}")
    return times


FILES = (("pdf", b"%PDF", "PDF"), ("docx", b"PK", "Word"))


def run(url: str, folder: Path, activities: int = 300, measures: int = 20, requests: int = 30):
    """Build, serve and measure; the table as Markdown lines."""
    started = time.perf_counter()
    report_id = build(url, activities, measures)
    built = time.perf_counter() - started
    base = f"/psb/{report_id}/patientsakerhetsberattelse"
    lines = [
        f"### PSB: region med {activities} aktiviteter och {measures} mått "
        f"(byggd på {built:.0f} s)",
        "",
        "| mätning | median | p95 | × golvet | mål |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    with Server(url, folder / "gunicorn-psb.log") as server:
        anonymous, reader = Client(server.port), Client(server.port)
        reader.login("lasare@exempel.se", PASSWORD)
        fresh = {}
        for ext, magic, _label in FILES:
            timed(reader, f"{base}.{ext}", 1, magic)  # warm-up: each worker's first render
            fresh[ext] = timed(reader, f"{base}.{ext}", 3, magic)
        decide(url, report_id)
        for ext, magic, _label in FILES:
            timed(reader, f"{base}.{ext}", 1, magic)  # rendered from the frozen copy, kept
        timed(anonymous, "/logga-in", 5, b"<!doctype")
        for ext, magic, _label in FILES:  # every worker once: its first request costs more
            timed(reader, f"{base}.{ext}", 6, magic)
        floor = timed(anonymous, "/logga-in", requests, b"<!doctype")
        kept = {ext: timed(reader, f"{base}.{ext}", requests, m) for ext, m, _l in FILES}
    floor_median = statistics.median(floor)
    lines.append(
        f"| inloggningssidan (golvet) | {floor_median:.1f} ms | {p95(floor):.1f} ms | 1.0 | |"
    )
    for ext, _magic, label in FILES:
        median = statistics.median(fresh[ext])
        verdict = "uppnått" if median <= 5000 else "MISSAT"
        lines.append(
            f"| {label}, utkast (ny varje gång) | {median / 1000:.2f} s | "
            f"{p95(fresh[ext]) / 1000:.2f} s | {median / floor_median:.0f} | ≤ 5 s: {verdict} |"
        )
    for ext, _magic, label in FILES:
        median = statistics.median(kept[ext])
        ratio = median / floor_median
        verdict = "uppnått" if ratio <= 2 else "MISSAT"
        lines.append(
            f"| {label}, beslutad (sparad) | {median:.1f} ms | {p95(kept[ext]):.1f} ms | "
            f"{ratio:.1f} | ≤ 2× golvet: {verdict} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--activities", type=int, default=300)
    parser.add_argument("--measures", type=int, default=20)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="planner-psb-") as folder:
        url = f"sqlite:///{Path(folder) / 'psb.db'}"
        lines = run(url, Path(folder), args.activities, args.measures, args.requests)
        print("\n".join(lines))


if __name__ == "__main__":
    main()
