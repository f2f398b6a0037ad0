"""The PSB as a Word file (.docx), rendered from the document structure (planner.psb.document).

PSBs are edited and published from Word, so the file uses Word's own building blocks: the
built-in Heading 1–3 styles (Word's navigation pane and table of contents find them), List
Bullet, tables whose header row repeats on every page, and charts as pictures with their
alternative text (the picture's ``descr`` and ``title``, which Word shows as "Alt Text").
Everything is written as text through python-docx, so no user text can become markup."""

from __future__ import annotations

from io import BytesIO

from docx import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import _Cell
from flask_babel import gettext as _

from planner.psb import charts
from planner.psb.document import BulletList, Chart, Document, Paragraph, Section, Table

LANGUAGE = "sv-SE"
PICTURE_WIDTH = Cm(15)
MIME_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def render_docx(document: Document) -> bytes:
    """The Word file of ``document``."""
    word = WordDocument()
    _set_language(word)
    properties = word.core_properties
    properties.title = document.title
    properties.subject = _("Patientsäkerhetsberättelse %(year)s", year=document.year)
    properties.author = document.organisation
    properties.language = LANGUAGE
    properties.keywords = _("patientsäkerhetsberättelse")
    word.add_paragraph(document.title, style="Title")
    word.add_paragraph(document.organisation, style="Subtitle")
    word.add_paragraph(status_text(document))
    for section in document.sections:
        _add_section(word, section)
    out = BytesIO()
    word.save(out)
    return out.getvalue()


def status_text(document: Document) -> str:
    """Whether the PSB is decided (by whom, when) or still a draft, as printed on its cover."""
    if document.decided_on:
        return _("Beslutad %(day)s av %(who)s", day=document.decided_on, who=document.decided_by)
    return _("Utkast, inte beslutad")


def _set_language(word) -> None:
    """Swedish as every style's language, so Word checks the spelling in Swedish."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_properties.append(language)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), LANGUAGE)


def _add_section(word, section: Section) -> None:
    word.add_heading(section.heading, level=min(max(section.level, 1), 9))
    for block in section.blocks:
        _add_block(word, block)
    for subsection in section.subsections:
        _add_section(word, subsection)


def _add_block(word, block) -> None:
    if isinstance(block, Paragraph):
        _add_runs(word.add_paragraph(), block.runs)
    elif isinstance(block, BulletList):
        for item in block.items:
            _add_runs(word.add_paragraph(style="List Bullet"), _runs_of(item))
    elif isinstance(block, Table):
        _add_table(word, block)
    elif isinstance(block, Chart):
        _add_chart(word, block)
    else:
        raise TypeError(f"no Word form for {type(block).__name__}")


def _runs_of(item) -> tuple:
    """A list item's runs, whether the item is a paragraph, runs or plain text."""
    if isinstance(item, Paragraph):
        return tuple(item.runs)
    if isinstance(item, str):
        return ((item, False),)
    return tuple(item)


def _add_runs(paragraph, runs) -> None:
    for run in runs:
        text, bold = (run.text, run.bold) if hasattr(run, "text") else run
        paragraph.add_run(text).bold = bold or None


def _add_table(word, table: Table) -> None:
    if table.caption:
        word.add_paragraph(table.caption, style="Caption")
    numeric = set(table.numeric_columns)
    # Every row at once: python-docx adds a single row at a time slowly (it recomputes the
    # grid for each), which a 300-activity PSB would feel.
    values = [table.headers, *table.rows]
    grid = word.add_table(rows=len(values), cols=len(table.headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    _repeat_as_header(grid.rows[0])
    for number, (row, cells) in enumerate(zip(grid._tbl.tr_lst, values, strict=True)):
        for index, (cell, value) in enumerate(zip(row.tc_lst, cells, strict=True)):
            _fill(_Cell(cell, grid), value, index in numeric, bold=number == 0)


def _repeat_as_header(row) -> None:
    """Word repeats this row at the top of every page the table runs over, and screen
    readers announce its cells as the columns' headers."""
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _fill(cell, value, numeric: bool, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.add_run("" if value is None else str(value)).bold = bold or None
    if numeric:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _add_chart(word, chart: Chart) -> None:
    word.add_picture(BytesIO(charts.png(chart.svg)), width=PICTURE_WIDTH)
    picture = word.paragraphs[-1]
    for properties in picture._p.iter(qn("wp:docPr")):
        properties.set("descr", chart.alt_text)
        properties.set("title", chart.caption or chart.alt_text)
    if chart.caption:
        word.add_paragraph(chart.caption, style="Caption")
