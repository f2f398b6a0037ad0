"""Settings from the environment (PLANNER_ prefix) with defaults for the embedded SQLite."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask

PREFIX = "PLANNER_"


def _secret_key(instance: Path) -> str:
    """The embedded default keeps a generated key in the instance folder, never in code."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


def normalise_database_url(url: str) -> str:
    """Accept the URLs people paste (postgres://, postgresql://) and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def load(app: Flask, overrides: dict[str, Any]) -> None:
    """Fill ``app.config`` from defaults, then the environment, then ``overrides``."""
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    env = os.environ
    app.config.update(
        SQLALCHEMY_DATABASE_URI=env.get(
            PREFIX + "DATABASE_URL", f"sqlite:///{instance / 'planner.db'}"
        ),
        # A pooled connection idle this long (seconds) is pinged before use (extensions.py).
        DB_PING_AFTER=float(env.get(PREFIX + "DB_PING_AFTER", 10)),
        BABEL_DEFAULT_LOCALE=env.get(PREFIX + "DEFAULT_LOCALE", "sv"),
        BABEL_DEFAULT_TIMEZONE="Europe/Stockholm",
        LANGUAGES=("sv", "en"),
        MAX_CONTENT_LENGTH=int(env.get(PREFIX + "MAX_CONTENT_LENGTH", 16 * 1024 * 1024)),
        # A non-file form field may be this big: the import's signed preview table of up to
        # 5,000 rows travels in one (planner/transfer/views.py).
        MAX_FORM_MEMORY_SIZE=4 * 1024 * 1024,
        WTF_CSRF_TIME_LIMIT=None,
        PAGE_SIZE=int(env.get(PREFIX + "PAGE_SIZE", 25)),
        # INFO: one line per committed change (planner/operations.py), plus warnings and errors.
        LOG_LEVEL=env.get(PREFIX + "LOG_LEVEL", "INFO").upper(),
        BACKUP_MAX_BYTES=int(env.get(PREFIX + "BACKUP_MAX_BYTES", 10 * 1024 * 1024)),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=env.get(PREFIX + "SECURE_COOKIES", "0") == "1",
        TRUSTED_PROXIES=int(env.get(PREFIX + "TRUSTED_PROXIES", 0)),
        # A PDF render runs in a child process with these limits (seconds, MiB).
        PDF_TIMEOUT=float(env.get(PREFIX + "PDF_TIMEOUT", 60)),
        PDF_MEMORY_MB=int(env.get(PREFIX + "PDF_MEMORY_MB", 2048)),
        # Renders at once per process: light documents, and heavy ones (more than
        # PDF_HEAVY_ITEMS activities, dates or rows) in a pool of their own.
        PDF_PARALLEL=int(env.get(PREFIX + "PDF_PARALLEL", 2)),
        PDF_HEAVY_PARALLEL=int(env.get(PREFIX + "PDF_HEAVY_PARALLEL", 1)),
        PDF_HEAVY_ITEMS=int(env.get(PREFIX + "PDF_HEAVY_ITEMS", 300)),
        # argon2id at production cost, or "cheapest" in tests (planner/auth/passwords.py).
        PASSWORD_HASH=env.get(PREFIX + "PASSWORD_HASH", "argon2id"),
        # Finished calendar feeds kept per process (planner/feeds/cache.py); 0 turns it off.
        FEED_CACHE_BYTES=int(env.get(PREFIX + "FEED_CACHE_BYTES", 32 * 1024 * 1024)),
        # Kept documents (PDFs, PSB files) this process served, kept in its memory too
        # (planner/documents/store.py); 0 turns it off.
        DOCUMENT_CACHE_BYTES=int(env.get(PREFIX + "DOCUMENT_CACHE_BYTES", 32 * 1024 * 1024)),
        # Finished results pages' content kept per process (planner/results/page_cache.py);
        # 0 turns it off.
        RESULTS_CACHE_BYTES=int(env.get(PREFIX + "RESULTS_CACHE_BYTES", 16 * 1024 * 1024)),
        # A folder of survey catalogues (2027.json …) read before the shipped ones.
        SURVEY_CATALOGUES=env.get(PREFIX + "SURVEY_CATALOGUES") or None,
        # Reminder mail (planner/reminders): an SMTP server, else .eml files in MAIL_FOLDER.
        SMTP_URL=env.get(PREFIX + "SMTP_URL", ""),
        MAIL_FROM=env.get(PREFIX + "MAIL_FROM", "planner@localhost"),
        MAIL_FOLDER=env.get(PREFIX + "MAIL_FOLDER", str(instance / "mail")),
        BASE_URL=env.get(PREFIX + "BASE_URL", "http://127.0.0.1:5000").rstrip("/"),
        # A claimed reminder not marked sent or failed after this long (a run that died) is
        # tried again.
        REMINDER_RETRY_MINUTES=int(env.get(PREFIX + "REMINDER_RETRY_MINUTES", 30)),
        # Reminders claimed at a time (one transaction) before they are sent.
        REMINDER_BATCH=int(env.get(PREFIX + "REMINDER_BATCH", 200)),
        # OpenID Connect single sign-on (planner/sso): on when an issuer is set.
        OIDC_ISSUER=env.get(PREFIX + "OIDC_ISSUER", "").strip(),
        OIDC_CLIENT_ID=env.get(PREFIX + "OIDC_CLIENT_ID", "").strip(),
        OIDC_CLIENT_SECRET=env.get(PREFIX + "OIDC_CLIENT_SECRET", ""),
        OIDC_SCOPES=env.get(PREFIX + "OIDC_SCOPES", "openid email profile"),
        OIDC_LABEL=env.get(PREFIX + "OIDC_LABEL", ""),
        OIDC_EMAIL_CLAIM=env.get(PREFIX + "OIDC_EMAIL_CLAIM", "email"),
        OIDC_NAME_CLAIM=env.get(PREFIX + "OIDC_NAME_CLAIM", "name"),
        OIDC_GROUPS_CLAIM=env.get(PREFIX + "OIDC_GROUPS_CLAIM", ""),
        OIDC_TIMEOUT=float(env.get(PREFIX + "OIDC_TIMEOUT", 10)),
        # 0: passwords only for system administrators (break-glass), everyone else uses SSO.
        LOCAL_LOGIN=env.get(PREFIX + "LOCAL_LOGIN", "1") != "0",
    )
    app.config.update(overrides)
    if "SECRET_KEY" not in overrides:
        app.config["SECRET_KEY"] = env.get(PREFIX + "SECRET_KEY") or _secret_key(instance)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(
        app.config["SQLALCHEMY_DATABASE_URI"]
    )
