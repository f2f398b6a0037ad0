"""Serving a document from the kept copy while its data is unchanged, rendering it once when
it is not, and never twice at once, in any process.

A request whose document is being rendered elsewhere (a claim row exists) polls for the kept
result, at most PDF_TIMEOUT seconds; if the claim disappears without a document (that render
failed) it claims and renders itself, within the same bound. Claims expire, so a process
that died mid-render blocks nobody for long.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from planner.clock import as_utc
from planner.documents.models import KeptDocument, RenderClaim
from planner.extensions import db
from planner.feeds.cache import BodyCache
from planner.models import utcnow
from planner.pdf import RenderTimeout

POLL_SECONDS = 0.2  # how often a waiting request looks for the kept document
# Kept documents this process has served, by (document, data key): bytes, least used go first.
copies = BodyCache()


@dataclass(frozen=True)
class Document:
    """Which document: its kind, the row it is about, the URL's choices, and whose data it
    shows (deleting that organisation or plan deletes the kept copy)."""

    kind: str
    subject_id: int
    parameters: str
    organisation_id: int
    plan_id: int | None = None

    def where(self, model):
        return (
            model.kind == self.kind,
            model.subject_id == self.subject_id,
            model.parameters == self.parameters,
        )


def kept_pdf(document: Document, data_key: str, render: Callable[[], bytes]) -> bytes:
    """The kept PDF of ``document`` if it was rendered from ``data_key``; else the PDF another
    request is rendering right now, waited for; else ``render()``, kept for the next time.

    What this process served for ``(document, data_key)`` it serves again from memory without
    asking the database: the same key means the same data, so the same document
    (PLANNER_DOCUMENT_CACHE_BYTES bounds the copies, 0 turns them off)."""
    limit = current_app.config["DOCUMENT_CACHE_BYTES"]
    if limit <= 0:
        return _kept_or_rendered(document, data_key, render)
    build = partial(_kept_or_rendered, document, data_key, render)
    return copies.get_or_build((document, data_key), limit, build)


def _kept_or_rendered(document: Document, data_key: str, render: Callable[[], bytes]) -> bytes:
    timeout = current_app.config["PDF_TIMEOUT"]
    deadline = time.monotonic() + timeout
    waited = False
    while True:
        content = _kept_content(document, data_key)
        if content is not None:
            return content
        token = _claim(document, timeout)
        if token is not None:
            return _render_and_keep(document, data_key, render, token)
        if not waited:
            current_app.logger.info("PDF %s waits for the render in progress", _name(document))
            waited = True
        if time.monotonic() + POLL_SECONDS > deadline:
            raise RenderTimeout(f"the render in progress gave no PDF in {timeout} s")
        time.sleep(POLL_SECONDS)


def _name(document: Document) -> str:
    return f"{document.kind} {document.subject_id} {document.parameters}"


def _kept_content(document: Document, data_key: str) -> bytes | None:
    db.session.commit()  # a fresh look: what other processes kept meanwhile
    kept = db.session.execute(
        select(KeptDocument.data_key, KeptDocument.content).where(*document.where(KeptDocument))
    ).first()
    if kept is not None and kept.data_key == data_key:
        return kept.content
    return None


def _claim(document: Document, timeout: float) -> str | None:
    """A token if this request may render the document now, None if another one is."""
    claim = db.session.scalars(select(RenderClaim).where(*document.where(RenderClaim))).first()
    if claim is not None:
        if as_utc(claim.expires_at) > utcnow():
            return None
        # Its render died with its process: end that claim (only that one, by its token).
        db.session.execute(delete(RenderClaim).where(RenderClaim.token == claim.token))
    token = secrets.token_hex(16)
    # Time to wait for a render slot and then render, and a little more.
    expires = utcnow() + timedelta(seconds=2 * timeout + 5)
    try:
        with db.session.begin_nested():
            db.session.add(
                RenderClaim(
                    kind=document.kind,
                    subject_id=document.subject_id,
                    parameters=document.parameters,
                    token=token,
                    expires_at=expires,
                )
            )
        db.session.commit()  # visible to every process before the render starts
    except IntegrityError:
        db.session.rollback()
        return None  # another request claimed it first
    return token


def _render_and_keep(document: Document, data_key: str, render, token: str) -> bytes:
    try:
        content = render()
    except BaseException:
        db.session.rollback()
        _end_claim(token)
        raise
    current_app.logger.info("PDF %s rendered (%d bytes)", _name(document), len(content))
    kept = db.session.scalars(select(KeptDocument).where(*document.where(KeptDocument))).first()
    try:
        with db.session.begin_nested():  # only a taken-over claim's render can race this one
            if kept is None:
                kept = KeptDocument(
                    kind=document.kind,
                    subject_id=document.subject_id,
                    parameters=document.parameters,
                    organisation_id=document.organisation_id,
                    plan_id=document.plan_id,
                )
                db.session.add(kept)
            kept.data_key, kept.content, kept.rendered_at = data_key, content, utcnow()
    except IntegrityError:
        pass  # the other render kept it; this request is served all the same
    db.session.execute(delete(RenderClaim).where(RenderClaim.token == token))
    db.session.commit()
    return content


def _end_claim(token: str) -> None:
    db.session.execute(delete(RenderClaim).where(RenderClaim.token == token))
    db.session.commit()
