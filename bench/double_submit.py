"""Every form, submitted 8 times at once: the status codes per form and the number of 5xx.

    .venv/bin/python -m bench.double_submit [--database-url URL] [--times 8]

Starts the app on 127.0.0.1 (werkzeug, threaded) on a fresh SQLite file with the demo, or on
an empty PostgreSQL database given by URL (its tables are dropped and recreated). The POST
routes come from the app's url_map; ids in their URLs from the demo; each form's fields from
the form on a page that posts to it (with its CSRF token), filled where empty. Creating and
changing come first, deleting after, logging out last. Exit status 1 when any answer is 5xx.
"""

from __future__ import annotations

import argparse
import html
import logging
import re
import sys
import tempfile
import threading
from collections import Counter
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

from sqlalchemy import Select, select
from werkzeug.routing import Rule
from werkzeug.serving import make_server

from bench.common import PASSWORD, demo_app
from bench.visitor import Visitor
from planner.auth.models import Invitation, Membership, UserSession
from planner.clock import local_today
from planner.extensions import db
from planner.feeds.models import Subscription
from planner.plans.models import Activity, Goal, ProgressUpdate
from planner.wheel.models import WheelEvent

ADMIN = "admin@exempel.se"
NEW_ACCOUNT = "bank.person@exempel.se"
# What an empty required field is filled with, by name (else by input type, else FILLER).
BY_NAME = {
    "email": NEW_ACCOUNT,
    "password": PASSWORD,
    "current": PASSWORD,
    "new": PASSWORD,
    "repeat": PASSWORD,
    "bekrafta": "ja",
    "lang": "sv",
}
BY_TYPE = {"date": local_today().isoformat(), "number": "1", "email": NEW_ACCOUNT}
FILLER = "Prov med dubbelklick"
# The form's own values are replaced by these for some routes.
OVERRIDES = {
    "auth.login": {"email": ADMIN, "password": PASSWORD},
    "activities.create": {"due_date": (local_today() + timedelta(days=30)).isoformat()},
}
LAST = ("account.end_session", "auth.logout")  # the first may end this visitor's session
NOT_PAGES = ("static", "backup.download")  # downloads, not pages with forms


class _Forms(HTMLParser):
    """The forms on a page: action → [(name, value)] of the first form with that action."""

    def __init__(self, page_path: str) -> None:
        super().__init__()
        self.page_path = page_path
        self.forms: dict[str, list[tuple[str, str]]] = {}
        self._fields: list[tuple[str, str]] | None = None
        self._select: tuple[str, list[str], list[str]] | None = None
        self._textarea: tuple[str, list[str], bool] | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            action = urlsplit(a.get("action") or self.page_path).path
            # The first form posting to an action is the one filled in.
            self._fields = None if action in self.forms else self.forms.setdefault(action, [])
        elif self._fields is None:
            return
        elif tag == "input" and a.get("name") and a.get("type") != "submit":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a and a["name"] != "bekrafta":
                return
            if kind == "radio" and any(n == a["name"] for n, _v in self._fields):
                return
            value = "ja" if a["name"] == "bekrafta" else a.get("value", "")
            if not value and "required" in a:
                value = _fill(a["name"], kind)
            self._fields.append((a["name"], value))
        elif tag == "select" and a.get("name"):
            self._select = (a["name"], [], [])
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            (self._select[2] if "selected" in a else self._select[1]).append(value)
        elif tag == "textarea" and a.get("name"):
            self._textarea = (a["name"], [], "required" in a)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1].append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self._fields = None
        elif tag == "select" and self._select is not None and self._fields is not None:
            name, options, chosen = self._select
            picked = chosen or [next((o for o in options if o), "")]
            self._fields.extend((name, value) for value in picked[:1])
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._fields is not None:
            name, text, required = self._textarea
            value = "".join(text).strip()
            self._fields.append((name, value or (FILLER if required else "")))
            self._textarea = None


def _fill(name: str, kind: str) -> str:
    if kind == "file":
        return ""  # sent empty: the form must refuse it kindly
    return BY_NAME.get(name) or BY_TYPE.get(kind) or FILLER


def demo_ids(app, facts: dict) -> dict[str, object]:
    """A value for each URL argument the routes use, from the demo; rows made during the run
    (sessions, invitations) are looked up when their route's turn comes."""
    plan_id, region_id = facts["plan_id"], facts["region_id"]
    return {
        "org_id": region_id,
        "plan_id": plan_id,
        "code": "G1",
        "token": facts["feed_token"],
        "activity_id": select(Activity.id).where(Activity.plan_id == plan_id),
        "goal_id": select(Goal.id).where(Goal.plan_id == plan_id),
        "event_id": select(WheelEvent.id).where(WheelEvent.organisation_id == region_id),
        "update_id": select(ProgressUpdate.id).order_by(ProgressUpdate.id.desc()),
        "membership_id": select(Membership.id).order_by(Membership.id.desc()),
        "subscription_id": select(Subscription.id),
        "invitation_id": select(Invitation.id).order_by(Invitation.id.desc()),
        # The oldest session: the other device's (logged in first in run()).
        "session_id": select(UserSession.id).order_by(UserSession.id),
    }


