"""Who is asking: Flask-Login set-up, and the rule that only the login page is public."""

from __future__ import annotations

from datetime import timedelta

from flask import Flask, redirect, request, url_for
from flask_login import LoginManager, current_user

from planner.extensions import db

login_manager = LoginManager()
login_manager.session_protection = "strong"
login_manager.login_view = "auth.login"


@login_manager.user_loader
def load_user(identity: str):
    from planner.auth.models import User

    user_id, _, token = identity.partition(":")
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_token != token:
        return None
    return user


def _require_login():
    # Every view needs a login unless marked @public (secure by default); no endpoint: a 404.
    if request.endpoint is None or _is_public(request.endpoint):
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    return None


def _is_public(endpoint: str) -> bool:
    from flask import current_app

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
