"""The PSB's files: a tagged PDF/UA-1 (the safe renderer, planner.pdf) and a Word file.

A draft is rendered fresh from the plan each time. A decided PSB is rendered from its frozen
copy and kept (planner.documents): the frozen copy never changes, so the kept file is served
until a deploy changes the layout, and never rendered twice at once in any process."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from flask import current_app, render_template
from markupsafe import Markup

from planner.documents.keys import layout_version
from planner.documents.store import Document as KeptKey
from planner.documents.store import kept_pdf
from planner.pdf import is_heavy, render_pdf
from planner.psb import word
from planner.psb.document import Document, Table
from planner.psb.models import SafetyReport
from planner.psb.services import build_document

PDF, DOCX = "psb-pdf", "psb-docx"
STYLESHEETS = ("report.css", "psb.css")
# The modules that decide what a file shows, besides the templates and stylesheets.
CODE = ("psb/files.py", "psb/word.py", "psb/charts.py")


def items(document: Document) -> int:
    """How much a document draws (blocks and table rows): heavy ones get the heavy pool."""
    count = 0
    for section in document.walk():
        count += len(section.blocks)
        count += sum(len(b.rows) for b in section.blocks if isinstance(b, Table))
    return count


def render_pdf_file(document: Document) -> bytes:
    """The tagged PDF (PDF/UA-1, /Lang sv): charts as inline SVG with their titles."""
    css = "\n".join(
        Path(current_app.static_folder, "css", name).read_text(encoding="utf-8")
        for name in STYLESHEETS
    )
    html = render_template(
        "psb/pdf.html",
        d=document,
        status=word.status_text(document),
        inline_css=Markup(css),  # noqa: S704 - our own stylesheet files, never user text
    )
    return render_pdf(html, heavy=is_heavy(items(document)))


RENDERERS: dict[str, Callable[[Document], bytes]] = {
    PDF: render_pdf_file,
    DOCX: word.render_docx,
}


def _layout() -> str:
    templates = ("psb/pdf.html", "psb/_document.html")
    return layout_version(*templates, stylesheet="psb.css", code=CODE) + layout_version(
        stylesheet="report.css"
    )


def frozen_key(report: SafetyReport, kind: str) -> str:
    """Changes only when the frozen copy or the layout may have: deciding again raises the
    report's version (so does publishing, which costs one render more, never a stale file).
    The frozen copy itself is not read to decide: it is large."""
    head = (_layout(), kind, report.id, report.version, str(report.decided_at))
    return hashlib.sha256(repr(head).encode()).hexdigest()


def psb_file(report: SafetyReport, kind: str, document: Callable[[], Document]) -> bytes:
    """The file of ``kind`` for ``report``: fresh for a draft, kept for a decided PSB.
    ``document`` gives the document to render (the frozen copy once decided)."""
    render = RENDERERS[kind]
    if not report.is_decided:
        return render(document())
    key = KeptKey(kind, report.id, "", report.organisation_id)
    return kept_pdf(key, frozen_key(report, kind), lambda: render(document()))


def document_of(report: SafetyReport) -> Document:
    """What the files show: the frozen copy once decided; else the draft as it stands now,
    with the units' ready parts compiled under their sections."""
    return build_document(report)
