"""Single sign-on: which account a person at an OpenID provider is, and which organisations and
roles the provider's groups give."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.auth.models import RoleOnOrganisation, User
from planner.extensions import db
from planner.models import Timestamped, utcnow


class OidcIdentity(db.Model):
    """The link between an account and a person at an issuer: (issuer, subject) is the one
    identifier a provider promises never to reuse; e-mail addresses change and are reused.
    One link per account and issuer, so a second person can never be matched to an account
    that already has one."""

    __tablename__ = "oidc_identity"
    __table_args__ = (
        UniqueConstraint("issuer", "subject"),
        UniqueConstraint("user_id", "issuer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    issuer: Mapped[str] = mapped_column(String(300))
    subject: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    user: Mapped[User] = relationship()


class GroupMapping(RoleOnOrganisation, Timestamped, db.Model):
    """A group in the provider's groups claim gives a role on an organisation, at every login;
    when the person is no longer in the group, the role it gave goes."""

    __tablename__ = "oidc_group_mapping"
    __table_args__ = (UniqueConstraint("group_name", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_name: Mapped[str] = mapped_column(String(200), index=True)

    audit_entity = _l("gruppkopplingen")
    audit_fields = {**RoleOnOrganisation.audit_fields, "group_name": _l("Grupp")}

    @property
    def audit_label(self) -> str:
        return f"{self.group_name} → {self.organisation.name}"
