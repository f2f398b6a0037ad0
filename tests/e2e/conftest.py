"""End-to-end set-up: the real app served on 127.0.0.1 to Debian's Chromium, driven by
Playwright (pytest-playwright), with axe-core checking every page against WCAG 2.1 A/AA.

One live server per session (per xdist worker) on a random loopback port, backed by a
temporary SQLite *file* (threads share it; an in-memory database would be one per connection),
or by PLANNER_TEST_DATABASE_URL when set (the worker's own database, see tests/isolation.py).
Every test starts from empty tables; the data it needs is made with ``tests.factories`` inside
an app context and committed, so the server sees it. CSRF protection stays on: the browser
submits the tokens the pages carry.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest
from werkzeug.serving import make_server

from planner import create_app
from planner.extensions import db
from tests import factories
from tests.factories import PASSWORD
from tests.isolation import empty_database

T = TypeVar("T")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    # Without these Chromium opens background connections that are refused here (and slow
    # every launch); the tests only ever speak to 127.0.0.1.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# --- the browser -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    args = [*browser_type_launch_args.get("args", []), *CHROMIUM_ARGS]
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": args}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    # Swedish browser, Swedish time: what the app's users have.
    return {
        **browser_context_args,
        "locale": "sv-SE",
        "timezone_id": "Europe/Stockholm",
        "viewport": {"width": 1280, "height": 900},
    }


# --- the live server ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    url = os.environ.get("PLANNER_TEST_DATABASE_URL")
    if not url:
        url = f"sqlite:///{tmp_path_factory.mktemp('e2e') / 'e2e.db'}"
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "e2e-test-only-key",
            "SQLALCHEMY_DATABASE_URI": url,
            # WTF_CSRF_ENABLED is left at its default (on): the browser sends the tokens.
            "PAGE_SIZE": 10,
        }
    )
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture(scope="session")
def live_server(live_app) -> Iterator[str]:
    """The app served by werkzeug on 127.0.0.1, a port the OS chose; yields the base URL."""
    import logging

    requests_log = logging.getLogger("werkzeug")
    level = requests_log.level
    requests_log.setLevel(logging.WARNING)  # one line per request is noise in a failure
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        requests_log.setLevel(level)


@pytest.fixture(scope="session")
def base_url(live_server: str) -> str:
    """pytest-playwright gives every browser context this base URL: page.goto("/logga-in")."""
    return live_server


@pytest.fixture(autouse=True)
def _empty_database(live_app) -> Iterator[None]:
    """Every test starts from empty tables (the server is idle between tests)."""
    with live_app.app_context():
        db.session.remove()
        empty_database()
    yield


# --- data --------------------------------------------------------------------------------


@pytest.fixture
def seed(live_app) -> Callable[[Callable[[], T]], T]:
    """``seed(lambda: make_plan(...).id)``: run factories in an app context, commit, and
    return what the function returned (return ids or plain values, not ORM rows)."""

    def run(make: Callable[[], T]) -> T:
        with live_app.app_context():
            try:
                result = make()
                db.session.commit()
                return result
            finally:
                db.session.remove()

    return run


@dataclass(frozen=True)
class World:
    """A region with a municipality beside it, and people with each role on the region."""

    region_id: int
    region: str
    kommun_id: int
    kommun: str
    reader: str
    editor: str
    other_editor: str
    admin: str


@pytest.fixture
def world(seed) -> World:
    def make() -> World:
        region = factories.make_org("Region Testland", "region")
        kommun = factories.make_org("Testby kommun", "kommun")
        factories.make_user("lasare@test.se", "lasare", region, name="Lena Läsare")
        factories.make_user("redaktor@test.se", "redaktor", region, name="Rut Redaktör")
        factories.make_user("redaktor2@test.se", "redaktor", region, name="Reza Redaktör")
        factories.make_user("admin@test.se", "administrator", region, name="Ada Administratör")
        return World(
            region_id=region.id,
            region=region.name,
            kommun_id=kommun.id,
            kommun=kommun.name,
            reader="lasare@test.se",
            editor="redaktor@test.se",
            other_editor="redaktor2@test.se",
            admin="admin@test.se",
        )

    return seed(make)


@dataclass(frozen=True)
class PlanWorld:
    world: World
    plan_id: int
    activity_id: int  # "Införa strukturerad överlämning", G1, on time, 0 %


@pytest.fixture
def plan_world(seed, world) -> PlanWorld:
    """A plan for the region from the national template with one on-time activity."""

    def make() -> PlanWorld:
        from planner.orgs.models import Organisation

        region = db.session.get(Organisation, world.region_id)
        plan = factories.make_plan(region, title="Handlingsplan Testland 2025–2030")
        activity = factories.make_activity(
            plan,
            "G1",
            title="Införa strukturerad överlämning",
            due_date=factories.days(200),
        )
        return PlanWorld(world=world, plan_id=plan.id, activity_id=activity.id)

    return seed(make)


# --- helpers -----------------------------------------------------------------------------


def login(page, email: str, password: str = PASSWORD) -> None:
    """Log in through the form, as a person would: by the fields' labels and the button."""
    from playwright.sync_api import expect

    page.goto("/logga-in")
    page.get_by_label("E-post").fill(email)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    # Logged in and on the next page (not just a click sent): the header offers to log out.
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()


def assert_accessible(page, context: Any = None) -> None:
    """axe-core (bundled, offline) finds no WCAG 2.0/2.1 A or AA violation on the page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        context=context,
        # resultTypes: only violations get full node details, which makes a run faster.
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    violations = results.response["violations"]
    if violations:
        lines = [f"{len(violations)} axe violation(s) on {page.url}:"]
        for v in violations:
            targets = [", ".join(map(str, n["target"])) for n in v["nodes"][:3]]
            lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
            lines.append(f"  {v['helpUrl']}")
            for t in targets:
                lines.append(f"  at {t}")
            if v["nodes"]:
                lines.append(f"  {v['nodes'][0].get('failureSummary', '').strip()}")
        message = "\n".join(lines)
        print(message)
        pytest.fail(message, pytrace=False)
