"""Record every insert, update and delete of the audited rows as the session flushes.

Rows are written on the flushing connection, so an event commits or rolls back together with
the change it describes."""

from __future__ import annotations

import contextvars
from dataclasses import asdict
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Mapper, Session

from planner.audit.models import CREATE, DELETE, UPDATE, AuditEvent
from planner.models import Audited, utcnow

# Who acts outside a web request (the CLI, the demo): set with ``acting_as``.
SYSTEM: tuple[int | None, str] = (None, "system")
_actor: contextvars.ContextVar[tuple[int | None, str]] = contextvars.ContextVar(
    "planner_actor", default=SYSTEM
)
SKIPPED = {"id", "version", "created_at", "updated_at", "password_hash"}


class acting_as:  # noqa: N801 - used as a context manager, reads like a phrase
    def __init__(self, name: str, user_id: int | None = None) -> None:
        self.value = (user_id, name)

    def __enter__(self):
        self.token = _actor.set(self.value)

    def __exit__(self, *exc):
        _actor.reset(self.token)


def current_actor() -> tuple[int | None, str]:
    from flask import has_request_context
    from flask_login import current_user

    explicit = _actor.get()
    if explicit is not SYSTEM:  # said with acting_as, also inside a request
        return explicit
    if has_request_context() and getattr(current_user, "is_authenticated", False):
        return current_user.id, current_user.name
    return SYSTEM


def plain(value: Any) -> Any:
    """A JSON-safe, human-meaningful form of a value (rows become their label)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):  # 85.0000 from the database is the 85 that was typed
        return format(value.normalize(), "f")
    if isinstance(value, list | tuple | set):
        return sorted(str(plain(v)) for v in value)
    label = getattr(value, "audit_label", None)
    return label if label is not None else str(value)


def recorded_columns(mapper: Mapper) -> list[str]:
    """The columns whose values the history keeps: not ids, versions, timestamps or secrets
    (rows referred to are recorded through ``audited_relations``, by their labels)."""
    unrecorded = getattr(mapper.class_, "audit_unrecorded", frozenset())
    return [
        attr.key
        for attr in mapper.column_attrs
        if attr.key not in SKIPPED | unrecorded and not attr.key.endswith("_id")
    ]


def recorded_fields(model: type[Audited]) -> list[str]:
    """Every field of ``model`` a history entry may name: its recorded columns and relations."""
    mapper = inspect(model)
    relations = [rel.key for rel in mapper.relationships if rel.key in model.audited_relations]
    return [*recorded_columns(mapper), *relations]


def _changes(obj: Any) -> dict[str, list]:
    state = inspect(obj)
    changes: dict[str, list] = {}
    for key in recorded_columns(state.mapper):
        history = state.attrs[key].history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if plain(old) != plain(new):
                changes[key] = [plain(old), plain(new)]
    for rel in state.mapper.relationships:
        if rel.key not in obj.audited_relations:
            continue
        history = state.attrs[rel.key].history
        if not history.has_changes():
            continue
        if rel.uselist:
            before = [*history.unchanged, *history.deleted]
            after = [*history.unchanged, *history.added]
        else:
            before, after = history.deleted[:1], history.added[:1]
            before, after = (before[0] if before else None), (after[0] if after else None)
        if plain(before) != plain(after):
            changes[rel.key] = [plain(before), plain(after)]
    return changes


def _snapshot(obj: Any, created: bool) -> dict[str, list]:
    state = inspect(obj)
    values = {}
    for key in recorded_columns(state.mapper):
        value = plain(getattr(obj, key))
        if value not in (None, "", []):
            values[key] = [None, value] if created else [value, None]
    return values


def _row(obj: Any, action: str, changes: dict) -> dict:
    actor_id, actor_name = current_actor()
    return {
        "at": utcnow(),
        "actor_id": actor_id,
        "actor_name": actor_name,
        "action": action,
        "entity_type": type(obj).__name__,
        "entity_id": obj.id,
        "entity_label": str(obj.audit_label)[:300],
        "entity_version": getattr(obj, "version", None),
        "changes": changes,
        **asdict(obj.scope),
    }


def _after_flush(session: Session, flush_context) -> None:
    rows = []
    for obj in session.new:
        if isinstance(obj, Audited) and obj.audit_creates:
            rows.append(_row(obj, CREATE, _snapshot(obj, created=True)))
    for obj in session.dirty:
        if isinstance(obj, Audited) and session.is_modified(obj):
            changes = _changes(obj)
            if changes:
                rows.append(_row(obj, UPDATE, changes))
    for obj in session.deleted:
        if isinstance(obj, Audited):
            rows.append(_row(obj, DELETE, _snapshot(obj, created=False)))
    if rows:
        session.connection().execute(insert(AuditEvent), rows)


def init_recorder() -> None:
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
