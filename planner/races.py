"""What a request answers when another one won the race to the database.

Two identical submits (a double click, a retry, two people at once) may both pass every
check before either commits. The database then decides: a unique constraint refuses the
second insert (IntegrityError), a versioned UPDATE or a DELETE finds its row already changed
or gone (StaleDataError, ObjectDeletedError), or the database gives up waiting for the other
(a deadlock or serialisation failure, SQLite's "database is locked"). Whatever the view was
doing, the answer is the same, given here once: roll back, tell the user in Swedish that
their submit lost to another, and send them back to look (POST/redirect/GET) — never a 500.
"""

from __future__ import annotations

from flask import Flask, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm.exc import ObjectDeletedError, StaleDataError

from planner.extensions import db

# SQLSTATEs of PostgreSQL's "try again": serialization_failure, deadlock_detected,
# lock_not_available.
_RETRYABLE_STATES = {"40001", "40P01", "55P03"}


def return_to(url: str) -> None:
    """Where a request that loses its race sends the user, when not back to the form's
    page (after a deletion that page may be gone)."""
    g.race_return_to = url


def _contended(error: DBAPIError) -> bool:
    """Did the database refuse because of another transaction (not because of a bug)?"""
    state = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
    if state in _RETRYABLE_STATES:
        return True
    return "database is locked" in str(error.orig)


def _back() -> str:
    from planner.web import safe_next

    target = getattr(g, "race_return_to", None)
    if target:
        return target
    referrer = request.referrer or ""
    if referrer.startswith(request.host_url):
        return safe_next("/" + referrer[len(request.host_url) :], url_for("orgs.index"))
    return url_for("orgs.index")


def _lost_race(error: Exception):
    db.session.rollback()
    if isinstance(error, OperationalError) and not _contended(error):
        raise error  # a real failure (e.g. the database is down): not a race
    current_app.logger.warning("Lost a race on %s %s: %r", request.method, request.path, error)
    if request.method in ("GET", "HEAD"):
        return render_template("error.html", code=409, error=error, race=True), 409
    if isinstance(error, IntegrityError):
        message = _(
            "Det du skickade fanns redan – troligen skickades formuläret två gånger, eller "
            "så hann någon annan före. Inget har sparats dubbelt; kontrollera sidan."
        )
    else:
        message = _(
            "Någon annan ändrade eller tog bort samma sak i samma ögonblick (eller så "
            "skickades formuläret två gånger). Din ändring sparades inte; kontrollera sidan "
            "och gör om den om den behövs."
        )
    flash(message, "error")
    return redirect(_back())


def init_app(app: Flask) -> None:
    for error in (IntegrityError, StaleDataError, ObjectDeletedError, OperationalError):
        app.register_error_handler(error, _lost_race)
