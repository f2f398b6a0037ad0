"""What server-side sessions and login throttling cost: a logged-in page (the session row is
read on every request, its last use written once a minute), a failed and a successful login,
and the SQL statements each sends. On the demo in a SQLite file.

    .venv/bin/python bench/sessions.py [--requests 300]
"""

from __future__ import annotations

import argparse
import tempfile
import time

from common import PASSWORD, demo_app, logged_in, report, timed
from sqlalchemy import event

from planner.extensions import db


def statements(app, call) -> int:
    sent = []

    def count(*_args) -> None:
        sent.append(1)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(sent)


def logins(client, password: str, requests: int, address: str = "192.0.2.1") -> list[float]:
    times = []
    for n in range(requests):
        data = {"email": f"person{n % 50}@exempel.se", "password": password}
        if password == PASSWORD:
            client.post("/logga-ut")
            data["email"] = "lasare@exempel.se"
        start = time.perf_counter()
        client.post("/logga-in", data=data, environ_base={"REMOTE_ADDR": address})
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        app, facts = demo_app(folder)
        app.config["WTF_CSRF_ENABLED"] = False
        client = logged_in(app)
        page = f"/planer/{facts['plan_id']}/aktiviteter"
        times, _response = timed(client, page, args.requests)
        report("activity list, logged in", times)
        print(f"{'  statements per request':40} {statements(app, lambda: client.get(page))}")
        failures = logins(app.test_client(), "fel", 30)
        report("failed login (argon2 included)", failures)
        print(
            f"{'  statements per failed login':40} "
            f"{statements(app, lambda: logins(app.test_client(), 'fel', 1, '192.0.2.2'))}"
        )
        successes = logins(app.test_client(), PASSWORD, 30, "192.0.2.3")
        report("successful login (argon2 included)", successes)


if __name__ == "__main__":
    main()
