"""How requests use database connections (planner/extensions.py): a pooled connection that lay
idle is checked before use and replaced when dead; a request that only reads runs outside a
transaction and its first write begins one, on both databases alike."""

from __future__ import annotations

import sqlite3
from contextlib import nullcontext

import pytest
from sqlalchemy import select, text, update

from planner.extensions import db, only_reads
from planner.orgs.models import Organisation
from tests.factories import commit, make_org


def in_transaction(raw) -> bool:
    if isinstance(raw, sqlite3.Connection):
        return raw.in_transaction
    from psycopg.pq import TransactionStatus

    return raw.info.transaction_status != TransactionStatus.IDLE


def test_a_reading_request_begins_a_transaction_only_at_its_first_write(app):
    org = make_org("Region Läs")
    commit()
    with app.test_request_context("/", method="GET"), db.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert conn.execute(select(Organisation.name)).scalar_one() == "Region Läs"
        assert not in_transaction(raw)  # no BEGIN, and no ROLLBACK to send at the end
        conn.execute(update(Organisation).values(name="Region Skriv"))
        assert in_transaction(raw)
        with conn.begin_nested():  # a savepoint, as the PDF render claims take
            conn.execute(update(Organisation).values(name="Region Spara"))
        conn.rollback()  # the write was inside the transaction: undone with it
    db.session.expire_all()
    assert db.session.get(Organisation, org.id).name == "Region Läs"


def test_what_counts_as_only_reading():
    assert only_reads("SELECT organisation.updated_at, x.update_count FROM organisation")
    assert only_reads("WITH RECURSIVE trees(root, id) AS (SELECT 1, 1) SELECT * FROM trees")
    assert not only_reads("SELECT id FROM measure WHERE id = 1 FOR UPDATE")
    assert not only_reads("SELECT id FROM measure FOR NO KEY UPDATE")
    assert not only_reads("SELECT id FROM measure FOR SHARE")
    assert not only_reads("WITH gone AS (DELETE FROM claim RETURNING id) SELECT * FROM gone")
    assert not only_reads("UPDATE user_session SET last_seen_at = now()")
    assert not only_reads("SAVEPOINT sa_savepoint_1")
    assert not only_reads("SELECT pg_advisory_xact_lock(42)")
    assert not only_reads("SELECT pg_try_advisory_lock(42)")
    assert not only_reads("SELECT set_config('planner.user', '7', true)")
    assert not only_reads("SELECT nextval('measure_id_seq')")
    assert not only_reads("SELECT * INTO TEMPORARY kopia FROM measure")


@pytest.mark.parametrize(
    ("method", "reads_outside"),
    [("GET", True), ("HEAD", True), ("POST", False), ("PUT", False), (None, False)],
)
def test_only_a_get_reads_outside_a_transaction(app, method, reads_outside):
    """A form's POST, a command or a job (no request at all) read in the transaction they
    write in, as before: on PostgreSQL their first SELECT begins it. SQLite's driver begins at
    the first write whatever the request, as it always has."""
    make_org("Region Läs")
    commit()
    db.session.remove()
    request = app.test_request_context("/", method=method) if method else nullcontext()
    with request:
        assert db.session.scalars(select(Organisation.name)).all() == ["Region Läs"]
        raw = db.session.connection().connection.dbapi_connection
        postgresql = db.engine.dialect.name == "postgresql"
        assert in_transaction(raw) == (postgresql and not reads_outside)
        db.session.remove()


def test_a_statement_written_as_text_runs_in_a_transaction_even_in_a_get(app):
    """What planner cannot see into – text(), driver SQL – may lock or write, so on
    PostgreSQL it begins a transaction; built SELECTs do not."""
    with app.test_request_context("/", method="GET"), db.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        conn.execute(select(Organisation.id).limit(1)).all()
        assert not in_transaction(raw)
        assert conn.execute(text("SELECT 1")).scalar_one() == 1
        assert in_transaction(raw) == (db.engine.dialect.name == "postgresql")


def test_a_dead_connection_that_lay_idle_is_replaced_before_use(app):
    """The database restarted while the pool slept: the connection is found dead before a
    request uses it, and the page is served on a new one. A connection in steady use (idle
    less than DB_PING_AFTER seconds) is used without the ping's round trip."""
    pings = []
    real_ping = db.engine.dialect.do_ping

    def counted_ping(dbapi_connection):
        pings.append(dbapi_connection)
        return real_ping(dbapi_connection)

    db.engine.dialect.do_ping = counted_ping
    try:
        db.session.remove()
        with db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            record = conn.connection._connection_record
            dead = conn.connection.dbapi_connection
        with db.engine.connect() as conn:  # in steady use: not pinged
            conn.execute(text("SELECT 1"))
        assert pings == []
        dead.close()  # the server ended it behind the pool's back
        record.info["idle_since"] -= app.config["DB_PING_AFTER"] + 1
        with db.engine.connect() as conn:
            assert conn.execute(text("SELECT 2")).scalar_one() == 2
            assert conn.connection.dbapi_connection is not dead
        assert pings == [dead]
    finally:
        db.engine.dialect.do_ping = real_ping
