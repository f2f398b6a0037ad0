"""PSB parts: the named writer of a unit's parts of an undecided patient-safety report is
reminded before the parts are due and when they are late, until each is marked ready (the
same parts My work lists for them)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select, tuple_

from planner.auth.models import User
from planner.extensions import db
from planner.psb.contribution_models import Contribution, PartRequest
from planner.psb.contributions import section_headings
from planner.psb.models import DECIDED, SafetyReport
from planner.reminders.sources import (
    DUE_SOON,
    OVERDUE,
    LeadDays,
    Notice,
    before,
    keyset_pages,
    overdue,
)

ITEM_KIND = "psb_part"


def _rows(until: date) -> Iterator:
    def page(after: tuple):
        return (
            select(
                PartRequest.writer_id,
                Contribution.id,
                Contribution.section_key,
                PartRequest.due_date,
                PartRequest.organisation_id,
                PartRequest.report_id,
            )
            .join(PartRequest, PartRequest.id == Contribution.request_id)
            .join(SafetyReport, SafetyReport.id == PartRequest.report_id)
            .join(User, User.id == PartRequest.writer_id)
            .where(
                tuple_(PartRequest.writer_id, Contribution.id) > after,
                User.active.is_(True),
                Contribution.ready.is_(False),
                SafetyReport.status != DECIDED,
                PartRequest.due_date <= until,
            )
            .order_by(PartRequest.writer_id, Contribution.id)
        )

    return keyset_pages(page, lambda row: (row.writer_id, row.id))


def notices(today: date, leads: LeadDays) -> Iterator[Notice]:
    reports: dict[int, tuple[str, dict[str, str]]] = {}
    for row in _rows(today + timedelta(days=leads.longest)):
        due = row.due_date
        if due < today:
            kind, occasion = OVERDUE, overdue(due, today)
        else:
            kind, occasion = DUE_SOON, before(due, today, leads.of(row.organisation_id))
        if occasion is None:
            continue
        if row.report_id not in reports:
            report = db.session.get(SafetyReport, row.report_id)
            with force_locale("sv"):
                name = _(
                    "PSB %(year)d för %(organisation)s",
                    year=report.year,
                    organisation=report.organisation.name,
                )
            reports[row.report_id] = (name, section_headings(report))
        name, headings = reports[row.report_id]
        yield Notice(
            recipient_id=row.writer_id,
            item_kind=ITEM_KIND,
            item_id=row.id,
            reminder_kind=kind,
            occasion=occasion,
            day=due,
            title=headings.get(row.section_key, row.section_key),
            context=name,
            organisation_id=row.organisation_id,
            path=f"/psb/underlag/del/{row.id}",
        )
