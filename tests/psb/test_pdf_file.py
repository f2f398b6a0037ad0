"""The PSB as a tagged PDF/UA-1, read back with pypdf and the pdfua checker: headings in the
template's order (and as bookmarks), /Lang sv, a structure tree, the chart's alternative
text, user text as text."""

from __future__ import annotations

from io import BytesIO

import pytest
from pdfua import validate
from pypdf import PdfReader

from planner.psb.files import render_pdf_file
from tests.psb.sample import HEADINGS, HOSTILE, sample_document


@pytest.fixture
def pdf(app, tmp_path):
    with app.test_request_context():
        content = render_pdf_file(sample_document(decided=True))
    path = tmp_path / "psb.pdf"
    path.write_bytes(content)
    return path


def text_of(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_pdf_is_tagged_swedish_and_passes_the_pdfua_checker(pdf):
    reader = PdfReader(pdf)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv"
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "Patientsäkerhetsberättelse 2026"
    findings = [(f.rule_id, f.message) for f in validate(str(pdf)).findings]
    assert findings == []


def test_headings_come_in_the_templates_order(pdf):
    """The headings become the PDF's bookmarks, nested as the sections are."""
    found = _flat(PdfReader(pdf).outline)
    # Under the title (level 1 in the PDF): the table of contents, then the sections.
    wanted = [("Patientsäkerhetsberättelse 2026", 0), ("Innehåll", 1)]
    wanted += [(heading, level) for heading, level in HEADINGS]
    assert found == wanted


def _flat(outline, depth: int = 0) -> list[tuple[str, int]]:
    """(title, depth) of every bookmark; pypdf nests a bookmark's children in a list."""
    found = []
    for item in outline:
        if isinstance(item, list):
            found.extend(_flat(item, depth + 1))
        else:
            found.append((item.title, depth))
    return found


def test_numbers_decision_and_hostile_text_are_printed_as_text(pdf):
    text = " ".join(text_of(pdf).split())
    assert "Rapporterade avvikelser 1 284 1 190" in text
    assert "Beslutad 2027-02-20 av Regionstyrelsen" in text
    assert HOSTILE in text


def test_chart_carries_its_alternative_text(pdf):
    raw = pdf.read_bytes()
    reader = PdfReader(BytesIO(raw))
    figures = []

    def walk(element):
        element = element.get_object() if hasattr(element, "get_object") else element
        if isinstance(element, dict):
            if element.get("/S") == "/Figure":
                figures.append(str(element.get("/Alt", "")))
            kids = element.get("/K")
            for kid in kids if isinstance(kids, list) else [kids]:
                if kid is not None:
                    walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert any("Följsamhet till BHK per kvartal" in alt for alt in figures), figures
