"""The ledger: claim before sending, mark after. The unique constraint on (recipient, item
kind, item id, reminder kind, occasion) decides between concurrent runs; each claim is
committed before the mail goes out, each outcome right after it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, or_, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite

from planner.extensions import db
from planner.models import utcnow
from planner.reminders.models import CLAIMED, FAILED, SENT, ReminderDelivery

# A mail that failed is tried again by the next runs, at most this many times.
MAX_ATTEMPTS = 5
KEY = (
    ReminderDelivery.recipient_id,
    ReminderDelivery.item_kind,
    ReminderDelivery.item_id,
    ReminderDelivery.reminder_kind,
    ReminderDelivery.occasion,
)


def _insert():
    dialect = db.session.get_bind().dialect.name
    return (postgresql if dialect == "postgresql" else sqlite).insert(ReminderDelivery)


def _retryable(stale_before: datetime):
    """Rows another run may take over: failed (tries left), or claimed and never finished
    by a run that must have died (claimed before ``stale_before``)."""
    return or_(
        and_(ReminderDelivery.state == FAILED, ReminderDelivery.attempts < MAX_ATTEMPTS),
        and_(ReminderDelivery.state == CLAIMED, ReminderDelivery.claimed_at < stale_before),
    )


def claim(rows: Sequence[dict], stale_after: timedelta) -> dict[tuple, int]:
    """Claim these (key, recipient_email, subject) rows; returns key → ledger id of those
    this run now holds. Commits, so no other run can take them."""
    if not rows:
        return {}
    now = utcnow()
    values = [{**row, "state": CLAIMED, "claimed_at": now} for row in rows]
    statement = (
        _insert()
        .values(values)
        .on_conflict_do_nothing(index_elements=[c.key for c in KEY])
        .returning(ReminderDelivery.id, *KEY)
    )
    held = {tuple(r[1:]): r[0] for r in db.session.execute(statement)}
    others = [
        tuple(row[c.key] for c in KEY) for row in rows if tuple(row[c.key] for c in KEY) not in held
    ]
    if others:
        stale_before = now - stale_after
        retry = db.session.execute(
            select(
                ReminderDelivery.id, ReminderDelivery.state, ReminderDelivery.claimed_at, *KEY
            ).where(tuple_(*KEY).in_(others), _retryable(stale_before))
        ).all()
        for row in retry:
            # Compare and set: of two runs retrying the same row, one wins.
            taken = db.session.execute(
                update(ReminderDelivery)
                .where(
                    ReminderDelivery.id == row.id,
                    ReminderDelivery.state == row.state,
                    ReminderDelivery.claimed_at == row.claimed_at,
                )
                .values(state=CLAIMED, claimed_at=now, error="")
                .execution_options(synchronize_session=False)
            )
            if taken.rowcount == 1:
                held[tuple(row[3:])] = row.id
    db.session.commit()
    return held


def finish(
    ids: Sequence[int],
    error: str | None = None,
    attempted: bool = True,
    subject: str | None = None,
) -> None:
    """Mark claimed rows (one mail's) sent (``error`` None) or failed; the caller commits
    (planner.reminders.run commits at least every MARK_SECONDS)."""
    values = {"state": SENT if error is None else FAILED, "finished_at": utcnow()}
    if subject is not None:
        values["subject"] = subject[:300]
    if error is not None:
        values["error"] = error[:2000]
    if attempted:
        values["attempts"] = ReminderDelivery.attempts + 1
    db.session.execute(
        update(ReminderDelivery)
        .where(ReminderDelivery.id.in_(ids))
        .values(**values)
        .execution_options(synchronize_session=False)
    )


class SentMarks:
    """Rows marked sent, gathered and written in one statement just before the run commits
    (one UPDATE per mail would cost more than the mail)."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, ids: Sequence[int], subject: str) -> None:
        self.rows.extend({"row": ident, "subject": subject[:300]} for ident in ids)

    def write(self) -> None:
        if not self.rows:
            return
        table = ReminderDelivery.__table__
        db.session.connection().execute(
            update(table)
            .where(table.c.id == bindparam("row"))
            .values(
                state=SENT,
                subject=bindparam("subject"),
                finished_at=utcnow(),
                attempts=table.c.attempts + 1,
            ),
            self.rows,
        )
        self.rows = []


def already_done(keys: Sequence[tuple], stale_after: timedelta) -> set[tuple]:
    """Of ``keys``, those a run would not send now (for --dry-run)."""
    if not keys:
        return set()
    stale_before = utcnow() - stale_after
    rows = db.session.execute(select(*KEY).where(tuple_(*KEY).in_(keys), ~_retryable(stale_before)))
    return {tuple(r) for r in rows}
