"""The declarative base shared by every feature's models."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import DateTime, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names, so Alembic revisions can name what they alter or drop.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Timestamped:
    """Creation and change times, stored in UTC and shown in Europe/Stockholm."""

    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


@dataclass(frozen=True)
class Scope:
    """Where a row belongs: the organisation whose roles decide over it, and the plan and
    activity whose pages show its history."""

    organisation_id: int
    plan_id: int | None = None
    activity_id: int | None = None


class Owned:
    """A row an organisation owns. Each model says where it belongs in one property, ``scope``;
    the permission rule (planner.access) and the history (planner.audit) both ask it, so a new
    model needs nothing else to be checked and recorded."""

    @property
    def scope(self) -> Scope:
        raise NotImplementedError

    @property
    def owner_organisation_id(self) -> int:
        return self.scope.organisation_id

    @property
    def personal_to(self) -> int | None:
        """The one user a personal row belongs to (others may not see it, whatever their role);
        None when the organisation's roles alone decide."""
        return None


class Audited(Owned):
    """A row whose every insert, update and delete goes into the history
    (planner.audit.recorder), shown where its scope says."""

    # False: created together with a parent whose creation is the event.
    audit_creates: ClassVar[bool] = True
    # Relationships whose change is recorded too (by the related rows' labels).
    audited_relations: ClassVar[tuple[str, ...]] = ()
    # How the history speaks of it, declared by each model next to its columns (Swedish, through
    # Babel): the row in a sentence ("aktiviteten"), the name of every recorded field, for a
    # field that stores codes each code's label (a mapping) or how its value reads (a function),
    # and the fields recorded but never shown. tests/audit/test_labels.py checks every model.
    audit_entity: ClassVar[str]
    audit_fields: ClassVar[Mapping[str, str]] = {}
    audit_values: ClassVar[Mapping[str, Mapping | Callable[[Any], str]]] = {}
    audit_hidden: ClassVar[frozenset[str]] = frozenset()
    # Bookkeeping columns whose change is no event at all (e.g. when a feed was last polled).
    audit_unrecorded: ClassVar[frozenset[str]] = frozenset()
