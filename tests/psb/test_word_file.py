"""The PSB as a Word file, read back with python-docx: Word's own heading styles in the
template's order, a list, tables with a repeating header row and the right numbers, charts as
pictures with alternative text, Swedish as the language, user text as text."""

from __future__ import annotations

from io import BytesIO

import docx
import pytest
from docx.oxml.ns import qn
from PIL import Image

from planner.psb import charts
from planner.psb.word import render_docx
from tests.psb.sample import HEADINGS, HOSTILE, sample_document


def open_docx(content: bytes):
    return docx.Document(BytesIO(content))


def test_headings_use_word_heading_styles_in_order(app):
    word = open_docx(render_docx(sample_document()))
    headings = [
        (p.text, int(p.style.name.removeprefix("Heading ")))
        for p in word.paragraphs
        if p.style.name.startswith("Heading ")
    ]
    assert headings == HEADINGS
    assert word.paragraphs[0].style.name == "Title"


def test_bold_runs_and_bullets_keep_their_form(app):
    word = open_docx(render_docx(sample_document()))
    summary = next(p for p in word.paragraphs if p.text.startswith("Året i korthet"))
    assert [(r.text, bool(r.bold)) for r in summary.runs] == [
        ("Året i korthet: ", False),
        ("fler rapporter", True),
    ]
    bullets = [p.text for p in word.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["Hygienronder", HOSTILE]  # the hostile text is just text


def test_table_has_a_repeating_header_row_and_the_numbers(app):
    word = open_docx(render_docx(sample_document()))
    (table,) = word.tables
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows == [
        ["Slag", "Antal", "Föregående år"],
        ["Rapporterade avvikelser", "1 284", "1 190"],
        ["Lex Maria", "7", "9"],
    ]
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None
    assert table.rows[1].cells[1].paragraphs[0].alignment == 2  # numbers aligned right
    caption = [p.text for p in word.paragraphs if p.style.name == "Caption"]
    assert "Avvikelser och anmälningar 2026" in caption


def test_chart_is_a_picture_with_alternative_text(app):
    word = open_docx(render_docx(sample_document()))
    pictures = list(word.element.body.iter(qn("wp:docPr")))
    assert [(p.get("descr"), p.get("title")) for p in pictures] == [
        ("Stapeldiagram: BHK 72 % och 85 %.", "Följsamhet till BHK")
    ]
    (shape,) = word.inline_shapes
    picture_id = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
    image = Image.open(BytesIO(word.part.related_parts[picture_id].blob))
    assert image.format == "PNG" and image.size == (400, 200)  # the SVG at twice its size


def test_document_is_swedish_and_titled(app):
    word = open_docx(render_docx(sample_document()))
    assert word.core_properties.title == "Patientsäkerhetsberättelse 2026"
    assert word.core_properties.language == "sv-SE"
    assert word.core_properties.author == "Region Vättersund"
    defaults = word.styles.element.find(qn("w:docDefaults"))
    language = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert language.get(qn("w:val")) == "sv-SE"


def test_a_chart_cannot_fetch_anything(app, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for charts")
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        f' width="10" height="10"><image xlink:href="file://{secret}" width="10" height="10"/>'
        "</svg>"
    )
    with pytest.raises(charts.ChartRefused):
        charts.png(svg)
