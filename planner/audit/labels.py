"""How the history speaks of a row: the labels each audited model declares next to its columns
(see ``planner.models.Audited``), read in the request's language."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import DateTime, Time, inspect

from planner.audit.models import CREATE, DELETE, UPDATE
from planner.extensions import db
from planner.models import Audited
from planner.web import localtime

EMPTY = "–"
YES_NO = {True: _l("Ja"), False: _l("Nej")}
VERBS = {CREATE: _l("skapade"), UPDATE: _l("ändrade"), DELETE: _l("tog bort")}


def audited_models() -> dict[str, type[Audited]]:
    """Every audited model by the name its history entries carry (``AuditEvent.entity_type``)."""
    return {
        mapper.class_.__name__: mapper.class_
        for mapper in db.Model.registry.mappers
        if issubclass(mapper.class_, Audited)
    }


def _as_local_time(value: str) -> str:
    return localtime(datetime.fromisoformat(value))


def _as_clock(value: str) -> str:
    return value[:5]  # 09:00:00 reads 09:00


def column_reading(model: type, field: str) -> Callable[[Any], str]:
    """How a recorded value without labels reads, by its column's type: moments in Swedish
    time, times of day without seconds, dates and numbers as stored (ISO, digits)."""
    column = inspect(model).columns.get(field)
    if column is not None and isinstance(column.type, DateTime):
        return _as_local_time
    if column is not None and isinstance(column.type, Time):
        return _as_clock
    return str


class Labels:
    """The labels of one history read. Each is translated once per read rather than once per
    line and field (a plan's 50 lines would otherwise make hundreds of lookups)."""

    def __init__(self) -> None:
        self.models = audited_models()
        self._known: dict[tuple, Any] = {}

    def _once(self, key: tuple, make: Callable[[], Any]) -> Any:
        if key not in self._known:
            self._known[key] = make()
        return self._known[key]

    def verb(self, action: str) -> str:
        return self._once(("verb", action), lambda: str(VERBS.get(action, VERBS[UPDATE])))

    def entity(self, entity_type: str) -> str:
        """The row in a sentence ("aktiviteten"); an entry of a model since removed keeps its
        stored name."""
        model = self.models.get(entity_type)
        label = getattr(model, "audit_entity", None)
        return self._once(("entity", entity_type), lambda: str(label or entity_type))

    def shown(self, entity_type: str, field: str) -> bool:
        model = self.models.get(entity_type)
        return model is None or field not in model.audit_hidden

    def field(self, entity_type: str, field: str) -> str:
        model = self.models.get(entity_type)
        label = model.audit_fields.get(field) if model else None
        return self._once(("field", entity_type, field), lambda: str(label or field))

    def value(self, entity_type: str, field: str, value: Any) -> str:
        """A recorded value as a reader understands it: codes by their labels, Ja/Nej, times in
        Swedish time; a list as its items' labels."""
        if value is None or value == "" or value == []:
            return EMPTY
        if isinstance(value, list):
            return " + ".join(self.value(entity_type, field, item) for item in value)
        if isinstance(value, bool):
            return self._once(("bool", value), lambda: str(YES_NO[value]))
        model = self.models.get(entity_type)
        if model is None:
            return str(value)
        labels = model.audit_values.get(field)
        if isinstance(labels, Mapping):
            if value not in labels:
                return str(value)  # a code no longer offered reads as stored
            return self._once(("value", entity_type, field, value), lambda: str(labels[value]))
        reading = labels or self._once(
            ("reading", entity_type, field), lambda: column_reading(model, field)
        )
        return reading(value)
