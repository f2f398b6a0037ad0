"""`make bench`: the app under gunicorn on loopback, timed over HTTP on a national data set.

    .venv/bin/python -m bench.run --backend sqlite [--scale 1.0] [--seed 1] [--requests 100]
    .ci/with-postgres.sh .venv/bin/python -m bench.run --backend postgresql [--load]

For the backend it builds two databases with bench/generate.py: the national set at
``--scale`` and the measured region alone (scale 0). Each is served by gunicorn (gthread
workers) on a free loopback port and measured with a keep-alive HTTP client as the reader
bench@exempel.se: median and 95th percentile of each page, its ratio to the login page (the
floor) measured in the same run, the targets of issue #8, and whether each page's time on the
national set stays within 20 % of the region alone. On PostgreSQL the server URL comes from
PLANNER_TEST_DATABASE_URL (set by .ci/with-postgres.sh) and two databases are created next to
it. ``--load`` then runs locust (bench/locustfile.py) against the national server.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.generate import generate

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORKERS, THREADS = 3, 4
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


# --- the server ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn serving the app on ``url``; stopped (its whole group) on leaving."""

    def __init__(self, url: str, log: Path):
        self.url, self.log = url, log
        self.port = free_port()

    def __enter__(self) -> Server:
        env = dict(
            os.environ,
            PLANNER_DATABASE_URL=self.url,
            PLANNER_SECRET_KEY="bench-" + os.urandom(8).hex(),
        )
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "--workers",
                str(WORKERS),
                "--worker-class",
                "gthread",
                "--threads",
                str(THREADS),
                "--timeout",
                "180",
                "--bind",
                f"127.0.0.1:{self.port}",
                "planner:create_app()",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped; see {self.log}")
            try:
                status = Client(self.port).get("/logga-in")[0]
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise SystemExit(f"gunicorn did not answer; see {self.log}")

    def __exit__(self, *exc) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


# --- the client ---------------------------------------------------------------------------


