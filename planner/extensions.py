"""Flask extensions, created unbound and bound to the app in ``init_app``."""

from __future__ import annotations

import re
import time
from functools import lru_cache

from flask import Flask, has_request_context, request, session
from flask_babel import Babel
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import CompoundSelect, Select, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError

from planner.models import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = CSRFProtect()
babel = Babel()


def select_locale() -> str:
    """The language the visitor chose with the switch, else Swedish (the first language)."""
    from flask import current_app

    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


@event.listens_for(Engine, "connect")
def _sqlite_setup(dbapi_connection, connection_record) -> None:  # noqa: ARG001
    """SQLite enforces foreign keys only when asked, per connection; and its lower() knows
    only ASCII, so case-insensitive search would miss Å, Ä and Ö without Python's."""
    import sqlite3

    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def ping_when_idle(engine: Engine, idle_seconds: float) -> None:
    """Check that a pooled connection is alive before it is used, when it has lain idle for
    ``idle_seconds`` or more: a database restarted or failed over while the pool slept is
    noticed before a request uses a dead connection, and the pool connects anew
    (DisconnectionError makes it retry). A connection in steady use is not pinged, which saves
    a round trip on every request (SQLAlchemy's pool_pre_ping pings every checkout). A
    restart within ``idle_seconds`` of a connection's last use fails one request per process;
    the pool then replaces all its connections."""

    @event.listens_for(engine, "checkin")
    def _idle_from_now(_dbapi_connection, record) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _alive_after_idling(dbapi_connection, record, _proxy) -> None:
        idle_since = record.info.get("idle_since")  # None: connected just now
        if idle_since is None or time.monotonic() - idle_since < idle_seconds:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as error:  # the driver's, for a dead connection
            raise DisconnectionError("the pooled connection is gone") from error


# A statement that only reads: a SELECT (or WITH … SELECT) that neither writes nor locks rows,
# nor calls one of PostgreSQL's functions that change state outside the rows.
_READ = re.compile(r"\s*(SELECT|WITH)\b", re.IGNORECASE)
_WRITE_OR_LOCK = re.compile(
    r"\b(INSERT|UPDATE|DELETE|MERGE|INTO|FOR\s+(NO\s+KEY\s+UPDATE|KEY\s+SHARE|SHARE)"
    r"|pg_advisory\w*|pg_try_advisory\w*|set_config|nextval|setval|pg_notify)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1024)  # the same compiled statements come back request after request
def only_reads(statement: str) -> bool:
    return bool(_READ.match(statement)) and not _WRITE_OR_LOCK.search(statement)


def is_a_query(context) -> bool:
    """The statement was built as a SELECT with SQLAlchemy's expressions – not text(), not
    driver SQL, not a savepoint or DDL, which may do anything and so run in a transaction."""
    compiled = getattr(context, "compiled", None)
    return isinstance(getattr(compiled, "statement", None), (Select, CompoundSelect))


def begin_at_first_write(engine: Engine) -> None:
    """PostgreSQL: in a GET or HEAD request, reads run outside a transaction and the first
    statement that writes, locks or sets a savepoint begins one – what Python's sqlite3 does on
    SQLite, so both databases behave alike. Under READ COMMITTED each statement sees its own
    snapshot inside a transaction as well, so the reads see the same; a request that only reads
    is spared BEGIN and ROLLBACK, two of the four or five round trips of a typical page. Other
    requests, commands and migrations run every statement in a transaction, as before."""
    if engine.dialect.name != "postgresql":
        return

    @event.listens_for(engine, "checkout")
    def _reads_first(dbapi_connection, _record, _proxy) -> None:
        reading = has_request_context() and request.method in ("GET", "HEAD")
        dbapi_connection.autocommit = reading  # checked in, so never inside a transaction

    @event.listens_for(engine, "before_cursor_execute")
    def _writes_in_a_transaction(_conn, cursor, statement, _parameters, context, _many) -> None:
        if cursor.connection.autocommit and not (is_a_query(context) and only_reads(statement)):
            cursor.connection.autocommit = False  # psycopg begins before this statement


def init_app(app: Flask) -> None:
    db.init_app(app)
    with app.app_context():
        ping_when_idle(db.engine, app.config["DB_PING_AFTER"])
        begin_at_first_write(db.engine)
    migrate.init_app(app, db, directory=str(app.root_path + "/../migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)

    @app.teardown_request
    def _roll_back_unfinished_work(_error: BaseException | None) -> None:
        # A view commits once. Whatever a request left uncommitted (an exception after a flush,
        # a refused change, a conflict) is rolled back here, whatever raised, so nothing
        # half-written reaches the next use of the session.
        if db.session().in_transaction():
            db.session.rollback()
