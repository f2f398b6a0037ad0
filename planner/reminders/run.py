"""One run of ``flask reminders send``: find what is due, claim it in the ledger, send it.

Three passes, each streamed in pages: each reminder as it comes (people who chose that), the
personal weekly digest (their My work list), and plan editors' weekly plan digests. Whatever
is sent is claimed first (planner.reminders.ledger), so a second run or a concurrent one sends
nothing twice; a run that stops leaves failed or unclaimed rows that the next run sends."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby, islice

from flask import current_app
from sqlalchemy import select

from planner.access import ranks_from
from planner.auth.models import Membership, User
from planner.extensions import db
from planner.mywork.items import ARCHIVED
from planner.reminders import digests, ledger
from planner.reminders.mail import Mail, build, reminders
from planner.reminders.models import EACH, WEEKLY, PlanDigest, ReminderSetting
from planner.reminders.sources import LeadDays, all_notices
from planner.reminders.transport import MessageRefused, TransportError

log = logging.getLogger("planner.reminders")
BATCH = 200
MARK_SECONDS = 1.0
LEDGER_KEY = ("recipient_id", "item_kind", "item_id", "reminder_kind", "occasion")
EDIT_RANK = 2


@dataclass
class Candidate:
    """One mail to be: the ledger keys it covers (recipient id, item kind, item id, reminder
    kind, occasion), and how to write it for the keys this run holds."""

    keys: list[tuple]
    email: str
    compose: Callable[[set[tuple]], Mail | None]


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0
    skipped: int = 0  # already sent (or being sent) by this or another run
    stopped: str = ""  # why the run stopped early
    lines: list[str] = field(default_factory=list)


class Recipients:
    """What a run knows about the people it writes to: address, choice, and where they still
    have a role (the permission rule's own ``ranks_from``, over the organisation tree and
    every membership read once). Accounts are loaded when first needed and forgotten every
    few thousand."""

    LIMIT = 5000

    def __init__(self, tree: dict[int, int | None]) -> None:
        rows = db.session.execute(select(ReminderSetting.user_id, ReminderSetting.mode))
        self._modes: dict[int, str] = {user_id: mode for user_id, mode in rows}
        self._roles: dict[int, list[tuple[int, str]]] = {}
        for user_id, org_id, role in db.session.execute(
            select(Membership.user_id, Membership.organisation_id, Membership.role)
        ):
            self._roles.setdefault(user_id, []).append((org_id, role))
        children: dict[int | None, list[int]] = {}
        for org_id, parent_id in tree.items():
            children.setdefault(parent_id, []).append(org_id)
        self._children = children
        self._subtrees: dict[int, list[int]] = {}
        self._people: dict[int, tuple[User, dict[int, int]] | None] = {}

    def _subtree(self, org_id: int) -> list[int]:
        if org_id not in self._subtrees:
            found, todo = [], [org_id]
            while todo:
                node = todo.pop()
                found.append(node)
                todo.extend(self._children.get(node, ()))
            self._subtrees[org_id] = found
        return self._subtrees[org_id]

    def mode(self, user_id: int) -> str:
        return self._modes.get(user_id, EACH)

    def weekly(self) -> list[int]:
        return sorted(uid for uid, mode in self._modes.items() if mode == WEEKLY)

    def _load(self, user_id: int):
        if user_id not in self._people:
            if len(self._people) > self.LIMIT:
                self._people.clear()
                db.session.expunge_all()
            user = db.session.get(User, user_id)
            if user is None or not user.active:
                self._people[user_id] = None
            else:
                their = ranks_from(self._roles.get(user_id, ()), self._subtree)
                self._people[user_id] = (user, their)
        return self._people[user_id]

    def user(self, user_id: int) -> User | None:
        found = self._load(user_id)
        return found[0] if found else None

    def may(self, user_id: int, organisation_id: int, rank: int = 1) -> bool:
        """Still a role there (reader, or ``rank``); a system administrator sees everything."""
        found = self._load(user_id)
        if found is None:
            return False
        user, their_ranks = found
        return user.is_system_admin or their_ranks.get(organisation_id, 0) >= rank


def week_of(today: date) -> str:
    year, week, _ = today.isocalendar()
    return f"{year}-W{week:02d}"


def _each(today: date, leads: LeadDays, people: Recipients) -> Iterator[Candidate]:
    """One mail per person with the reminders due for them today."""
    for recipient_id, group in groupby(all_notices(today, leads), lambda n: n.recipient_id):
        if people.mode(recipient_id) != EACH:
            continue
        # lost access to an organisation: no mail about it
        notices = [n for n in group if people.may(recipient_id, n.organisation_id)]
        if not notices:
            continue
        user = people.user(recipient_id)

        def compose(held, user=user, notices=notices):
            return reminders(user, [n for n in notices if n.key in held], today)

        yield Candidate([n.key for n in notices], user.email, compose)


def _pages(statement, size: int = BATCH) -> Iterator[list]:
    """Rows of ``statement`` (whose first column is an increasing id) in keyset pages."""
    after = 0
    while True:
        rows = db.session.execute(statement(after).limit(size)).all()
        if not rows:
            return
        yield rows
        after = rows[-1][0]


def _weekly(
    today: date, leads: LeadDays, people: Recipients, stale: timedelta
) -> Iterator[Candidate]:
    week = week_of(today)
    weekly = people.weekly()
    for start in range(0, len(weekly), BATCH):
        ids = weekly[start : start + BATCH]
        keys = [(uid, "person", uid, "digest", week) for uid in ids]
        done = ledger.already_done(keys, stale)
        for key in keys:
            user = people.user(key[0])
            if key in done or user is None:
                continue
            mail = digests.personal(user, today, leads.longest)
            if mail is not None:
                yield Candidate([key], user.email, lambda _held, mail=mail: mail)


def _plan_digests(today: date, people: Recipients, stale: timedelta) -> Iterator[Candidate]:
    from planner.plans.models import Plan

    week = week_of(today)

    def statement(after: int):
        return (
            select(PlanDigest.id, PlanDigest.user_id, Plan.id, Plan.organisation_id)
            .join(Plan, Plan.id == PlanDigest.plan_id)
            .where(PlanDigest.id > after, Plan.status != ARCHIVED)
            .order_by(PlanDigest.id)
        )

    for rows in _pages(statement):
        keys = {row[0]: (row[1], "plan", row[2], "plan_digest", week) for row in rows}
        done = ledger.already_done(list(keys.values()), stale)
        for digest_id, user_id, plan_id, organisation_id in rows:
            key = keys[digest_id]
            if key in done or not people.may(user_id, organisation_id, EDIT_RANK):
                continue  # an editor no longer: no digest of the plan
            user = people.user(user_id)
            mail = digests.plan(user, plan_id, today)
            if mail is not None:
                yield Candidate([key], user.email, lambda _held, mail=mail: mail)


def _batches(candidates: Iterable[Candidate], size: int) -> Iterator[list[Candidate]]:
    iterator = iter(candidates)
    while batch := list(islice(iterator, size)):
        yield batch


def send(today: date, transport, dry_run: bool = False) -> Outcome:
    """One run: every reminder due on ``today`` (and missed ones still relevant)."""
    stale = timedelta(minutes=current_app.config["REMINDER_RETRY_MINUTES"])
    leads = LeadDays()
    people = Recipients(leads.tree)
    outcome = Outcome()
    passes = (
        _each(today, leads, people),
        _weekly(today, leads, people, stale),
        _plan_digests(today, people, stale),
    )
    try:
        for candidates in passes:
            for batch in _batches(candidates, current_app.config["REMINDER_BATCH"]):
                if dry_run:
                    _show(batch, stale, outcome)
                else:
                    _send_batch(batch, transport, stale, outcome)
                if outcome.stopped:
                    return outcome
    finally:
        transport.close()
    return outcome


def _show(batch: list[Candidate], stale: timedelta, outcome: Outcome) -> None:
    done = ledger.already_done([k for c in batch for k in c.keys], stale)
    for candidate in batch:
        held = set(candidate.keys) - done
        outcome.skipped += len(candidate.keys) - len(held)
        if held:
            mail = candidate.compose(held)
            outcome.lines.append(f"{candidate.email}\t{mail.subject}")
            outcome.sent += 1


class Marks:
    """Outcomes are committed together at least every MARK_SECONDS (and at the end of each
    batch): one commit per mail would cost more than the mail. A run killed in between may
    send those few mails again after REMINDER_RETRY_MINUTES; nothing is ever lost."""

    def __init__(self) -> None:
        self.last = time.monotonic()
        self.sent = ledger.SentMarks()

    def maybe_commit(self) -> None:
        if time.monotonic() - self.last >= MARK_SECONDS:
            self.commit()

    def commit(self) -> None:
        self.sent.write()
        db.session.commit()
        self.last = time.monotonic()


def _send_batch(batch: list[Candidate], transport, stale: timedelta, outcome: Outcome) -> None:
    rows = [
        dict(zip(LEDGER_KEY, key, strict=True)) | {"recipient_email": c.email}
        for c in batch
        for key in c.keys
    ]
    held = ledger.claim(rows, stale)
    outcome.skipped += len(rows) - len(held)
    pending = [(c, [k for k in c.keys if k in held]) for c in batch]
    pending = [(c, keys) for c, keys in pending if keys]
    marks = Marks()
    try:
        for position, (candidate, keys) in enumerate(pending):
            ids = [held[k] for k in keys]
            if not _send_one(candidate, set(keys), ids, transport, outcome, marks.sent):
                for _candidate, rest in pending[position + 1 :]:
                    ledger.finish(
                        [held[k] for k in rest],
                        "Inte skickat: e-postservern avbröt körningen",
                        attempted=False,
                    )
                return
            marks.maybe_commit()
    finally:
        marks.commit()


def _send_one(candidate: Candidate, keys: set, ids: list[int], transport, outcome, sent) -> bool:
    """Compose and send one mail; mark its rows. False when the server stopped the run."""
    mail = None
    try:
        mail = candidate.compose(keys)
        mail.reference = f"paminnelse-{ids[0]}"
        transport.send(build(mail))
    except MessageRefused as error:
        log.warning("reminder %s to %s refused: %s", ids, candidate.email, error)
        ledger.finish(ids, str(error), subject=mail.subject)
        outcome.failed += 1
        return True
    except TransportError as error:
        log.error("mail server stopped the run at reminder %s: %s", ids, error)
        ledger.finish(ids, str(error), subject=mail.subject)
        outcome.failed += 1
        outcome.stopped = str(error)
        return False
    except Exception as error:  # a bug in one mail must not stop the others
        log.exception("reminder %s to %s could not be composed", ids, candidate.email)
        ledger.finish(ids, repr(error))
        outcome.failed += 1
        return True
    sent.add(ids, mail.subject)
    log.info("reminder %s sent to %s: %s", ids, candidate.email, mail.subject)
    outcome.sent += 1
    return True
