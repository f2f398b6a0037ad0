"""The Alembic revisions build exactly the schema the models describe, both ways."""

from __future__ import annotations

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect

from planner import create_app
from planner.extensions import db


@pytest.fixture
def migrated_app(tmp_path):
    url = os.environ.get("PLANNER_TEST_DATABASE_URL") or f"sqlite:///{tmp_path / 'm.db'}"
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "x", "TESTING": True})
    with app.app_context():
        db.drop_all()
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        yield app
        db.session.remove()
        db.drop_all()
        with db.engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        db.engine.dispose()


def differences() -> list:
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def test_upgrade_matches_models_and_downgrade_reverses(migrated_app):
    upgrade()
    assert differences() == []
    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade()
    assert differences() == []
    tables = set(inspect(create_engine(db.engine.url)).get_table_names())
    assert {"organisation", "plan", "plan_area", "goal", "activity", "progress_update"} <= tables