def _path(app, rule: Rule, ids: dict) -> str | None:
    if any(arg not in ids for arg in rule.arguments):
        return None
    with app.test_request_context():
        from flask import url_for

        values = {}
        for arg in rule.arguments:
            value = ids[arg]
            if isinstance(value, Select):
                value = db.session.scalars(value.limit(1)).first()
            if value is None:
                return None
            values[arg] = value
        path = url_for(rule.endpoint, **values)
        db.session.remove()
        return path


def _order(rule: Rule) -> tuple[int, str]:
    if rule.endpoint in LAST:
        return 3, rule.rule
    if "ta-bort" in rule.rule or "aterkalla" in rule.rule:
        return 2, rule.rule
    if rule.endpoint == "auth.create_user":
        return 0, rule.rule  # members.add adds the account made here
    return 1, rule.rule


def _forms_on(visitor: Visitor, path: str) -> dict[str, list[tuple[str, str]]]:
    parser = _Forms(path)
    parser.feed(visitor.get(path).body)
    return parser.forms


_REFUSED = re.compile(r'<p class="error" id="([^"]+)-error">([^<]+)')


def run(base_url: str, app, ids: dict, times: int) -> list[tuple[str, str, Counter, str]]:
    Visitor(base_url).login(ADMIN, PASSWORD)  # another device, whose session gets ended
    visitor = Visitor(base_url)
    visitor.login(ADMIN, PASSWORD)
    rules = sorted(app.url_map.iter_rules(), key=_order)
    form_page: dict[str, str] = {}  # a form's action → the page that shows it
    for rule in rules:
        path = _path(app, rule, ids)
        if "GET" not in rule.methods or path is None or rule.endpoint in NOT_PAGES:
            continue
        if rule.rule.endswith((".pdf", ".svg", ".xlsx", ".csv", ".ics")):
            continue
        for action in _forms_on(visitor, path):
            form_page.setdefault(action, path)
    results = []
    for rule in rules:
        if "POST" not in rule.methods:
            continue
        path = _path(app, rule, ids)
        if path is None:
            results.append((rule.endpoint, rule.rule, Counter(), "inget id att fylla i"))
            continue
        if visitor.get("/konto/losenord").status != 200 and rule.endpoint != "auth.login":
            # The previous form's burst ended this session (e.g. a password change ends the
            # other sessions, and eight of them at once end each other's): log in again.
            visitor.login(ADMIN, PASSWORD)
            if results:
                endpoint, shown, statuses, note = results[-1]
                results[-1] = (endpoint, shown, statuses, (note + "; loggade ut").lstrip("; "))
        # The form as it is now (its version, its CSRF token), as a person would submit it.
        fields = (
            dict(_forms_on(visitor, form_page[path]).get(path, [])) if path in form_page else {}
        )
        note = "" if fields else "inget formulär hittades: bara CSRF"
        fields.update(OVERRIDES.get(rule.endpoint, {}))
        fields["csrf_token"] = fields.get("csrf_token") or visitor.csrf_token("/konto/losenord")
        answers = visitor.burst(path, fields, times)
        refused = next((_REFUSED.search(a.body) for a in answers if a.status == 200), None)
        if refused:
            note = f"avvisat: {refused.group(1)}: {html.unescape(refused.group(2))}"
        results.append((rule.endpoint, path, Counter(a.status for a in answers), note))
    return results


def print_table(results, times: int) -> int:
    print(f"| formulär | adress | svar ({times} samtidiga) | 5xx | anmärkning |")
    print("| --- | --- | --- | ---: | --- |")
    total = 0
    for endpoint, path, statuses, note in results:
        errors = sum(n for status, n in statuses.items() if status >= 500)
        total += errors
        shown = " ".join(f"{s}×{n}" for s, n in sorted(statuses.items())) or "–"
        print(f"| {endpoint} | {path} | {shown} | {errors} | {note} |")
    print()
    print(f"Totalt 5xx: {total} (av {sum(sum(s.values()) for _e, _p, s, _n in results)} svar)")
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL (emptied!); default: a SQLite file")
    parser.add_argument("--times", type=int, default=8, help="identical POSTs at once per form")
    args = parser.parse_args(argv)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # errors and tracebacks only
    with tempfile.TemporaryDirectory() as folder:
        app, facts = demo_app(folder, args.database_url)
        ids = demo_ids(app, facts)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            results = run(f"http://127.0.0.1:{server.server_port}", app, ids, args.times)
        finally:
            server.shutdown()
            server.server_close()
        with app.app_context():
            db.engine.dispose()
    return 1 if print_table(results, args.times) else 0


if __name__ == "__main__":
    sys.exit(main())
