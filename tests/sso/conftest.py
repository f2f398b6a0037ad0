"""Single sign-on against a real OpenID provider: oidc-provider-mock served on a loopback
port in a thread (planner/sso/demo.py), with registered clients so a wrong secret is refused.
The Flask test client plays the browser on planner's side; ``requests`` plays it on the
provider's login page (the provider asks only for a subject)."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
import requests

from planner.sso.demo import provider
from tests.conftest import app_config, app_on_empty_database, system_admin_client

CALLBACK = "http://localhost/logga-in/sso/svar"


@dataclass
class Provider:
    url: str

    def register(self, redirect_uris=(CALLBACK,)) -> tuple[str, str]:
        """A registered client: (client id, secret)."""
        answer = requests.post(
            self.url + "/oauth2/clients", json={"redirect_uris": list(redirect_uris)}, timeout=5
        )
        answer.raise_for_status()
        body = answer.json()
        return body["client_id"], body["client_secret"]

    def set_person(self, sub: str, **claims) -> None:
        requests.put(f"{self.url}/users/{sub}", json=claims, timeout=5).raise_for_status()

    def authorize(self, authorize_url: str, sub: str) -> str:
        """Log in as ``sub`` on the provider's page; returns where it sends the browser back."""
        answer = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=5)
        assert answer.status_code == 302, answer.text[:500]
        return answer.headers["Location"]

    def deny(self, authorize_url: str) -> str:
        answer = requests.post(
            authorize_url, data={"action": "deny"}, allow_redirects=False, timeout=5
        )
        assert answer.status_code == 302, answer.text[:500]
        return answer.headers["Location"]


def local(url: str) -> str:
    """The path and query of one of planner's URLs, for the test client."""
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def oidc_config(issuer: str, client_id: str, secret: str, **extra) -> dict:
    return {
        "OIDC_ISSUER": issuer,
        "OIDC_CLIENT_ID": client_id,
        "OIDC_CLIENT_SECRET": secret,
        "OIDC_LABEL": "Logga in med SITHS",
        "OIDC_GROUPS_CLAIM": "groups",
        **extra,
    }


@pytest.fixture(scope="module")
def idp() -> Iterator[Provider]:
    with provider(people=(), require_registration=True) as running:
        yield Provider(running.url)


@pytest.fixture
def sso_app(tmp_path, idp, request):
    client_id, secret = idp.register()
    extra = getattr(request, "param", {})
    config = app_config(tmp_path, **oidc_config(idp.url, client_id, secret, **extra))
    with app_on_empty_database(config) as app:
        yield app


@pytest.fixture
def browser(sso_app):
    return sso_app.test_client()


@pytest.fixture
def admin(sso_app):
    """A system administrator logged in with a password, on the single sign-on app."""
    return system_admin_client(sso_app)


def sso_login(client, idp: Provider, sub: str, next_path: str | None = None):
    """Press the button, log in at the provider as ``sub``, and return planner's answer to
    the provider's redirect back."""
    start = client.get("/logga-in/sso" + (f"?next={next_path}" if next_path else ""))
    assert start.status_code == 302, start.get_data(as_text=True)[:500]
    return client.get(local(idp.authorize(start.headers["Location"], sub)))


def rewriting(wsgi, path: str, change):
    """WSGI middleware that lets ``change`` rewrite the JSON answer at ``path`` (in place)."""

    def app(environ, start_response):
        if environ.get("PATH_INFO") != path:
            return wsgi(environ, start_response)
        captured = {}

        def keep(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        body = json.loads(b"".join(wsgi(environ, keep)))
        change(body)
        data = json.dumps(body).encode()
        headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
        start_response(captured["status"], [*headers, ("Content-Length", str(len(data)))])
        return [data]

    return app


def id_token_changed(change):
    """A token answer's change: ``change`` rewrites the ID token's payload, keeping the
    provider's signature (which then no longer fits)."""

    def rewrite(body: dict) -> None:
        if "id_token" not in body:
            return
        header, payload, signature = body["id_token"].split(".")
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        before = dict(claims)
        change(claims)
        if claims != before:  # the original bytes otherwise, so the signature still fits
            payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
        body["id_token"] = ".".join((header, payload, signature))

    return rewrite


@pytest.fixture
def odd_idp(request) -> Iterator[Provider]:
    """A provider of its own for one test: ``request.param`` holds provider() options, and
    ``change`` (of the ID token's claims) or ``metadata`` (of the discovery document)."""
    options = dict(request.param)
    change, metadata = options.pop("change", None), options.pop("metadata", None)

    def wrap(wsgi):
        if change:
            wsgi = rewriting(wsgi, "/oauth2/token", id_token_changed(change))
        if metadata:
            wsgi = rewriting(wsgi, "/.well-known/openid-configuration", metadata)
        return wsgi

    with provider(people=(), wrap=wrap, **options) as running:
        yield Provider(running.url)


@contextmanager
def app_for(idp: Provider, client_id: str = "planner", secret: str = "hemlig", tmp_path=None):
    """planner set up against ``idp`` (any client id and secret, unless it checks them),
    on an empty database, with a client to play the browser."""
    with app_on_empty_database(
        app_config(tmp_path, **oidc_config(idp.url, client_id, secret))
    ) as app:
        yield app.test_client()
