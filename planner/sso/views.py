"""Logging in through the organisation's OpenID provider: the button's redirect, the
provider's answer, the failure pages, and the page for a new account with no role yet."""

from __future__ import annotations

import logging

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from planner.audit.recorder import acting_as
from planner.auth import user_sessions
from planner.auth.session import public
from planner.auth.views import log_in
from planner.extensions import db
from planner.mywork.views import landing_url
from planner.sso import accounts, client, contacts, groups
from planner.sso.accounts import sign_in
from planner.sso.client import LoginFailed
from planner.web import safe_next

log = logging.getLogger(__name__)
bp = Blueprint("sso", __name__)
_NEXT = "oidc_next"
_LINK = "oidc_link_user"  # the logged-in account that asked to be linked

MESSAGES = {
    client.UNAVAILABLE: _l(
        "Inloggningstjänsten svarar inte just nu, eller svarar på ett sätt som planner inte "
        "kan lita på. Försök igen om en stund. Kvarstår felet: kontakta er IT-support."
    ),
    client.MISCONFIGURED: _l(
        "planner och inloggningstjänsten känner inte igen varandra (klientens id eller "
        "hemlighet stämmer inte). Det är ett inställningsfel som IT-supporten behöver rätta."
    ),
    client.BAD_TOKEN: _l(
        "Svaret från inloggningstjänsten klarade inte kontrollen (signatur, utfärdare, "
        "mottagare eller giltighetstid). Av säkerhetsskäl har du inte loggats in. Försök igen; "
        "kvarstår felet kan klockan på servern gå fel eller svaret ha ändrats på vägen."
    ),
    client.STATE: _l(
        "Svaret från inloggningstjänsten hör inte till en inloggning som påbörjats i den här "
        "webbläsaren (till exempel en gammal eller kopierad länk, eller en annan flik). Börja "
        "om inloggningen."
    ),
    client.USED_CODE: _l(
        "Inloggningskoden har redan använts eller har gått ut. Börja om inloggningen."
    ),
    client.DENIED: _l(
        "Inloggningen avbröts eller nekades hos inloggningstjänsten. Du är inte inloggad."
    ),
    client.PROVIDER_ERROR: _l("Inloggningstjänsten kunde inte logga in dig."),
    client.NO_EMAIL: _l(
        "Inloggningstjänsten skickade ingen e-postadress, och planner behöver en för att "
        "skapa ditt konto. IT-supporten kan ställa in vilket anspråk som är e-post "
        "(PLANNER_OIDC_EMAIL_CLAIM)."
    ),
    client.EMAIL_TAKEN: _l(
        "Det finns redan ett konto i planner med din e-postadress, men inloggningstjänsten "
        "intygar inte att adressen är din. Av säkerhetsskäl kopplas kontot inte ihop "
        "automatiskt. Logga in som förut, eller be en systemadministratör om hjälp."
    ),
    client.LINKED_ELSEWHERE: _l(
        "Kontot med din e-postadress är redan kopplat till en annan person hos "
        "inloggningstjänsten. Be en systemadministratör om hjälp."
    ),
    client.INACTIVE: _l("Ditt konto i planner är avstängt. Kontakta en administratör."),
}


def failure_page(failure: LoginFailed):
    db.session.rollback()
    log.warning("single sign-on refused (%s): %s", failure.kind, failure.detail)
    return (
        render_template("sso/failed.html", message=MESSAGES[failure.kind], error=failure.error),
        failure.status,
    )


@bp.get("/logga-in/sso")
@public
def start():
    if not client.enabled():
        flash(_("Inloggning via organisationens konto är inte inställd här."), "error")
        return redirect(url_for("auth.login"))
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next"), landing_url(current_user)))
    session[_NEXT] = safe_next(request.args.get("next"), "")
    try:
        return client.redirect_to_provider(url_for(".callback", _external=True))
    except LoginFailed as failure:
        return failure_page(failure)


@bp.get("/logga-in/sso/svar")
@public
def callback():
    if not client.enabled():
        return failure_page(LoginFailed(client.STATE, "single sign-on is not configured"))
    next_url = session.get(_NEXT) or ""
    if current_user.is_authenticated and session.get(_LINK) == current_user.id:
        return _link_answer()
    try:
        answer = client.finish()
        with acting_as(groups.ACTOR):  # the history names single sign-on as the actor
            try:
                user = sign_in(answer)
            except IntegrityError:
                # The same person's first login in two tabs at once: the other one made the
                # account a moment ago, so this one finds it.
                db.session.rollback()
                log.info("a first single sign-on raced another; using what it made")
                user = sign_in(answer)
    except LoginFailed as failure:
        return failure_page(failure)
    log_in(user, answer.id_token)  # commits; a new session cookie with nothing carried over
    log.info("single sign-on of user %s", user.id)
    if not user.is_system_admin and not user.memberships:
        return redirect(url_for(".no_role"))
    return redirect(safe_next(next_url, landing_url(user)))


@bp.post("/konto/koppla-inloggning")
def link():
    """A password user links their account to the provider (their own choice, proved by
    being logged in): for providers that do not vouch for e-mail addresses."""
    if not client.enabled():
        flash(_("Inloggning via organisationens konto är inte inställd här."), "error")
        return redirect(url_for("account.show"))
    session[_LINK] = current_user.id
    try:
        return client.redirect_to_provider(url_for(".callback", _external=True))
    except LoginFailed as failure:
        return failure_page(failure)


def _link_answer():
    session.pop(_LINK, None)
    try:
        answer = client.finish()
        with acting_as(groups.ACTOR):
            accounts.link(current_user._get_current_object(), answer)
    except LoginFailed as failure:
        return failure_page(failure)
    found = user_sessions.current(current_user)
    if found is not None:  # kept for the logout at the provider, as at a login
        found.id_token = answer.id_token
    db.session.commit()
    flash(
        _("Ditt konto är kopplat till organisationens konto. Logga in med knappen nästa gång."),
        "success",
    )
    return redirect(url_for("account.show"))


@bp.get("/utan-roll")
def no_role():
    """Where a new account lands: it may log in but has no role anywhere yet."""
    user = current_user._get_current_object()
    has_role = user.is_system_admin or bool(user.memberships)
    return render_template(
        "sso/no_role.html", has_role=has_role, contacts=contacts.whom_to_ask(user)
    )