class Client:
    """One keep-alive connection with a cookie jar (what a browser tab does)."""

    def __init__(self, port: int):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection.close()  # the server closed an idle connection: reconnect
                if attempt == 2:
                    raise
        for value in response.headers.get_all("Set-Cookie") or ():
            cookie = SimpleCookie()
            cookie.load(value)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        return response.status, response.headers, data

    def get(self, path: str, headers=None):
        return self.request("GET", path, headers=headers)

    def login(self, email: str, password: str) -> None:
        _status, _headers, page = self.get("/logga-in")
        token = CSRF.search(page.decode()).group(1)
        form = urlencode({"email": email, "password": password, "csrf_token": token})
        status, _h, _b = self.request(
            "POST",
            "/logga-in",
            body=form,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        if status != 302:
            raise SystemExit(f"login as {email} failed ({status})")


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[max(0, round(len(ordered) * 0.95) - 1)]


# --- what is measured ---------------------------------------------------------------------

PAGES = (
    ("floor", "inloggningssidan, anonym (golvet)"),
    ("overview", "översikt, plan med 500 aktiviteter"),
    ("list", "aktivitetslistan, filter område+status"),
    ("activity", "en aktivitet (10 framsteg)"),
    ("feed", "flöde med 1 000 händelser, helt"),
    ("feed304", "flöde med 1 000 händelser, 304"),
    ("report", "årsrapport 300 aktiviteter, ny"),
    ("report_kept", "årsrapport 300 aktiviteter, sparad"),
    ("results", "resultatsidan, 50 mått"),
    ("measure", "ett mått med 6 000 värden (50 enheter × 10 år)"),
)


class World:
    """One served database and the clients that measure it."""

    def __init__(self, url: str, facts: dict, server: Server):
        self.url, self.facts = url, facts
        self.engine = create_engine(url)
        self.anonymous = Client(server.port)
        self.reader = Client(server.port)
        self.reader.login(facts["reader"], facts["password"])
        self.feed_client = Client(server.port)
        plan, feed = facts["large_plan_id"], f"/flode/{facts['feed_token']}.ics"
        for _ in range(WORKERS * 3):  # each worker builds the feed once
            self.feed_client.get(feed)
        status, headers, body = self.feed_client.get(feed)
        facts["feed_events"] = body.count(b"BEGIN:VEVENT")
        facts["feed_kib"] = len(body) / 1024
        report = f"/planer/{facts['report_plan_id']}/rapport.pdf"
        self.probes = {
            "floor": (self.anonymous, "/logga-in", None, 200),
            "overview": (self.reader, f"/planer/{plan}", None, 200),
            "list": (self.reader, f"/planer/{plan}/aktiviteter?omrade=F1&status=pagar", None, 200),
            "activity": (self.reader, f"/aktiviteter/{facts['activity_id']}", None, 200),
            "feed": (self.feed_client, feed, None, 200),
            "feed304": (self.feed_client, feed, {"If-None-Match": headers["ETag"]}, 304),
            "report": (self.reader, report, None, 200),
            "report_kept": (self.reader, report, None, 200),
            "results": (self.reader, f"/planer/{plan}/resultat", None, 200),
            "measure": (self.reader, f"/matt/{facts['measure_id']}", None, 200),
        }

    def forget_report(self) -> None:
        """A change to the plan (its version is in the report's data key): the next request
        renders anew, as after an edit; the copies the workers keep in memory do not match."""
        with self.engine.begin() as conn:
            conn.execute(
                text("UPDATE plan SET version = version + 1 WHERE id = :p"),
                {"p": self.facts["report_plan_id"]},
            )

    def once(self, key: str) -> float:
        client, path, headers, expect = self.probes[key]
        if key == "report":
            self.forget_report()
        start = time.perf_counter()
        status, _headers, body = client.get(path, headers)
        elapsed = (time.perf_counter() - start) * 1000
        if status != expect or (key.startswith("report") and not body.startswith(b"%PDF")):
            raise SystemExit(f"{path}: {status}, expected {expect}")
        return elapsed


def measure(worlds: list[World], requests: int, report_renders: int) -> list[dict]:
    """Each page in turn, the worlds' requests interleaved (so drift hits both alike)."""
    results: list[dict] = [{} for _ in worlds]
    for key, _label in PAGES:
        count = report_renders if key == "report" else requests
        if key != "report":
            for world in worlds:
                for _ in range(3):
                    world.once(key)  # warm-up
        for _ in range(count):
            for world, result in zip(worlds, results, strict=True):
                result.setdefault(key, []).append(world.once(key))
    return results


def feed_build_in_process(url: str, facts: dict, requests: int = 5) -> list[float]:
    """The feed built every time (cache off), through the app in this process."""
    from planner import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x", "FEED_CACHE_BYTES": 0})
    client = app.test_client()
    path = f"/flode/{facts['feed_token']}.ics"
    client.get(path)
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        assert client.get(path).status_code == 200
        times.append((time.perf_counter() - start) * 1000)
    return times


def target(key: str, median: float, floor: float) -> str:
    ratio = median / floor
    rules = {
        "overview": (ratio <= 4, "≤ 4× golvet"),
        "feed": (median <= 150, "≤ 150 ms"),
        "feed304": (ratio <= 2, "≤ 2× golvet"),
        "report": (median <= 3000, "≤ 3 s"),
        "report_kept": (ratio <= 2, "≤ 2× golvet"),
        "results": (ratio <= 4, "≤ 4× golvet"),
        "measure": (ratio <= 4, "≤ 4× golvet"),
    }
    if key not in rules:
        return ""
    met, rule = rules[key]
    return f"{rule}: {'uppnått' if met else 'MISSAT'}"


def table(backend: str, national: dict, alone: dict, facts: dict, build: list[float]) -> str:
    floor = statistics.median(national["floor"])
    alone_floor = statistics.median(alone["floor"])
    lines = [
        f"### {backend}: nationell datamängd ({facts['counts'].get('activity', 0):,} "
        f"aktiviteter), jämfört med Region Mätby ensam",
        "",
        "| mätning | median | p95 | × golvet | ensam: median | × golvet | nationellt mot ensam "
        "| mål |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for key, label in PAGES:
        times, other = national[key], alone[key]
        median, lone = statistics.median(times), statistics.median(other)
        ratio, lone_ratio = median / floor, lone / alone_floor
        change = (median / lone - 1) * 100
        flag = "" if abs(change) <= 20 or key in ("floor", "report") else " ⚠"
        unit = (lambda v: f"{v / 1000:.2f} s") if key == "report" else (lambda v: f"{v:.1f} ms")
        lines.append(
            f"| {label} | {unit(median)} | {unit(p95(times))} | {ratio:.1f} | {unit(lone)} "
            f"| {lone_ratio:.1f} | {change:+.0f} %{flag} | {target(key, median, floor)} |"
        )
    lines.append(
        f"| flödet byggt varje gång (cache av, i processen) | {statistics.median(build):.0f} ms "
        f"| {p95(build):.0f} ms | | | | | |"
    )
    lines.append("")
    lines.append(
        f"Flödet: {facts['feed_events']} VEVENT, {facts['feed_kib']:.0f} KiB. "
        f"Genereringen tog {facts['seconds']:.0f} s (nationellt) på {backend}."
    )
    return "\n".join(lines)


# --- databases ----------------------------------------------------------------------------


def postgres_database(name: str) -> str:
    """A fresh, empty database ``name`` next to PLANNER_TEST_DATABASE_URL; its URL."""
    base = os.environ.get("PLANNER_TEST_DATABASE_URL")
    if not base:
        raise SystemExit("run under .ci/with-postgres.sh (PLANNER_TEST_DATABASE_URL is unset)")
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        conn.execute(text(f"CREATE DATABASE {name}"))
    engine.dispose()
    return make_url(base).set(database=name).render_as_string(hide_password=False)


def postgres_urls() -> tuple[str, str]:
    return postgres_database("bench_national"), postgres_database("bench_alone")


def generated(url: str, seed: int, scale: float) -> dict:
    start = time.perf_counter()
    facts = generate(url, seed, scale)
    facts["seconds"] = time.perf_counter() - start
    print(
        f"  genererat (skala {scale}) på {facts['seconds']:.0f} s: "
        + ", ".join(f"{k} {v:,}" for k, v in facts["counts"].items()),
        flush=True,
    )
    return facts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), required=True)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--report-renders", type=int, default=3)
    parser.add_argument("--load", action="store_true", help="then 50 clients for 60 s (locust)")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN the hot queries (PG)")
    parser.add_argument("--out", type=Path, help="also write the table (Markdown) here")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="planner-bench-") as folder:
        log = Path(folder) / "gunicorn.log"
        if args.backend == "sqlite":
            national_url = f"sqlite:///{Path(folder) / 'national.db'}"
            alone_url = f"sqlite:///{Path(folder) / 'alone.db'}"
        else:
            national_url, alone_url = postgres_urls()
        print(f"== {args.backend}: data ==", flush=True)
        facts = generated(national_url, args.seed, args.scale)
        alone_facts = generated(alone_url, args.seed, 0)
        print(f"== {args.backend}: mäter över HTTP (gunicorn, {WORKERS} processer) ==", flush=True)
        with Server(national_url, log) as one, Server(alone_url, log) as two:
            worlds = [World(national_url, facts, one), World(alone_url, alone_facts, two)]
            national, alone = measure(worlds, args.requests, args.report_renders)
            for world in worlds:
                world.engine.dispose()
        build = feed_build_in_process(national_url, facts)
        result = table(args.backend, national, alone, facts, build)
        print(result, flush=True)
        from bench.assessment import run as run_assessment

        print(f"== {args.backend}: självskattningar, regionens vy ==", flush=True)
        result += "\n\n" + run_assessment(args.backend, folder, min(args.requests, 50), args.seed)
        from bench.psb import run as run_psb

        print(f"== {args.backend}: patientsäkerhetsberättelsen ==", flush=True)
        psb_url = (
            f"sqlite:///{Path(folder) / 'psb.db'}"
            if args.backend == "sqlite"
            else postgres_database("bench_psb")
        )
        result += "\n\n" + "\n".join(run_psb(psb_url, Path(folder)))
        print(result.rsplit("\n\n", 1)[1], flush=True)
        if args.out:
            args.out.write_text(result + "\n")
        if args.explain:
            from bench.explain import explain

            print("== EXPLAIN ANALYZE på den nationella databasen ==", flush=True)
            print(explain(national_url), flush=True)
        if args.load:
            from bench.load import run_load

            with Server(national_url, log) as server:
                summary = run_load(server.port, facts, Path(folder))
            print(summary, flush=True)
            if args.out:
                with args.out.open("a") as out:
                    out.write("\n" + summary + "\n")
        if "Error" in log.read_text(errors="replace"):
            print(f"(gunicorn logged errors:)\n{log.read_text(errors='replace')[-3000:]}")


if __name__ == "__main__":
    main()
