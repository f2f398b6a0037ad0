"""Test set-up: a fresh database per test (in-memory SQLite, or PostgreSQL when
PLANNER_TEST_DATABASE_URL is set) and a client that speaks to the app."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import event

from planner import create_app
from planner.extensions import db


def app_config(tmp_path, **extra) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-only-key",
        "SQLALCHEMY_DATABASE_URI": os.environ.get("PLANNER_TEST_DATABASE_URL", "sqlite://"),
        "WTF_CSRF_ENABLED": False,
        "PAGE_SIZE": 10,
        **extra,
    }


@pytest.fixture
def app(tmp_path, request):
    extra = getattr(request, "param", {})
    app = create_app(app_config(tmp_path, **extra))
    with app.app_context():
        db.drop_all()
        db.create_all()
        yield app
        db.session.remove()
        if db.engine.dialect.name != "sqlite":  # in-memory SQLite vanishes with its engine
            db.drop_all()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


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
