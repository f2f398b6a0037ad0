"""The Alembic revisions build exactly the schema the models describe, both ways."""

from __future__ import annotations

import os
import re

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, select, text

from planner import create_app
from planner.extensions import db
from planner.results.models import VALUES_VERSION_DDL, Measure
from tests.factories import commit, make_measure, make_org, make_plan


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


def triggers() -> set[str]:
    """The names of the triggers in the database (compare_metadata does not see them)."""
    if db.engine.dialect.name == "postgresql":
        found = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    else:
        found = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    with db.engine.connect() as conn:
        return set(conn.execute(text(found)).scalars())


def triggers_of_the_models() -> set[str]:
    statements = VALUES_VERSION_DDL[db.engine.dialect.name]
    return {name for s in statements for name in re.findall(r"CREATE TRIGGER (\w+)", s)}


def test_upgrade_matches_models_and_downgrade_reverses(migrated_app):
    upgrade()
    assert differences() == []
    # On SQLite a later revision's batch_alter_table rebuilding measure_value would drop them
    assert triggers() == triggers_of_the_models() != set()
    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade()
    assert differences() == []
    tables = set(inspect(create_engine(db.engine.url)).get_table_names())
    assert {"organisation", "plan", "plan_area", "goal", "activity", "progress_update"} <= tables


def test_the_migrated_database_counts_every_change_to_a_measures_values(migrated_app):
    """Revision 0019's triggers: whoever writes a value, even with plain SQL, its measure's
    values_version rises (the results pages' kept content is keyed by it)."""
    upgrade()
    region = make_org("Region Räknad")
    measure = make_measure(make_plan(region))
    commit()
    seen = []
    for write in (
        "INSERT INTO measure_value (measure_id, organisation_id, period, period_start,"
        " period_end, value, comment, recorded_by, recorded_at, version)"
        " VALUES (:m, :o, '2026-Q1', '2026-01-01', '2026-03-31', 90, '', '', '2026-04-01', 1)",
        "UPDATE measure_value SET value = 91",
        "DELETE FROM measure_value",
    ):
        db.session.execute(text(write), {"m": measure.id, "o": region.id})
        commit()
        seen.append(db.session.scalar(select(Measure.values_version)))
    assert 0 < seen[0] < seen[1] < seen[2]
