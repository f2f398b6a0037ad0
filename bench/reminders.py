"""One reminder run over the national data set: time and peak memory of the command.

    .venv/bin/python -m bench.reminders [--scale 1.0] [--seed 1]
    .ci/with-postgres.sh .venv/bin/python -m bench.reminders --backend postgresql

Builds the national set with bench/generate.py (200,000 activities at scale 1.0), then gives
10,000 people accounts with a role on their plan's organisation and makes each of them the
responsible person of the activities of that organisation's plans (linked accounts, as My
work picks them). A tenth choose the weekly digest, 200 editors the weekly digest of their
plan. Then ``flask reminders send`` runs in its own process, as cron runs it, with mail to a
folder: wall time and peak RSS of the process (the goal: within 60 s and 500 MB), the mails
it wrote, then a second run the same day (it must send nothing) and a run the next day.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.generate import generate

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = 10_000
WEEKLY_SHARE = 10  # every tenth person: the weekly digest
PLAN_DIGESTS = 200
BATCH = 20_000


def add_people(url: str, people: int) -> dict:
    """Accounts, roles, linked activities and reminder choices, inserted in bulk."""
    engine = create_engine(url)
    now = datetime.now(UTC)
    with engine.begin() as conn:
        first = conn.execute(text("SELECT coalesce(max(id), 0) + 1 FROM user_account")).scalar()
        plans = conn.execute(text("SELECT id, organisation_id FROM plan ORDER BY id")).all()
        orgs = sorted({org for _plan, org in plans})
        users = [
            {"id": first + n, "email": f"ansvarig{n}@exempel.se", "name": f"Ansvarig {n}",
             "org": orgs[n % len(orgs)]}
            for n in range(people)
        ]  # fmt: skip
        conn.execute(
            text(
                "INSERT INTO user_account (id, email, name, password_hash, is_system_admin,"
                " active, created_at, updated_at) VALUES (:id, :email, :name, 'x', false, true,"
                " :now, :now)"
            ),
            [{**u, "now": now} for u in users],
        )
        first_membership = conn.execute(
            text("SELECT coalesce(max(id), 0) + 1 FROM membership")
        ).scalar()
        conn.execute(
            text(
                "INSERT INTO membership (id, user_id, organisation_id, role, created_at,"
                " updated_at) VALUES (:mid, :id, :org, 'redaktor', :now, :now)"
            ),
            [{**u, "mid": first_membership + n, "now": now} for n, u in enumerate(users)],
        )
        by_org: dict[int, list[int]] = {}
        for u in users:
            by_org.setdefault(u["org"], []).append(u["id"])
        rows = conn.execute(
            text("SELECT a.id, p.organisation_id FROM activity a JOIN plan p ON p.id = a.plan_id")
        ).all()
        links = [
            {"a": ident, "u": by_org[org][ident % len(by_org[org])]}
            for ident, org in rows
            if org in by_org
        ]
        for start in range(0, len(links), BATCH):
            conn.execute(
                text("UPDATE activity SET responsible_user_id = :u WHERE id = :a"),
                links[start : start + BATCH],
            )
        conn.execute(
            text(
                "INSERT INTO reminder_setting (user_id, mode, created_at, updated_at)"
                " VALUES (:id, 'weekly', :now, :now)"
            ),
            [{"id": u["id"], "now": now} for u in users[::WEEKLY_SHARE]],
        )
        plan_of = {org: plan for plan, org in plans}
        conn.execute(
            text(
                "INSERT INTO plan_digest (user_id, plan_id, created_at, updated_at)"
                " VALUES (:id, :plan, :now, :now)"
            ),
            [
                {"id": u["id"], "plan": plan_of[u["org"]], "now": now}
                for u in users[1:][:PLAN_DIGESTS]
            ],
        )
    engine.dispose()
    return {"people": people, "linked": len(links)}


def run(url: str, folder: Path, day) -> tuple[float, float, float, str]:
    """The command in its own process: (seconds, CPU seconds, peak RSS in MiB, its summary
    line). CPU time shows the run's own cost on a machine other work also loads."""
    env = {
        **os.environ,
        "PLANNER_DATABASE_URL": url,
        "PLANNER_MAIL_FOLDER": str(folder),
        "PLANNER_INSTANCE_PATH": str(folder.parent / "instance"),
        "PLANNER_SECRET_KEY": "bench",
        "PLANNER_BASE_URL": "https://planner.example",
        "PLANNER_LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "-m", "flask", "--app", "planner", "reminders", "send"]
    log = folder.parent / "run.log"
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before_cpu = usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    with log.open("w") as out:
        child = subprocess.Popen(
            [*command, "--today", day.isoformat()], cwd=ROOT, env=env,
            stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        # The child's own high-water mark (VmHWM is reset by exec; the rusage of wait4 is
        # not: it would count the pages of this process, which built the data set).
        peak = 0
        while child.poll() is None:
            peak = max(peak, _high_water(child.pid))
            time.sleep(0.1)
    seconds = time.perf_counter() - start
    output = log.read_text()
    if child.returncode != 0:
        raise SystemExit(output[-3000:])
    lines = [line for line in output.splitlines() if line.startswith("Påminnelser")]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before_cpu
    return seconds, cpu, peak / 1024, lines[-1] if lines else output[-500:]


def _high_water(pid: int) -> int:
    """The process's peak resident memory so far, in KiB (0 once it has gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument(
        "--keep",
        metavar="FOLDER",
        help="build the SQLite data set in FOLDER and keep it; reuse it when it is there "
        "(the ledger is emptied first, so the first run starts afresh)",
    )
    args = parser.parse_args()
    from planner.clock import local_today

    today = local_today()
    with tempfile.TemporaryDirectory(prefix="bench-reminders-") as folder:
        base = Path(args.keep or folder)
        base.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(base / "mail", ignore_errors=True)
        if args.backend == "postgresql":
            server = make_url(os.environ["PLANNER_TEST_DATABASE_URL"])
            admin = create_engine(server, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text("DROP DATABASE IF EXISTS bench_reminders"))
                conn.execute(text("CREATE DATABASE bench_reminders"))
            admin.dispose()
            url = server.set(database="bench_reminders").render_as_string(hide_password=False)
        else:
            url = f"sqlite:///{base / 'national.db'}"
        started = time.perf_counter()
        if args.keep and (base / "national.db").exists():
            engine = create_engine(url)
            with engine.begin() as conn:
                conn.execute(text("DELETE FROM reminder_delivery"))
                activities = conn.execute(text("SELECT count(*) FROM activity")).scalar()
                linked = conn.execute(
                    text("SELECT count(*) FROM activity WHERE responsible_user_id IS NOT NULL")
                ).scalar()
            engine.dispose()
            people = {"people": round(PEOPLE * max(args.scale, 0.01)), "linked": linked}
        else:
            facts = generate(url, args.seed, args.scale, today)
            activities = facts["counts"].get("activity", 0)
            people = add_people(url, round(PEOPLE * max(args.scale, 0.01)))
        print(
            f"data: {activities:,} activities, {people['people']:,} people responsible for "
            f"{people['linked']:,} of them ({time.perf_counter() - started:.0f} s)"
        )
        mail = base / "mail"
        for label, day in (
            ("first run", today),
            ("second run, same day", today),
            ("next day", today + timedelta(days=1)),
        ):
            before = len(list(mail.glob("*.eml"))) if mail.exists() else 0
            seconds, cpu, rss, line = run(url, mail, day)
            written = len(list(mail.glob("*.eml"))) - before
            verdict = "ok" if seconds <= 60 and rss <= 500 else "OVER GOAL"
            print(
                f"reminders {label:22} {seconds:6.1f} s (CPU {cpu:5.1f} s)   "
                f"peak RSS {rss:4.0f} MiB   {written:6,} mails   [{verdict}: 60 s, 500 MB]   {line}"
            )


if __name__ == "__main__":
    main()
