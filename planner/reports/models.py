"""Finished PDFs kept until the data behind them changes (a second download is instant, and
every app process sees the same cache because it lives in the database)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from planner.extensions import db
from planner.models import utcnow


class RenderedReport(db.Model):
    __tablename__ = "rendered_report"
    __table_args__ = (UniqueConstraint("plan_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    data_key: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    rendered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
