"""One's own account: who one is, where one is logged in, and ending the other logins."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from planner.auth import user_sessions
from planner.auth.models import UserSession
from planner.extensions import db
from planner.sso import accounts as sso_accounts
from planner.sso import client as sso_client

bp = Blueprint("account", __name__)


@bp.get("/konto")
def show():
    user = current_user._get_current_object()
    sessions = [(s, user_sessions.is_current(s, user)) for s in user_sessions.of_user(user)]
    linkable = sso_client.enabled() and not sso_accounts.is_linked(
        user, current_app.config["OIDC_ISSUER"]
    )
    return render_template(
        "auth/account.html",
        sessions=sessions,
        sso_label=sso_client.button_label() if linkable else None,
    )


@bp.post("/konto/sessioner/<int:session_id>/avsluta")
def end_session(session_id: int):
    found = db.session.get(UserSession, session_id) if 0 < session_id < 2**31 else None
    if found is None or found.user_id != current_user.id:
        abort(404)  # someone else's session is not revealed
    current = user_sessions.is_current(found, current_user)
    user_sessions.end(found)
    db.session.commit()
    if current:
        return redirect(url_for("auth.login"))
    flash(_("Inloggningen är avslutad."), "success")
    return redirect(url_for(".show"))


@bp.post("/konto/sessioner/avsluta-andra")
def end_other_sessions():
    ended = user_sessions.end_all(current_user._get_current_object(), keep_current=True)
    db.session.commit()
    flash(_("%(n)d andra inloggningar avslutades.", n=ended), "success")
    return redirect(url_for(".show"))
