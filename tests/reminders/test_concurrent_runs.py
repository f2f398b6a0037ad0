"""Two runs at once (two processes, one database: a SQLite file, or PostgreSQL when
PLANNER_TEST_DATABASE_URL is set) never send a reminder twice, and together send them all."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path

from planner.auth.models import READER
from planner.clock import local_today
from tests.factories import commit, make_activity, make_org, make_plan, make_user
from tests.reminders.conftest import text_of

ROOT = Path(__file__).resolve().parents[2]
PEOPLE, EACH = 40, 3


def _run(app, smtp, tmp_path, day):
    env = {
        **os.environ,
        "PLANNER_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "PLANNER_SECRET_KEY": app.config["SECRET_KEY"],
        "PLANNER_SMTP_URL": smtp.url,
        "PLANNER_BASE_URL": "http://planner.test",
        "PLANNER_INSTANCE_PATH": str(tmp_path / "instance"),
        "PLANNER_REMINDER_BATCH": "3",  # small claims, so the two runs interleave
    }
    command = [sys.executable, "-m", "flask", "--app", "planner", "reminders", "send"]
    return subprocess.Popen(
        [*command, "--today", day.isoformat()],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_two_concurrent_runs_never_duplicate(shared_app, smtp, tmp_path):
    today = local_today()
    region = make_org("Region Samtidig")
    plan = make_plan(region)
    for n in range(PEOPLE):
        person = make_user(f"p{n}@test.se", READER, region)
        for k in range(EACH):
            activity = make_activity(
                plan, title=f"Aktivitet {n}-{k}", due_date=today + timedelta(days=1 + k % 2)
            )
            activity.responsible_user_id = person.id
    commit()
    runs = [_run(shared_app, smtp, tmp_path, today) for _ in range(2)]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    # Each person's reminders go in one mail per run; two runs may split one person's
    # reminders between them, but no activity is ever in two mails.
    mentioned = Counter(
        line.strip()
        for m in smtp.messages
        for line in text_of(m).splitlines()
        if "/aktiviteter/" in line
    )
    assert len(mentioned) == PEOPLE * EACH
    assert max(mentioned.values()) == 1, [k for k, v in mentioned.items() if v > 1][:5]
    totals = [int(o.split(" brev skickade")[0].rsplit(":", 1)[1]) for o in outputs]
    assert sum(totals) == len(smtp.messages), outputs
