"""The organisation tree: regions, their administrations, municipalities, units."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.extensions import db
from planner.models import Owned, Scope, Timestamped

if TYPE_CHECKING:
    from planner.plans.models import Plan

KINDS = {
    "region": _l("Region"),
    "kommun": _l("Kommun"),
    "forvaltning": _l("Förvaltning"),
    "enhet": _l("Enhet"),
    "privat": _l("Privat vårdgivare"),
    "forum": _l("Gemensamt forum"),
}


class Organisation(Owned, Timestamped, db.Model):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )

    parent: Mapped[Organisation | None] = relationship(
        remote_side="Organisation.id", back_populates="children"
    )
    children: Mapped[list[Organisation]] = relationship(
        back_populates="parent", order_by="Organisation.name"
    )
    plans: Mapped[list[Plan]] = relationship(
        back_populates="organisation", order_by="Plan.period_start.desc()"
    )

    @property
    def scope(self) -> Scope:
        return Scope(self.id)  # its own roles decide over it

    @property
    def audit_label(self) -> str:
        return self.name

    @property
    def kind_label(self) -> str:
        return str(KINDS.get(self.kind, self.kind))

    def ancestors(self) -> list[Organisation]:
        """From the root down to the parent (for breadcrumbs)."""
        chain: list[Organisation] = []
        node = self.parent
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name!r}>"
