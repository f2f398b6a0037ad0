"""Calendar subscriptions: a secret link per subscriber (only its hash is kept) and the
filters it asked for."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.extensions import db
from planner.models import Audited, Scope, utcnow
from planner.orgs.models import Organisation
from planner.plans.template import AREA_LABELS
from planner.wheel.models import CATEGORIES


class Subscription(Audited, db.Model):
    """A calendar feed someone subscribed to: a secret link (only its hash is kept) and the
    filters it asked for. Personal (user set) or organisation-wide (for the intranet)."""

    __tablename__ = "subscription"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    areas: Mapped[list] = mapped_column(JSON, default=list)
    categories: Mapped[list] = mapped_column(JSON, default=list)
    only_mine: Mapped[bool] = mapped_column(Boolean, default=False)
    include_sub: Mapped[bool] = mapped_column(Boolean, default=True)
    include_activities: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    organisation: Mapped[Organisation] = relationship()

    audit_entity = _l("prenumerationen")
    audit_fields = {
        "name": _l("Namn"),
        "areas": _l("Bara dessa områden"),
        "categories": _l("Bara dessa kategorier"),
        "only_mine": _l("Bara aktiviteter där jag är ansvarig"),
        "include_sub": _l("Ta med underorganisationerna"),
        "include_activities": _l("Ta med aktiviteternas slut- och uppföljningsdatum"),
        "revoked_at": _l("Återkallad"),
    }
    audit_values = {"areas": AREA_LABELS, "categories": CATEGORIES}
    # A calendar's poll changes nothing; a secret's digest belongs in no history or backup.
    audit_unrecorded = frozenset({"last_used_at", "token_hash"})

    @property
    def organisation_wide(self) -> bool:
        return self.user_id is None

    @property
    def audit_label(self) -> str:
        return self.name

    @property
    def scope(self) -> Scope:
        return Scope(self.organisation_id)

    @property
    def personal_to(self) -> int | None:
        return self.user_id  # a personal subscription is its owner's alone
