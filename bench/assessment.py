"""The region's view of 290 municipalities' self-assessments, over HTTP, against the floor.

    .venv/bin/python -m bench.assessment --backend sqlite [--requests 50] [--seed 1]
    .ci/with-postgres.sh .venv/bin/python -m bench.assessment --backend postgresql

Builds its own database: "Region Mätby" with 290 municipalities below it, each with a decided
2025 self-assessment answering every question of the 2025 catalogue (random, seeded answers;
about 45 answers each, 13,000 in all), and the reader bench@exempel.se on the region. Serves it
with gunicorn (bench/run.py's Server) and times the login page (the floor) and the region's
view, interleaved. The goal (issue #17): the view within 4× the floor. Each process keeps a finished
view until its data changes (planner/assessment/region.py); the last row times building it
anew, in this process. bench/run.py runs this too, after its own table.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url

from bench.generate import PASSWORD, READER_EMAIL, Writer, build_schema, municipality_names

MUNICIPALITIES = 290
YEAR = 2025
GOAL = 4  # × the login page


def generate(url: str, seed: int = 1) -> dict:
    """Fill an empty database; the ids and counts the measurement needs."""
    import planner.assessment.models  # noqa: F401 - the tables
    import planner.auth.models  # noqa: F401
    from planner.assessment.catalogue import SHIPPED, _load
    from planner.auth.passwords import hash_password
    from planner.extensions import db

    engine = create_engine(url)
    if "organisation" not in inspect(engine).get_table_names():
        build_schema(url)
    t = db.Model.metadata.tables
    with engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(t["organisation"])).scalar():
            raise SystemExit("The database already holds organisations: give an empty one.")
    path = SHIPPED / f"{YEAR}.json"
    catalogue = _load(str(path), path.stat().st_mtime_ns, path.stat().st_size)
    rng = random.Random(seed)
    now = datetime.now(UTC)
    writer = Writer(engine)
    names = municipality_names(rng, MUNICIPALITIES)
    orgs = [(1, "Region Mätby", "region", None)]
    orgs += [(n, name, "kommun", 1) for n, name in enumerate(names, start=2)]
    writer.write(
        t["organisation"],
        ("id", "name", "kind", "parent_id", "created_at", "updated_at"),
        ((*o, now, now) for o in orgs),
    )
    writer.write(
        t["user_account"],
        (
            "id",
            "email",
            "name",
            "password_hash",
            "is_system_admin",
            "active",
            "created_at",
            "updated_at",
        ),  # fmt: skip
        [(1, READER_EMAIL, "Bänk Läsare", hash_password(PASSWORD), False, True, now, now)],
    )
    writer.write(
        t["membership"],
        ("id", "user_id", "organisation_id", "role", "created_at", "updated_at"),
        [(1, 1, 1, "lasare", now, now)],
    )
    assessments, answers = [], []
    for number, (org_id, *_rest) in enumerate(orgs[1:], start=1):
        assessments.append((number, org_id, YEAR, "decided", now, "Bänk Läsare", None, 1, now, now))
        given: dict[str, str] = {}
        for question in catalogue.questions:
            if question.parent and given.get(question.parent) not in ("yes", "partly"):
                continue
            value = rng.choices(("yes", "partly", "no", "dont_know"), (6, 1, 3, 1))[0]
            given[question.code] = value
            answers.append(
                (len(answers) + 1, number, question.code, value, "", "", "", 1, now, now)
            )
    writer.write(
        t["assessment"],
        (
            "id",
            "organisation_id",
            "year",
            "status",
            "decided_at",
            "decided_by_name",
            "decided_by_id",
            "version",
            "created_at",
            "updated_at",
        ),  # fmt: skip
        assessments,
    )
    writer.write(
        t["assessment_answer"],
        (
            "id",
            "assessment_id",
            "question_code",
            "value",
            "comment",
            "link",
            "answered_by_name",
            "version",
            "created_at",
            "updated_at",
        ),  # fmt: skip
        answers,
    )
    writer.reset_sequences(
        [
            t["organisation"],
            t["user_account"],
            t["membership"],
            t["assessment"],
            t["assessment_answer"],
        ]  # fmt: skip
    )
    if writer.postgres:  # as autovacuum would, in time: the planner needs the tables' sizes
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))
    engine.dispose()
    return {"region_id": 1, "answers": len(answers), "assessments": len(assessments)}


def measure(url: str, facts: dict, requests: int, log: Path) -> dict[str, list[float]]:
    from bench.run import Client, Server

    view = f"/organisationer/{facts['region_id']}/sjalvskattning/{YEAR}/underorganisationer"
    with Server(url, log) as server:
        anonymous, reader = Client(server.port), Client(server.port)
        reader.login(READER_EMAIL, PASSWORD)
        probes = {"floor": (anonymous, "/logga-in"), "view": (reader, view)}
        times: dict[str, list[float]] = {key: [] for key in probes}
        for client, path in probes.values():
            for _ in range(5):  # warm-up: every worker loads its code and the catalogue
                status, _headers, body = client.get(path)
                if status != 200:
                    raise SystemExit(f"{path}: {status}")
        for _ in range(requests):
            for key, (client, path) in probes.items():
                start = time.perf_counter()
                status, _headers, body = client.get(path)
                times[key].append((time.perf_counter() - start) * 1000)
                if status != 200:
                    raise SystemExit(f"{path}: {status}")
        if b"av 290 underorganisationer" not in body and key == "view":
            raise SystemExit("the region's view does not count 290 municipalities")
    return times


def build_in_process(url: str, facts: dict, requests: int = 5) -> list[float]:
    """The view built every time (its kept copy dropped), through the app in this process."""
    from planner import create_app
    from planner.assessment import region
    from planner.extensions import db
    from planner.orgs.models import Organisation

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x"})
    times = []
    with app.app_context():
        root = db.session.get(Organisation, facts["region_id"])
        for _ in range(requests + 1):
            region._kept.clear()
            start = time.perf_counter()
            region.region_view(root, YEAR)
            times.append((time.perf_counter() - start) * 1000)
        db.engine.dispose()
    return times[1:]


def table(backend: str, facts: dict, times: dict[str, list[float]]) -> str:
    from bench.run import p95

    floor = statistics.median(times["floor"])
    view = statistics.median(times["view"])
    met = "uppnått" if view <= GOAL * floor else "MISSAT"
    return "\n".join(
        [
            f"### {backend}: självskattningar, regionens vy över {MUNICIPALITIES} kommuner "
            f"({facts['answers']:,} svar)",
            "",
            "| mätning | median | p95 | × golvet | mål |",
            "| --- | ---: | ---: | ---: | --- |",
            f"| inloggningssidan, anonym (golvet) | {floor:.1f} ms | {p95(times['floor']):.1f} ms "
            "| 1.0 | |",
            f"| regionens vy, {MUNICIPALITIES} kommuners självskattningar | {view:.1f} ms "
            f"| {p95(times['view']):.1f} ms | {view / floor:.1f} | ≤ {GOAL}× golvet: {met} |",
            f"| vyn byggd varje gång (sparad vy av, i processen) "
            f"| {statistics.median(times['build']):.1f} ms | {p95(times['build']):.1f} ms | | |",
        ]
    )


def database_url(backend: str, folder: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{Path(folder) / 'assessment.db'}"
    base = os.environ.get("PLANNER_TEST_DATABASE_URL")
    if not base:
        raise SystemExit("run under .ci/with-postgres.sh (PLANNER_TEST_DATABASE_URL is unset)")
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS bench_assessment"))
        conn.execute(text("CREATE DATABASE bench_assessment"))
    engine.dispose()
    return make_url(base).set(database="bench_assessment").render_as_string(hide_password=False)


def run(backend: str, folder: str, requests: int = 50, seed: int = 1) -> str:
    """Generate, serve, time; the result as a Markdown table."""
    url = database_url(backend, folder)
    start = time.perf_counter()
    facts = generate(url, seed)
    print(f"  självskattningar genererade på {time.perf_counter() - start:.0f} s", flush=True)
    times = measure(url, facts, requests, Path(folder) / "gunicorn-assessment.log")
    times["build"] = build_in_process(url, facts)
    return table(backend, facts, times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), required=True)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="planner-bench-assessment-") as folder:
        print(run(args.backend, folder, args.requests, args.seed), flush=True)


if __name__ == "__main__":
    main()
