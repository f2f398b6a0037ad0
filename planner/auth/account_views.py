"""One's own account: who one is, where one is logged in, and ending the other logins."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from planner.auth import user_sessions
from planner.auth.models import UserSession
from planner.extensions import db

bp = Blueprint("account", __name__)


@bp.get("/konto")
def show():
    user = current_user._get_current_object()
    sessions = [(s, user_sessions.is_current(s, user)) for s in user_sessions.of_user(user)]
    return render_template("auth/account.html", sessions=sessions)


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
