"""Finished documents (PDFs) kept until the data behind them changes, and the claims that
make sure a document is rendered by one request at a time.

Both live in the database, so every app process (several gunicorn workers) sees the same
kept documents and the same renders in progress."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from planner.extensions import db
from planner.models import utcnow

# What a document is: its kind, the row it is about and the choices made in the URL.
DOCUMENT_KEY = ("kind", "subject_id", "parameters")


class KeptDocument(db.Model):
    """A rendered document and the data key it was rendered from."""

    __tablename__ = "kept_document"
    __table_args__ = (UniqueConstraint(*DOCUMENT_KEY),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # "report", "rollup", "wheel"
    subject_id: Mapped[int] = mapped_column(Integer)  # the plan's or organisation's id
    parameters: Mapped[str] = mapped_column(String(200))  # e.g. "ar=2026&aktiviteter=1"
    # Whose data it shows: deleting the organisation or plan deletes the document with it.
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    plan_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan.id", ondelete="CASCADE"), index=True
    )
    data_key: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    rendered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RenderClaim(db.Model):
    """A render in progress: inserted before rendering (the unique key lets one request win),
    deleted when the document is kept. Another request for the same document waits for it
    instead of rendering too; a claim whose process died is taken over once it expires."""

    __tablename__ = "render_claim"
    __table_args__ = (UniqueConstraint(*DOCUMENT_KEY),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[int] = mapped_column(Integer)
    parameters: Mapped[str] = mapped_column(String(200))
    token: Mapped[str] = mapped_column(String(32))  # whose claim: only its owner ends it
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
