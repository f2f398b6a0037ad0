"""Accounts, their roles per organisation, and failed-login counters shared by all processes."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planner.extensions import db
from planner.models import Audited, Scope, Timestamped
from planner.orgs.models import Organisation

READER, EDITOR, ADMIN = "lasare", "redaktor", "administrator"
ROLES = {READER: _l("Läsare"), EDITOR: _l("Redaktör"), ADMIN: _l("Administratör")}
ROLE_RANK = {READER: 1, EDITOR: 2, ADMIN: 3}


class User(UserMixin, Timestamped, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(300))
    is_system_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Changing it ends every session the user has (Flask-Login's id carries it).
    session_token: Mapped[str] = mapped_column(String(64))

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self) -> bool:
        return self.active

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class Membership(Audited, Timestamped, db.Model):
    """A user's role on an organisation; it holds for the organisation's subtree too."""

    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20))

    user: Mapped[User] = relationship(back_populates="memberships")
    organisation: Mapped[Organisation] = relationship()

    audit_entity = _l("medlemskapet")
    audit_fields = {"role": _l("Roll")}
    audit_values = {"role": ROLES}

    @property
    def role_label(self) -> str:
        return str(ROLES.get(self.role, self.role))

    @property
    def audit_label(self) -> str:
        return f"{self.user.name} <{self.user.email}>, {self.organisation.name}"

    @property
    def scope(self) -> Scope:
        return Scope(self.organisation_id)


class LoginFailure(db.Model):
    """Failed logins per account and per address, in the database so every worker sees them."""

    __tablename__ = "login_failure"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
