"""The OpenID Connect client (Authlib): discovery from the issuer's metadata, the authorisation
request with PKCE (S256), state and nonce kept in the signed session cookie, and the answer
checked: the code exchanged once, the ID token's signature (the issuer's published keys),
issuer, audience, expiry and nonce. Anything that goes wrong becomes a ``LoginFailed`` with a
kind the failure page explains; nothing here logs anyone in."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError
from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app, request, session
from flask_babel import gettext as _
from joserfc.errors import JoseError

log = logging.getLogger(__name__)
_KEY = "planner.oidc"
_STATE_PREFIX = "_state_oidc_"  # Authlib's session keys for the registered name "oidc"

# What went wrong, and the HTTP status its page answers with (planner/sso/views.py words it).
UNAVAILABLE, MISCONFIGURED, BAD_TOKEN = "unavailable", "misconfigured", "bad_token"
STATE, USED_CODE, DENIED, PROVIDER_ERROR = "state", "used_code", "denied", "provider_error"
NO_EMAIL, EMAIL_TAKEN, LINKED_ELSEWHERE, INACTIVE = (
    "no_email",
    "email_taken",
    "linked_elsewhere",
    "inactive",
)
STATUS = {
    UNAVAILABLE: 502,
    MISCONFIGURED: 502,
    BAD_TOKEN: 502,
    NO_EMAIL: 502,
    STATE: 400,
    USED_CODE: 400,
    PROVIDER_ERROR: 400,
    DENIED: 403,
    INACTIVE: 403,
    EMAIL_TAKEN: 409,
    LINKED_ELSEWHERE: 409,
}
# Errors the provider sends back in the redirect (RFC 6749 4.1.2.1, OIDC Core 3.1.2.6) that
# mean the person (or the provider's policy) said no, rather than that something broke.
_REFUSALS = {"access_denied", "login_required", "consent_required", "interaction_required"}


class LoginFailed(Exception):
    """A single sign-on that must not log anyone in; ``kind`` picks the page's message."""

    def __init__(self, kind: str, detail: str = "", error: str = "") -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail
        self.error = error  # the provider's error code, shown on the page when it sent one

    @property
    def status(self) -> int:
        return STATUS[self.kind]


@dataclass(frozen=True)
class Answer:
    """What the provider vouched for, after every check."""

    issuer: str
    subject: str
    claims: dict = field(repr=False)
    id_token: str = field(repr=False)


def enabled(app: Flask | None = None) -> bool:
    config = (app or current_app).config
    return bool(config.get("OIDC_ISSUER") and config.get("OIDC_CLIENT_ID"))


def button_label() -> str:
    return current_app.config["OIDC_LABEL"] or _("Logga in med organisationens konto")


def init_app(app: Flask) -> None:
    """Register the provider when PLANNER_OIDC_ISSUER and PLANNER_OIDC_CLIENT_ID are set. One
    registry per app (the tests build many apps in a process)."""
    if not enabled(app):
        if not app.config["LOCAL_LOGIN"]:
            log.warning(
                "PLANNER_LOCAL_LOGIN=0 without PLANNER_OIDC_ISSUER and PLANNER_OIDC_CLIENT_ID: "
                "only system administrators can log in"
            )
        return
    if "openid" not in app.config["OIDC_SCOPES"].split():
        raise ValueError("PLANNER_OIDC_SCOPES must include openid (no ID token without it)")
    oauth = OAuth(app)
    issuer = app.config["OIDC_ISSUER"].rstrip("/")
    app.extensions[_KEY] = oauth.register(
        "oidc",
        client_id=app.config["OIDC_CLIENT_ID"],
        client_secret=app.config["OIDC_CLIENT_SECRET"] or None,
        server_metadata_url=issuer + "/.well-known/openid-configuration",
        client_kwargs={
            "scope": app.config["OIDC_SCOPES"],
            "code_challenge_method": "S256",
            "default_timeout": app.config["OIDC_TIMEOUT"],
        },
    )


def _client():
    return current_app.extensions[_KEY]


def metadata() -> dict:
    """The issuer's discovery document (loaded once per process, then kept). Its ``issuer``
    must be the configured one (OIDC Discovery 4.3), or tokens could name another issuer."""
    try:
        found = _client().load_server_metadata()
    except (requests.RequestException, ValueError) as error:
        raise LoginFailed(UNAVAILABLE, f"discovery failed: {error!r}") from error
    configured = current_app.config["OIDC_ISSUER"].rstrip("/")
    named = found.get("issuer")
    if str(named or "").rstrip("/") != configured:
        _client().server_metadata.clear()  # try again next time; it may be a passing fault
        raise LoginFailed(UNAVAILABLE, f"metadata names issuer {named!r}")
    return found


