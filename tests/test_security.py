"""Hardening every page relies on: headers, a nonce-based CSP the templates can live with,
cookie flags."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_security_headers_on_pages(client, app):
    first = client.get("/")
    second = client.get("/")
    csp = first.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp and "style-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    assert nonce not in second.headers["Content-Security-Policy"]  # fresh per response
    assert first.headers["X-Content-Type-Options"] == "nosniff"
    assert first.headers["X-Frame-Options"] == "DENY"
    assert first.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: p.name)
def test_templates_have_no_inline_style_or_script(template):
    source = template.read_text()
    assert not re.search(r"\sstyle\s*=", source), "style attributes are blocked by the CSP"
    assert not re.search(r"\son[a-z]+\s*=", source), "inline event handlers are blocked"
    for tag in re.findall(r"<script\b[^>]*>", source):
        assert "src=" in tag or "nonce=" in tag, tag
    assert "|safe" not in source, "user text must stay escaped"


def test_session_cookie_flags(anonymous, app):
    from tests.factories import commit, make_user

    make_user("anna@test.se")
    commit()
    response = anonymous.login("anna@test.se")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize("app", [{"SESSION_COOKIE_SECURE": True}], indirect=True)
def test_secure_cookie_when_configured(anonymous, app):
    from tests.factories import commit, make_user

    make_user("anna@test.se")
    commit()
    response = anonymous.post(
        "/logga-in",
        data={"email": "anna@test.se", "password": "ett långt testlösenord"},
        base_url="https://localhost",
    )
    assert "Secure" in response.headers["Set-Cookie"]
