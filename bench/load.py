"""50 concurrent clients for 60 seconds against gunicorn (locust, headless, bounded in time)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
USERS, SECONDS = 50, 60


def run_load(port: int, facts: dict, folder: Path, users: int = USERS, seconds: int = SECONDS):
    """Run locust and return a Markdown summary: throughput, median, p99, errors."""
    prefix = folder / "load"
    command = [
        str(Path(sys.executable).parent / "locust"),
        "-f",
        str(BENCH / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        "10",
        "--reset-stats",  # the steady state: counted once all clients are in and logged in
        "--run-time",  # the ramp (10 clients a second) plus the measured minute
        f"{seconds + users // 10}s",
        "--stop-timeout",
        "10",
        "--host",
        f"http://127.0.0.1:{port}",
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    env = dict(
        os.environ, BENCH_FACTS=json.dumps({k: v for k, v in facts.items() if k != "counts"})
    )
    with (folder / "locust.log").open("w") as log:
        subprocess.run(
            command,
            env=env,
            timeout=seconds + 120,
            check=False,
            cwd=BENCH.parent,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    with open(f"{prefix}_stats.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    failures = Path(f"{prefix}_failures.csv")
    lines = [
        f"### Belastning: {users} samtidiga klienter i {seconds} s (locust, gunicorn + databas)",
        "",
        "| förfrågan | antal | fel | median | p99 | per sekund |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    total = None
    for row in rows:
        line = (
            f"| {row['Name'] if row['Name'] != 'Aggregated' else '**alla**'} "
            f"| {int(row['Request Count']):,} | {row['Failure Count']} "
            f"| {row['Median Response Time']} ms | {row['99%']} ms "
            f"| {float(row['Requests/s']):.1f} |"
        )
        lines.append(line)
        if row["Name"] == "Aggregated":
            total = row
    errors = int(total["Failure Count"]) if total else -1
    lines.append("")
    lines.append(
        f"Genomströmning {float(total['Requests/s']):.0f} förfrågningar/s, 99:e percentilen "
        f"{total['99%']} ms, {errors} fel."
        if total
        else "locust gav inget resultat."
    )
    if errors and failures.exists():
        lines.append("Fel:\n" + failures.read_text())
    return "\n".join(lines)
