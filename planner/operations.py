"""The operations log: one INFO line per kind of change a commit made (who, what, which ids).

Services flush and views commit, so the one place that sees every change with its actor is the
session: rows are noted as they are flushed (audited or not: accounts, login failures, kept
reports too) and logged only when the transaction commits. A rolled-back change, or one undone
with its savepoint, is never logged as done. Values are not logged (they are in the history),
only what kind of row, which ids and who."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from planner.audit.models import CREATE, DELETE, UPDATE

log = logging.getLogger("planner.operations")
SHOWN_IDS = 20  # a bulk import or a restore logs its first ids and how many there were
_KEY = "planner_operations"


def _noted(session: Session) -> list[tuple[SessionTransaction, str, str, Any, str]]:
    return session.info.setdefault(_KEY, [])


def _actor() -> str:
    from planner.audit.recorder import current_actor

    user_id, name = current_actor()
    return f"user {user_id}" if user_id is not None else repr(name)


def _after_flush(session: Session, _flush_context) -> None:
    changed = [
        *((CREATE, obj) for obj in session.new),
        *((UPDATE, obj) for obj in session.dirty if session.is_modified(obj)),
        *((DELETE, obj) for obj in session.deleted),
    ]
    if not changed:
        return
    transaction = session.get_nested_transaction() or session.get_transaction()
    who = _actor()
    _noted(session).extend(
        (transaction, action, type(obj).__name__, getattr(obj, "id", None), who)
        for action, obj in changed
    )


def _after_commit(session: Session) -> None:
    grouped: dict[tuple[str, str, str], list] = {}
    for _transaction, action, kind, row_id, who in session.info.pop(_KEY, []):
        ids = grouped.setdefault((who, action, kind), [])
        if row_id not in ids:
            ids.append(row_id)
    for (who, action, kind), ids in grouped.items():
        shown = ", ".join(str(i) for i in ids[:SHOWN_IDS])
        more = f" … ({len(ids)} in all)" if len(ids) > SHOWN_IDS else ""
        log.info("%s %s %s%s by %s", action, kind, shown, more, who)


def _inside(transaction: SessionTransaction | None, ended: SessionTransaction) -> bool:
    while transaction is not None:
        if transaction is ended:
            return True
        transaction = transaction.parent
    return False


def _after_soft_rollback(session: Session, previous_transaction: SessionTransaction) -> None:
    noted = session.info.get(_KEY)
    if noted:
        noted[:] = [n for n in noted if not _inside(n[0], previous_transaction)]


def init_app(app: Flask) -> None:
    """Log at ``PLANNER_LOG_LEVEL`` (INFO unless set; DEBUG when debugging), and listen on
    every session (once per process, however many apps are built)."""
    if not app.debug:
        app.logger.setLevel(app.config["LOG_LEVEL"])
    for name, listener in (
        ("after_flush", _after_flush),
        ("after_commit", _after_commit),
        ("after_soft_rollback", _after_soft_rollback),
    ):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
