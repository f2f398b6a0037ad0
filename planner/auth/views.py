"""Logging in and out, one's own password, and system administrators' account pages."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select

from planner.access import ADMINISTER, require
from planner.auth import devices, services, user_sessions
from planner.auth.forms import LoginForm, PasswordForm, UserForm
from planner.auth.models import User
from planner.auth.session import accept_invitations, public
from planner.editing import rule_checked
from planner.extensions import db
from planner.mywork.views import landing_url
from planner.sso import client as sso_client
from planner.sso.models import OidcIdentity
from planner.web import safe_next

bp = Blueprint("auth", __name__)


def client_address() -> str:
    return request.remote_addr or "okänd"


def log_in(user: User, id_token: str | None = None):
    """A new session on login: nothing carried over from before but the language choice.
    ``id_token``: a single sign-on's, kept with the session for the logout."""
    lang = session.get("lang")
    session.clear()
    if lang:
        session["lang"] = lang
    agent = request.headers.get("User-Agent", "")
    secret = user_sessions.start(user, agent, client_address(), id_token=id_token)
    db.session.commit()
    accept_invitations(user)
    user.session_secret = secret  # kept across a rollback, for login_user
    login_user(user)


LOCKED = _l("För många misslyckade försök. Vänta en stund och försök igen.")


@bp.route("/logga-in", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next"), landing_url(current_user)))
    form = LoginForm()
    if form.validate_on_submit():
        result = services.authenticate(
            form.email.data, form.password.data, client_address(), devices.presented()
        )
        db.session.commit()  # failures are counted even though the login is refused
        if result.user is not None and not password_allowed(result.user):
            # Only the break-glass system administrators; the same words as a wrong password,
            # so the form never confirms someone else's password.
            result = services.LoginResult(None)
        if result.user is not None:
            log_in(result.user)
            response = redirect(safe_next(request.args.get("next"), landing_url(result.user)))
            devices.remember(response, result.user.id)
            return response
        form.form_errors.append(
            str(LOCKED) if result.locked else _("Fel e-postadress eller lösenord.")
        )
        return _login_page(form), 200
    return _login_page(form)


def password_allowed(user: User) -> bool:
    """PLANNER_LOCAL_LOGIN=0 leaves passwords to system administrators (break-glass)."""
    return current_app.config["LOCAL_LOGIN"] or user.is_system_admin


def _login_page(form: LoginForm):
    return render_template(
        "auth/login.html",
        form=form,
        sso_label=sso_client.button_label() if sso_client.enabled() else None,
        local_login=current_app.config["LOCAL_LOGIN"],
        next_url=safe_next(request.args.get("next"), ""),
    )


@bp.post("/logga-ut")
def logout():
    id_token = None
    if current_user.is_authenticated:
        ending = user_sessions.current(current_user)
        id_token = ending.id_token if ending is not None else None
        user_sessions.end_current(current_user)
        db.session.commit()
    logout_user()
    session.clear()
    flash(_("Du är utloggad."), "success")
    back = url_for(".login", _external=True)
    # Logged in through the provider: end the session there too when it offers that.
    at_provider = sso_client.logout_url(id_token, back) if id_token else None
    return redirect(at_provider or url_for(".login"))


@bp.route("/konto/losenord", methods=["GET", "POST"])
def change_password():
    form = PasswordForm()
    if form.validate_on_submit():
        # The same throttle as the login: a stolen session must not become a password guesser.
        result = services.authenticate(
            current_user.email, form.current.data, client_address(), devices.presented()
        )
        if result.user is None or result.user.id != current_user.id:
            db.session.commit()  # the failure counts
            message = LOCKED if result.locked else _("Det nuvarande lösenordet stämmer inte.")
            form.current.errors.append(str(message))
        else:
            services.set_password(current_user, form.new.data, keep_current_session=True)
            db.session.commit()
            flash(_("Lösenordet är bytt. Dina andra inloggningar har avslutats."), "success")
            return redirect(url_for("account.show"))
    return render_template("auth/password.html", form=form)


@bp.get("/anvandare")
def users():
    require(ADMINISTER, User)
    accounts = db.session.scalars(select(User).order_by(User.name)).all()
    linked = set(db.session.scalars(select(OidcIdentity.user_id)))
    return render_template("auth/users.html", users=accounts, linked=linked)


@bp.route("/anvandare/ny", methods=["GET", "POST"])
def create_user():
    require(ADMINISTER, User)
    form = UserForm()
    if form.validate_on_submit():
        data = (form.email.data, form.name.data, form.password.data, form.system_admin.data)
        user = rule_checked(form, lambda: services.create_user(*data), "email")
        if user is not None:
            db.session.commit()
            flash(_("Kontot för %(email)s skapades.", email=user.email), "success")
            return redirect(url_for(".users"))
    return render_template("auth/user_form.html", form=form)
