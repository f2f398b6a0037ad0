"""Time My work on the national data set: 200,000 activities, of which a person answers for
a few dozen, matched by account (an editor) and by a typed e-mail address (a reader).

    .venv/bin/python -m bench.mywork [--scale 1.0] [--requests 30] [--database-url URL]

Without --database-url the set goes into a temporary SQLite file; on PostgreSQL give an empty
database (e.g. under .ci/with-postgres.sh). Prints median and 95th percentile of the page and of
the login page (the floor), the SQL statements per page and how the database reads the query.
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import timedelta
from pathlib import Path

from sqlalchemy import event, select, text, update

from bench.common import logged_in, report, timed
from bench.generate import EDITOR_EMAIL, READER_EMAIL, generate
from planner import create_app
from planner.clock import local_today
from planner.extensions import db

LINKED = 60  # activities of the large plan linked to the editor's account
TYPED = 60  # others naming the reader's e-mail address (no account link)


def assign(app, plan_id: int) -> None:
    """Give the two bench accounts work in the measured plan, due from a month ago on."""
    from planner.auth.models import User
    from planner.plans.models import Activity

    today = local_today()
    with app.app_context():
        ids = list(
            db.session.scalars(
                select(Activity.id).where(Activity.plan_id == plan_id).order_by(Activity.id)
            )
        )
        editor = db.session.scalars(select(User.id).where(User.email == EDITOR_EMAIL)).one()
        for n, ident in enumerate(ids[: LINKED + TYPED]):
            linked = n < LINKED
            db.session.execute(
                update(Activity)
                .where(Activity.id == ident)
                .values(
                    responsible_user_id=editor if linked else None,
                    responsible_email="" if linked else READER_EMAIL.upper(),
                    due_date=today + timedelta(days=n % 90 - 30),
                    status="pagar",
                )
            )
        db.session.commit()
        db.session.remove()


def statements(client, path: str) -> int:
    counted = []

    def count(*_args):
        counted.append(1)

    with client.application.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        client.get(path)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(counted)


def plan_of_the_query(app) -> list[str]:
    """How the database reads the activities query for the reader (matched by e-mail)."""
    from planner.auth.models import User
    from planner.mywork.items import activity_rows

    with app.test_request_context():
        reader = db.session.scalars(select(User).where(User.email == READER_EMAIL)).one()
        captured = []

        def keep(_conn, _cursor, statement, parameters, _context, _many):
            if "FROM activity" in statement and not captured:
                captured.append((statement, parameters))

        event.listen(db.engine, "before_cursor_execute", keep)
        try:
            list(activity_rows(reader, local_today() + timedelta(days=27)))
        finally:
            event.remove(db.engine, "before_cursor_execute", keep)
        statement, parameters = captured[0]
        explain = "EXPLAIN QUERY PLAN " if db.engine.dialect.name == "sqlite" else "EXPLAIN "
        raw = db.session.connection().exec_driver_sql(explain + statement, parameters)
        return [" ".join(str(part) for part in row) for row in raw]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'national.db'}"
        if url.startswith(("postgres://", "postgresql://")):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        facts = generate(url, 1, args.scale)
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
        assign(app, facts["large_plan_id"])
        if url.startswith("postgresql"):
            with app.app_context(), db.engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))
        print(f"{facts['counts']['activity']:,} activities ({url.split(':')[0]})")
        floor = app.test_client()
        report("login page, anonymous (the floor)", timed(floor, "/logga-in", args.requests)[0])
        for label, email in (("by account", EDITOR_EMAIL), ("by typed e-mail", READER_EMAIL)):
            client = logged_in(app, email)
            times, response = timed(client, "/mitt-arbete?veckor=13", args.requests)
            rows = response.get_data(as_text=True).count('class="work-item"')
            report(f"My work, {rows} rows, {label}", times)
            print(f"  statements per page: {statements(client, '/mitt-arbete?veckor=13')}")
        for line in plan_of_the_query(app):
            print("  plan:", line)


if __name__ == "__main__":
    main()
