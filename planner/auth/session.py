"""Who is asking: Flask-Login set-up, and the rule that only the login page is public."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, current_app, redirect, request, url_for
from flask_login import LoginManager, current_user
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from planner.extensions import db

login_manager = LoginManager()
login_manager.session_protection = "strong"
login_manager.login_view = "auth.login"


@login_manager.user_loader
def load_user(secret: str):
    """The cookie names a server-side session (planner/auth/user_sessions.py); no row, no login.
    About once a minute the session's last use is written, and invitations to the account's
    address become memberships (planner/auth/services.py): that one write is committed here."""
    from planner.auth import user_sessions

    found = user_sessions.find(secret, current_app.permanent_session_lifetime)
    if found is None:
        return None
    user = found.user
    touched = user_sessions.touch(found)
    if touched is None:  # ended by another request a moment ago
        return None
    if touched:
        accept_invitations(user)
    return user


def accept_invitations(user) -> None:
    """Commit ``user``'s pending invitations as memberships. Two requests of one person may
    do it at once; the one that loses finds the work done (nothing to report, no 500)."""
    from planner.auth import services

    try:
        services.accept_invitations(user)
        db.session.commit()
    except (IntegrityError, StaleDataError):
        db.session.rollback()


def _require_login():
    # Every view needs a login unless marked @public (secure by default); no endpoint: a 404.
    if request.endpoint is None or _is_public(request.endpoint):
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    return None


def _is_public(endpoint: str) -> bool:
    view = current_app.view_functions.get(endpoint)
    return bool(getattr(view, "public", False))


def public(view):
    """Mark a view as reachable without logging in (the login page, the language switch, a
    token-authenticated feed): the one way a view is made public."""
    view.public = True
    return view


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_message = None
    app.config.setdefault("PERMANENT_SESSION_LIFETIME", timedelta(hours=10))
    app.config.setdefault("REMEMBER_COOKIE_HTTPONLY", True)
    app.config.setdefault("REMEMBER_COOKIE_SAMESITE", "Lax")
    app.config.setdefault("REMEMBER_COOKIE_SECURE", app.config["SESSION_COOKIE_SECURE"])
    public(app.view_functions["static"])  # the app's own CSS, scripts and images
    app.before_request(_require_login)
