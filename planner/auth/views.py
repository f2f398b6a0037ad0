"""Logging in and out, one's own password, and system administrators' account pages."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select

from planner.access import ADMINISTER, require
from planner.auth import services
from planner.auth.forms import LoginForm, PasswordForm, UserForm
from planner.auth.models import User
from planner.auth.session import public
from planner.editing import rule_checked
from planner.extensions import db
from planner.web import safe_next

bp = Blueprint("auth", __name__)


@bp.route("/logga-in", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next"), url_for("orgs.index")))
    form = LoginForm()
    if form.validate_on_submit():
        result = services.authenticate(
            form.email.data, form.password.data, request.remote_addr or "okänd"
        )
        db.session.commit()  # failures are counted even though the login is refused
        if result.user is not None:
            lang = session.get("lang")
            session.clear()  # a new session on login: nothing carried over from before
            if lang:
                session["lang"] = lang
            login_user(result.user)
            return redirect(safe_next(request.args.get("next"), url_for("orgs.index")))
        if result.locked:
            form.form_errors.append(
                _("För många misslyckade försök. Vänta en stund och försök igen.")
            )
        else:
            form.form_errors.append(_("Fel e-postadress eller lösenord."))
        return render_template("auth/login.html", form=form), 200
    return render_template("auth/login.html", form=form)


@bp.post("/logga-ut")
def logout():
    logout_user()
    session.clear()
    flash(_("Du är utloggad."), "success")
    return redirect(url_for(".login"))


@bp.route("/konto/losenord", methods=["GET", "POST"])
def change_password():
    form = PasswordForm()
    if form.validate_on_submit():
        user = db.session.get(User, current_user.id)
        from planner.auth.passwords import verify

        if not verify(user.password_hash, form.current.data):
            form.current.errors.append(_("Det nuvarande lösenordet stämmer inte."))
        else:
            services.set_password(user, form.new.data)
            db.session.commit()
            login_user(user)  # keep this session; all others end with the old token
            flash(_("Lösenordet är bytt. Dina andra inloggningar har avslutats."), "success")
            return redirect(url_for("orgs.index"))
    return render_template("auth/password.html", form=form)


@bp.get("/anvandare")
def users():
    require(ADMINISTER, User)
    accounts = db.session.scalars(select(User).order_by(User.name)).all()
    return render_template("auth/users.html", users=accounts)


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
