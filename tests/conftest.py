"""Test set-up: a fresh database per test (in-memory SQLite, or PostgreSQL when
PLANNER_TEST_DATABASE_URL is set; one database per xdist worker, see tests/isolation.py) and a
client that speaks to the app."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from flask import Flask
from flask.globals import _cv_app
from flask.testing import FlaskClient
from hypothesis import HealthCheck, settings
from sqlalchemy import event

from planner import create_app
from planner.extensions import db
from tests import isolation
from tests.factories import PASSWORD, commit, make_user

# Password hashing at argon2's cheapest cost in every app the tests build (production cost is
# checked once, in tests/auth/test_password_cost.py): set before any app reads its settings.
os.environ.setdefault("PLANNER_PASSWORD_HASH", "cheapest")

# Property tests: how many examples each draws is the profile's (HYPOTHESIS_PROFILE), or a
# multiple of it for a test whose examples are cheap (``settings.default.max_examples * 6``).
# Examples are random on every run (never derandomized), so each CI run tries new ones; a
# failure prints the blob that reproduces it (@reproduce_failure), and the examples that
# failed are kept in .hypothesis/ and tried first next time.
settings.register_profile(
    "ci",
    max_examples=25,
    deadline=None,  # a request's time depends on the machine's load, not on the input
    derandomize=False,
    print_blob=True,
    # One app and database per test, shared by its examples: each example sees what
    # earlier ones saved, which the tests allow for.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile("dev", settings.get_profile("ci"), max_examples=10)
settings.register_profile("thorough", settings.get_profile("ci"), max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in production, even though the test
    holds one open for its factories: so ``g``, the logged-in user and the database session
    are never shared between requests or clients."""

    def open(self, *args, **kwargs):
        token = _cv_app.set(None)
        try:
            return super().open(*args, **kwargs)
        finally:
            _cv_app.reset(token)

    def csrf_token(self, path: str = "/logga-in") -> str:
        """The CSRF token of the form on ``path`` (empty when CSRF is off in the test)."""
        from tests.html import page

        field = page(self.get(path)).find("input", {"name": "csrf_token"})
        return field["value"] if field else ""

    def login(self, email: str, password: str = PASSWORD):
        data = {"email": email, "password": password, "csrf_token": self.csrf_token()}
        response = self.post("/logga-in", data=data)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return response


def app_config(tmp_path, **extra) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-only-key",
        "SQLALCHEMY_DATABASE_URI": os.environ.get("PLANNER_TEST_DATABASE_URL", "sqlite://"),
        "WTF_CSRF_ENABLED": False,
        "PAGE_SIZE": 10,
        **extra,
    }


def pytest_configure(config):
    isolation.claim_process_resources()


def pytest_unconfigure(config):
    isolation.release_process_resources()


def forget_kept_copies() -> None:
    from planner.documents.store import copies
    from planner.feeds.cache import bodies
    from planner.results.page_cache import contents

    for kept in (copies, bodies, contents):
        kept.clear()


@contextmanager
def app_on_empty_database(config: dict) -> Iterator[Flask]:
    """``create_app(config)`` inside its app context, every table empty."""
    app = create_app(config)
    app.test_client_class = IsolatedClient
    forget_kept_copies()  # what the process kept belongs to an earlier test's database
    with app.app_context():
        isolation.empty_database()
        try:
            yield app
        finally:
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(tmp_path, request):
    extra = getattr(request, "param", {})
    with app_on_empty_database(app_config(tmp_path, **extra)) as app:
        yield app


@pytest.fixture
def shared_app(tmp_path):
    """The app on a database that threads share (each thread has its own connection): a
    SQLite file, or PostgreSQL when PLANNER_TEST_DATABASE_URL is set."""
    url = os.environ.get("PLANNER_TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'shared.db'}"
    with app_on_empty_database(app_config(tmp_path, SQLALCHEMY_DATABASE_URI=url)) as app:
        yield app


@pytest.fixture
def anonymous(app):
    return app.test_client()


@pytest.fixture
def client(app):
    """A client logged in as a system administrator (sees and may do everything)."""
    return system_admin_client(app)


def system_admin_client(app) -> IsolatedClient:
    make_user("systemadmin@test.se", system_admin=True)
    commit()
    client = app.test_client()
    client.login("systemadmin@test.se")
    return client


class QueryCounter:
    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(self, conn, cursor, statement, parameters, context, executemany) -> None:
        self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(app) -> Iterator:
    """Use as ``with count_queries() as counter: ...``; counts SQL sent to the database."""
    from contextlib import contextmanager

    @contextmanager
    def counting():
        counter = QueryCounter()
        engine = db.engine
        event.listen(engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            event.remove(engine, "before_cursor_execute", counter)

    yield counting


def pytest_sessionfinish(session, exitstatus):
    """A skipped test is a failed test: everything the suite needs is installed by make."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and reporter.stats.get("skipped") and exitstatus == 0:
        reporter.write_line("FAILED: tests were skipped; a skipped test counts as a failure")
        session.exitstatus = 1
