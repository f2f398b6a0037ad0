"""Downloading a PSB as PDF and as Word: whoever may read the PSB may download it."""

from __future__ import annotations

from flask import Blueprint
from sqlalchemy.orm import defer

from planner.access import VIEW, load
from planner.language import in_swedish
from planner.psb import files
from planner.psb.models import SafetyReport
from planner.web import attachment

bp = Blueprint("psb_files", __name__)


def _download(report_id: int, kind: str, mimetype: str, suffix: str):
    # The frozen copy is read only when a file is rendered, not to serve a kept one.
    report = load(SafetyReport, report_id, VIEW, options=[defer(SafetyReport.document)])
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
