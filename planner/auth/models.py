"""Accounts, their roles per organisation, their sessions, and failed-login counters: all in
the database, so every process sees the same."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from planner.extensions import db
from planner.models import Audited, Scope, Timestamped, utcnow
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

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    # The secret of the session this request runs in (planner/auth/user_sessions.py); Flask-Login
    # keeps what get_id() answers in the session cookie, so the cookie names a UserSession row.
    session_secret = None  # str while a request runs in one of the user's sessions

    def get_id(self) -> str | None:
        return self.session_secret

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def audit_label(self) -> str:
        """How the history names an account something is linked to."""
        return f"{self.name} <{self.email}>"

    @property
    def has_password(self) -> bool:
        # Markers (single sign-on only, restored without one) start with "!", never a hash.
        return not self.password_hash.startswith("!")

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class RoleOnOrganisation(Audited):
    """A role on an organisation: held by a member, or offered to an address."""

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20))

    @declared_attr
    def organisation(cls) -> Mapped[Organisation]:
        return relationship()

    audit_fields = {"role": _l("Roll")}
    audit_values = {"role": ROLES}

    @property
    def role_label(self) -> str:
        return str(ROLES.get(self.role, self.role))

    @property
    def scope(self) -> Scope:
        return Scope(self.organisation_id)


class Membership(RoleOnOrganisation, Timestamped, db.Model):
    """A user's role on an organisation; it holds for the organisation's subtree too."""

    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )

    user: Mapped[User] = relationship(back_populates="memberships")
    # Given by the single sign-on's group mapping (planner/sso/groups.py), which may take it
    # away again; a membership an administrator made is never touched by the mapping.
    from_group: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    audit_entity = _l("medlemskapet")
    audit_fields = {**RoleOnOrganisation.audit_fields, "from_group": _l("Från inloggningsgrupp")}

    @property
    def audit_label(self) -> str:
        return f"{self.user.name} <{self.user.email}>, {self.organisation.name}"


class LoginFailure(db.Model):
    """Failed logins counted per key ("pair:…", "account:…", "address:…", "device:…") and per
    minute, so a count over a window is a sum of recent rows and old rows simply stop counting
    (and are purged). One atomic upsert per failure keeps parallel processes exact."""

    __tablename__ = "login_failure"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    minute: Mapped[int] = mapped_column(Integer, primary_key=True, index=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class UserSession(db.Model):
    """One login: the session cookie names it by a secret whose hash is kept here. Deleting the
    row ends the login, wherever the cookie is."""

    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    device: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(64), default="")
    # A single sign-on's ID token, for the logout at the provider (id_token_hint). Kept here
    # rather than in the cookie: with many groups in it, it could outgrow what browsers keep.
    id_token: Mapped[str | None] = mapped_column(Text, nullable=True)

    user: Mapped[User] = relationship()


class Invitation(RoleOnOrganisation, Timestamped, db.Model):
    """A role offered to an e-mail address; it becomes a membership when the account with that
    address is next used. Organisation administrators add people this way whether or not an
    account exists, so the form never tells them which addresses have one."""

    __tablename__ = "invitation"
    __table_args__ = (UniqueConstraint("email", "organisation_id"),)
    # Two requests accepting the same invitation both delete it; the membership's unique
    # constraint decides the race, so the loser's delete finding nothing is no error.
    __mapper_args__ = {"confirm_deleted_rows": False}

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)

    audit_entity = _l("inbjudan")
    audit_fields = {**RoleOnOrganisation.audit_fields, "email": _l("E-post")}

    @property
    def audit_label(self) -> str:
        return f"{self.email}, {self.organisation.name}"
