"""Crafted workbooks and CSV files that ask for unbounded work are refused early, each with a
Swedish message naming the limit; files within the limits are still read."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from planner.transfer.limits import MAX_CELLS, MAX_CELLS_PER_ROW, MAX_PART_ELEMENTS, Budget
from planner.transfer.reading import FileProblem, read_table
from planner.transfer.workbook import check_workbook
from tests.factories import commit, make_org, make_plan
from tests.html import field_error
from tests.transfer.helpers import crafted, header_row, sheet, upload


def refusal(data: bytes, name: str = "plan.xlsx") -> str:
    with pytest.raises(FileProblem) as refused:
        read_table(name, data)
    return str(refused.value)


def test_a_row_of_six_million_empty_cells_is_refused_at_the_row_limit():
    data = crafted(sheet(b'<row r="1">' + b"<c/>" * 6_000_000 + b"</row>"))
    assert len(data) < 100_000  # the 24 MB sheet packs small: the attack fits any upload
    message = refusal(data)
    assert message.startswith("Filen har för många celler på rad 1 (högst 16\u00a0384")


@pytest.mark.parametrize("opening", [b"<row\t", b"<row\n", b"<row\r\n", b"<row  "])
def test_rows_written_with_any_whitespace_are_counted(opening):
    """The old guard counted the text '<row ' and let '<row<TAB>' through to openpyxl."""
    wide = opening + b'r="1">' + b"<c/>" * (MAX_CELLS_PER_ROW + 1) + b"</row>"
    assert "för många celler på rad 1" in refusal(crafted(sheet(wide)))
    many = header_row(opening + b'r="1">') + (opening + b"><c/></row>") * 100_000
    assert refusal(crafted(sheet(many))).startswith("Filen har fler än 5\u00a0000 rader")


def test_a_row_numbered_far_down_is_refused_without_reading_the_rows_before_it():
    # openpyxl fills the gap with empty rows of 40 empty cells: they count as read.
    far = header_row() + b'<row r="1000000"><c t="inlineStr"><is><t>G1</t></is></c></row>'
    assert refusal(crafted(sheet(far))).startswith("Filen har för många celler (högst")


def test_many_cells_in_all_are_refused_though_each_row_is_within_its_limit():
    row = b"<row>" + b"<c/>" * 10_000 + b"</row>"
    message = refusal(crafted(sheet(header_row() + row * (MAX_CELLS // 10_000 + 1))))
    assert message.startswith("Filen har för många celler (högst 500\u00a0000")


def test_a_huge_table_of_shared_texts_is_refused_before_it_is_loaded():
    texts = b"<si><t>x</t></si>" * (MAX_CELLS + 1)
    shared = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + texts
        + b"</sst>"
    )
    message = refusal(crafted({"xl/sharedStrings.xml": shared}))
    assert "för mycket utöver själva tabellen (sharedStrings.xml)" in message


def test_a_bloated_style_part_is_refused():
    styles = (
        b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"<numFmt/>" * (MAX_PART_ELEMENTS + 1)
        + b"</styleSheet>"
    )
    assert "(styles.xml)" in refusal(crafted({"xl/styles.xml": styles}))


def test_a_document_type_declaration_anywhere_is_refused():
    doctype = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    data = crafted({"xl/workbook.xml": doctype + b"<workbook/>"})
    assert "inte en giltig Excel-fil" in refusal(data)


def test_a_workbook_within_the_limits_is_read_with_shared_texts():
    shared = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<si><t>Omr\xc3\xa5de</t></si><si><t>Aktivitet</t></si><si><t>Text</t></si></sst>"
    )
    rows = (
        b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        b'<row\tr="2"><c r="A2" t="inlineStr"><is><t>G1</t></is></c>'
        b'<c r="B2" t="s"><v>2</v></c></row>'
    )
    table = read_table("plan.xlsx", crafted({"xl/sharedStrings.xml": shared, **sheet(rows)}))
    assert table.headers == ["Område", "Aktivitet"]
    assert table.rows == [[2, "G1", "Text"]]


def test_csv_rows_and_files_with_too_many_cells_are_refused():
    wide = "Område;Aktivitet\r\nG1;" + ";" * MAX_CELLS_PER_ROW
    assert "för många celler på rad 2" in refusal(wide.encode(), "a.csv")
    row = ";" * 1000 + "\r\n"
    many = "Område;Aktivitet\r\n" + row * (MAX_CELLS // 1000)
    assert "Filen har för många celler (högst" in refusal(many.encode(), "a.csv")


def test_the_import_page_shows_the_refusal_next_to_the_file_field(client):
    plan = make_plan(make_org("Region Öst"))
    commit()
    data = crafted(sheet(b'<row r="1">' + b"<c/>" * 20_000 + b"</row>"))
    response = upload(client, plan.id, data)
    assert response.status_code == 200
    assert field_error(response, "file").startswith("Filen har för många celler på rad 1")


def test_reading_stops_at_the_time_limit():
    late = Budget(deadline=time.monotonic() - 1)  # as if the file had taken all its time
    with pytest.raises(FileProblem) as refused:
        check_workbook(crafted(sheet(header_row())), late)
    assert "Filen tog för lång tid att läsa (högst 10 sekunder)" in str(refused.value)


def test_a_row_numbered_with_a_superscript_digit_is_refused_with_a_message():
    """'²' is a digit to str.isdigit() but not to int(): a clear refusal, not a crash (500)."""
    odd = header_row() + '<row r="²"><c t="inlineStr"><is><t>G1</t></is></c></row>'.encode()
    assert refusal(crafted(sheet(odd))).startswith("Filen är inte en giltig Excel-fil")


def _sheet_stored_as(name: str, rows: bytes) -> bytes:
    """The workbook with its sheet moved to ``name`` and the relationships pointing there:
    openpyxl follows the relationships, whatever the part is called."""
    from tests.transfer.helpers import SHEET, SHEET_START, xlsx_bytes

    old, new = SHEET.removeprefix("xl/").encode(), name.removeprefix("xl/").encode()
    part = SHEET_START + b"<sheetData>" + rows + b"</sheetData></worksheet>"
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([["Område", "Aktivitet"], ["G1", "Text"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == SHEET:
                archive.writestr(name, part)
                continue
            body = body.replace(old, new)
            archive.writestr(item.filename, body)
    return out.getvalue()


@pytest.mark.parametrize("name", ["xl/worksheets/sheet1.XML", "xl/media/bild.png", "xl/x.bin"])
def test_a_sheet_stored_under_another_name_is_counted_too(name):
    wide = b'<row r="1">' + b"<c/>" * 6_000_000 + b"</row>"
    data = _sheet_stored_as(name, wide)
    assert len(data) < 100_000
    # refused by counting, long before openpyxl (not by the reading-time limit)
    message = refusal(data)
    assert "för många celler på rad 1" in message or "för mycket utöver" in message, message
