"""What a single sign-on costs, against oidc-provider-mock on loopback (the demo in a SQLite
file): the button's redirect, planner's handling of the provider's answer (code exchange,
ID token checks, account lookup, group mapping, new session) and the whole round trip of a
returning person, next to the login page (the floor), plus the SQL statements of an answer.

    PYTHONPATH=. .venv/bin/python bench/sso.py [--requests 100]

The provider runs in the same process (a thread), so its token signing shares the GIL with
planner: the answer's time includes the provider's, as it would over a fast network.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from urllib.parse import urlsplit

import requests
from common import demo_app, report, timed
from sessions import statements

from planner.sso.demo import DEMO_GROUPS_CLAIM, provider


def _local(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, provider() as idp:
        app, _facts = demo_app(folder)
        # The client is registered by create_app; demo_app made it without single sign-on.
        from planner import create_app

        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                "SECRET_KEY": "bench",
                "WTF_CSRF_ENABLED": False,
                "OIDC_ISSUER": idp.url,
                "OIDC_CLIENT_ID": "planner-bench",
                "OIDC_CLIENT_SECRET": "bench",
                "OIDC_GROUPS_CLAIM": DEMO_GROUPS_CLAIM,
            }
        )
        client = app.test_client()
        times, _ = timed(client, "/logga-in", args.requests)
        report("login page, anonymous (floor)", times)
        starts, answers, rounds = [], [], []
        session = requests.Session()
        for n in range(args.requests + 1):
            client.post("/logga-ut")
            begin = time.perf_counter()
            start = client.get("/logga-in/sso")
            started = time.perf_counter()
            back = session.post(
                start.headers["Location"], data={"sub": "sara"}, allow_redirects=False
            ).headers["Location"]
            provided = time.perf_counter()
            answer = client.get(_local(back))
            done = time.perf_counter()
            assert answer.status_code == 302, answer.get_data(as_text=True)[:300]
            if n:  # the first fetches the provider's metadata and keys
                starts.append((started - begin) * 1000)
                answers.append((done - provided) * 1000)
                rounds.append((done - begin) * 1000)
        report("SSO: button's redirect", sorted(starts))
        report("SSO: provider's answer handled", sorted(answers))
        report("SSO: whole round trip (returning)", sorted(rounds))
        client.post("/logga-ut")
        start = client.get("/logga-in/sso")
        back = session.post(start.headers["Location"], data={"sub": "sara"}, allow_redirects=False)
        sent = statements(app, lambda: client.get(_local(back.headers["Location"])))
        print(f"{'  statements per answer':40} {sent}")
        floor = statistics.median(times)
        print(f"{'  answer / floor':40} {statistics.median(answers) / floor:.1f}×")


if __name__ == "__main__":
    main()
