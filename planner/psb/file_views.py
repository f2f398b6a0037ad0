"""Downloading a PSB as PDF and as Word: whoever may read the PSB may download it, and
anyone may download a published one (as they may read its public page)."""

from __future__ import annotations

from flask import Blueprint, abort
from sqlalchemy import select
from sqlalchemy.orm import defer

from planner.access import VIEW, load
from planner.auth.session import public
from planner.extensions import db
from planner.language import in_swedish
from planner.psb import files
from planner.psb.models import SafetyReport
from planner.web import attachment

bp = Blueprint("psb_files", __name__)


def _download(report_id: int, kind: str, mimetype: str, suffix: str):
    # The frozen copy is read only when a file is rendered, not to serve a kept one.
    report = load(SafetyReport, report_id, VIEW, options=[defer(SafetyReport.document)])
    return _file(report, kind, mimetype, suffix)


def _file(report: SafetyReport, kind: str, mimetype: str, suffix: str):
    content = files.psb_file(report, kind, lambda: files.document_of(report))
    name = f"patientsakerhetsberattelse-{report.year}{suffix}"
    return attachment(content, mimetype, name)


@bp.get("/psb/<int:report_id>/patientsakerhetsberattelse.pdf")
@in_swedish()
def pdf(report_id: int):
    return _download(report_id, files.PDF, "application/pdf", ".pdf")


@bp.get("/psb/<int:report_id>/patientsakerhetsberattelse.docx")
@in_swedish()
def docx(report_id: int):
    return _download(report_id, files.DOCX, files.word.MIME_TYPE, ".docx")


def _published(org_id: int, year: int, kind: str, mimetype: str, suffix: str):
    """A published PSB's file, for anyone (like its public page); else not found."""
    if not 0 < org_id < 2**31 or not 1990 <= year <= 2100:
        abort(404)
    report = db.session.scalars(
        select(SafetyReport)
        .where(SafetyReport.organisation_id == org_id, SafetyReport.year == year)
        .options(defer(SafetyReport.document))
    ).first()
    if report is None or not (report.is_decided and report.published):
        abort(404)
    return _file(report, kind, mimetype, suffix)


@bp.get("/psb/<int:org_id>/<int:year>/patientsakerhetsberattelse.pdf")
@public
@in_swedish()
def published_pdf(org_id: int, year: int):
    return _published(org_id, year, files.PDF, "application/pdf", ".pdf")


@bp.get("/psb/<int:org_id>/<int:year>/patientsakerhetsberattelse.docx")
@public
@in_swedish()
def published_docx(org_id: int, year: int):
    return _published(org_id, year, files.DOCX, files.word.MIME_TYPE, ".docx")