def redirect_to_provider(redirect_uri: str):
    """The response that sends the browser to the provider's login (state, nonce and the PKCE
    verifier saved in the session for the answer)."""
    metadata()
    # One login under way per browser: Authlib keeps each started login's state in the session
    # cookie for an hour, and a cookie grown past 4 KB is dropped by browsers (no login works).
    for key in [k for k in session if k.startswith(_STATE_PREFIX)]:
        session.pop(key)
    try:
        return _client().authorize_redirect(redirect_uri)
    except requests.RequestException as error:
        raise LoginFailed(UNAVAILABLE, repr(error)) from error


def finish() -> Answer:
    """Check the provider's answer to this request and return who logged in."""
    error = request.args.get("error")
    if error:
        kind = DENIED if error in _REFUSALS else PROVIDER_ERROR
        description = request.args.get("error_description", "")
        # Both come from the browser's address: quoted in the log, only a code on the page.
        detail = f"provider answered {error[:60]!r}: {description[:200]!r}"
        raise LoginFailed(kind, detail, error=re.sub(r"[^a-z_]", "", error)[:60])
    if not request.args.get("code"):
        raise LoginFailed(STATE, "no code in the answer")
    found = metadata()
    try:
        token = _client().authorize_access_token()
    except MismatchingStateError as failure:
        raise LoginFailed(STATE, "state unknown to this session") from failure
    except OAuthError as failure:
        kind = USED_CODE if failure.error == "invalid_grant" else MISCONFIGURED
        raise LoginFailed(kind, f"token endpoint: {failure.error} {failure.description}") from None
    except requests.RequestException as failure:
        raise LoginFailed(UNAVAILABLE, f"token endpoint: {failure!r}") from failure
    except (JoseError, ValueError, KeyError, TypeError) as failure:
        # The ID token's checks: signature, iss, aud, exp, iat, nonce, at_hash.
        raise LoginFailed(BAD_TOKEN, f"ID token refused: {failure!r}") from failure
    claims = dict(token.get("userinfo") or {})
    if not token.get("id_token") or not claims.get("sub"):
        raise LoginFailed(BAD_TOKEN, "no ID token in the token response")
    claims = _with_userinfo(claims, token, found)
    return Answer(str(found["issuer"]), str(claims["sub"]), claims, token["id_token"])


def _with_userinfo(claims: dict, token: dict, found: dict) -> dict:
    """Some providers put e-mail, name or groups only in the userinfo answer: asked only when
    a configured claim is missing from the ID token, and it must be about the same subject."""
    config = current_app.config
    wanted = [config["OIDC_EMAIL_CLAIM"], config["OIDC_NAME_CLAIM"], config["OIDC_GROUPS_CLAIM"]]
    missing = [name for name in wanted if name and claim(claims, name) is None]
    if not missing or not found.get("userinfo_endpoint"):
        return claims
    try:
        extra = dict(_client().userinfo(token=token))
    except (requests.RequestException, OAuthError, ValueError) as error:
        log.warning("OIDC userinfo not available (%r); using the ID token alone", error)
        return claims
    if extra.get("sub") != claims["sub"]:
        raise LoginFailed(BAD_TOKEN, "userinfo is about another subject")
    return {**extra, **claims}


def claim(claims: dict, name: str):
    """A claim by name, or by a dotted path into nested claims ("realm_access.roles")."""
    value = claims
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def form_action_sources() -> str:
    """Origins besides planner's own that a form may lead to, for the CSP's form-action (which
    also governs a form's redirects): the provider's, where logging out continues. The
    end_session_endpoint's origin is added once the metadata is loaded in this process; the
    issuer's origin covers Entra ID, Keycloak and most others before that."""
    if not enabled():
        return ""
    urls = [current_app.config["OIDC_ISSUER"]]
    urls.append(_client().server_metadata.get("end_session_endpoint") or "")
    origins = set()
    for url in urls:
        parts = urlsplit(str(url))
        origin = f"{parts.scheme}://{parts.netloc}"
        if parts.scheme in ("http", "https") and re.fullmatch(r"[A-Za-z0-9.:\[\]-]+", parts.netloc):
            origins.add(origin)
    return "".join(" " + origin for origin in sorted(origins))


def logout_url(id_token: str | None, post_logout_redirect_uri: str) -> str | None:
    """Where to send the browser to end the session at the provider too (RP-initiated logout),
    or None when the provider publishes no end_session_endpoint (or cannot be reached)."""
    if not enabled():
        return None
    try:
        if not metadata().get("end_session_endpoint"):
            return None
    except LoginFailed as failure:
        log.warning("OIDC logout at the provider skipped: %s", failure)
        return None
    result = _client().create_logout_url(
        post_logout_redirect_uri=post_logout_redirect_uri,
        id_token_hint=id_token,
        client_id=current_app.config["OIDC_CLIENT_ID"],
    )
    return result["url"]
