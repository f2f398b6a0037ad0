"""Hostile and broken spreadsheets: each gets a clear Swedish message, never a 500."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from planner.extensions import db
from planner.plans.models import Activity
from planner.transfer.reading import decode, read_table, sniff_delimiter
from tests.factories import commit, make_org, make_plan
from tests.html import field_error, text
from tests.transfer.helpers import csv_bytes, results, upload, xlsx_bytes

HEADER = ["Område", "Aktivitet", "Slutdatum", "Procent klart", "Beskrivning"]


@pytest.fixture
def plan_id():
    plan = make_plan(make_org("Region Öst"))
    commit()
    return plan.id


def file_message(response) -> str:
    assert response.status_code == 200
    return field_error(response, "file")


def test_formula_cells_are_row_problems_never_evaluated(client, plan_id):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(["G1", "=cmd|' /C calc'!A0", "2026-05-01"])
    sheet.append(["G1", "Summa", "=DATE(2026,5,1)", "=1+1"])
    out = io.BytesIO()
    workbook.save(out)
    preview = upload(client, plan_id, out.getvalue())
    assert results(preview) == ["Fel", "Fel"]
    page_text = text(preview)
    assert "Rad 2: formel i Aktivitet tas inte emot (=cmd|' /C calc'!A0)" in page_text
    assert "Rad 3: formel i Slutdatum tas inte emot" in page_text
    assert "Rad 3: formel i Procent klart tas inte emot" in page_text


def test_formula_text_in_csv_is_refused_but_our_neutralised_cells_come_back(client, plan_id):
    data = csv_bytes(
        [HEADER, ["G1", '=HYPERLINK("http://x")', "2026-05-01"], ["G1", "'=Titel", "2026-05-01"]]
    )
    preview = upload(client, plan_id, data, "f.csv")
    assert results(preview) == ["Fel", "Ny"]
    assert "Rad 2: formel i Aktivitet tas inte emot" in text(preview)
    assert "=Titel" in text(preview)


def test_one_hundred_thousand_rows_are_refused_with_a_message(client, plan_id):
    lines = ["Område;Aktivitet;Slutdatum"] + [
        f"G1;Aktivitet {n};2026-05-01" for n in range(100_000)
    ]
    data = ("\r\n".join(lines)).encode()
    message = file_message(upload(client, plan_id, data, "stor.csv"))
    assert "Filen har fler än 5 000 rader" in message
    assert db.session.scalar(select(func.count()).select_from(Activity)) == 0


@pytest.mark.parametrize("count", [5001, 100_000])
def test_many_rows_in_xlsx_are_refused_too(client, plan_id, count):
    # 5,001 rows are read and refused at the cap; 100,000 before openpyxl reads a row.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for n in range(count):
        sheet.append(["G1", f"Aktivitet {n}", "2026-05-01"])
    out = io.BytesIO()
    workbook.save(out)
    message = file_message(upload(client, plan_id, out.getvalue()))
    assert "Filen har fler än 5 000 rader" in message


def test_huge_cells(client, plan_id):
    long_title = "x" * 301
    huge = "y" * 20_000
    preview = upload(client, plan_id, xlsx_bytes([HEADER, ["G1", long_title, None, None, huge]]))
    page_text = text(preview)
    assert "Rad 2: texten i Aktivitet är för lång (301 tecken, högst 300)" in page_text
    assert "Rad 2: texten i Beskrivning är för lång (20000 tecken, högst 10000)" in page_text
    # A cell beyond what the csv module reads at all: a message about the file.
    data = ("Område;Aktivitet\r\nG1;" + "z" * 200_000).encode()
    assert "kunde inte läsas som CSV" in file_message(upload(client, plan_id, data, "a.csv"))


def test_wrong_types(client, plan_id):
    preview = upload(
        client,
        plan_id,
        xlsx_bytes(
            [
                HEADER,
                ["G1", "Datum som tal", 45000, 10],
                ["G1", "Procent som text", "2026-05-01", "hälften"],
                ["G1", "Procent med decimal", "2026-05-01", 12.5],
                [1, 2, "2026-05-01", True],
                ["G1", "Sant som datum", True, None],
            ]
        ),
    )
    page_text = text(preview)
    assert results(preview) == ["Fel", "Fel", "Fel", "Fel", "Fel"]
    assert "Rad 2: ogiltigt datum '45000' i Slutdatum" in page_text
    assert "Rad 3: ogiltig andel klart 'hälften' i Procent klart" in page_text
    assert "Rad 4: ogiltig andel klart '12.5'" in page_text
    assert "Rad 5: okänt område '1'" in page_text
    assert "Rad 6: ogiltigt datum 'Ja' i Slutdatum" in page_text


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("plan.xlsx", b"", "Filen är tom."),
        ("plan.xlsx", b"Det har var aldrig en Excel-fil", "inte en giltig Excel-fil"),
        ("plan.xlsx", b"PK\x03\x04trasig", "inte en giltig Excel-fil"),
        ("plan.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "gamla Excel-formatet"),
        ("plan.pdf", b"%PDF-1.7", "Välj en fil av typen .xlsx eller .csv."),
        ("plan.csv", b"\r\n\r\n;;;\r\n", "Filen är tom"),
        ("plan.csv", "Område;Aktivitet\r\n".encode(), "rubrikrad men inga rader under den"),
        ("plan.csv", b"x" * (5 * 1024 * 1024 + 1), "större än 5 MB"),
    ],
)
def test_unreadable_files(client, plan_id, name, data, message):
    assert message in file_message(upload(client, plan_id, data, name))


def test_a_zip_that_is_no_workbook(client, plan_id):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hej.txt", "inget kalkylark här")
    assert "inte en giltig Excel-fil" in file_message(upload(client, plan_id, out.getvalue()))


def test_a_zip_bomb_is_refused_before_unpacking(client, plan_id):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    data = out.getvalue()
    assert len(data) < 200_000
    assert "packas upp" in file_message(upload(client, plan_id, data))


def test_no_file_chosen(client, plan_id):
    response = client.post(f"/planer/{plan_id}/importera", data={})
    assert response.status_code == 200
    assert field_error(response, "file") == "Välj en fil."


def test_a_file_over_the_request_limit_gets_the_413_page(app, client, plan_id):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = upload(client, plan_id, b"x" * 4096, "stor.csv")
    assert response.status_code == 413
    assert "Filen eller formuläret är för stort" in text(response)


def test_csv_encodings_and_delimiters():
    rows = [["Område", "Aktivitet"], ["G1", "Åtgärd för äldre, öppen"]]
    for encoding in ("utf-8-sig", "utf-8", "cp1252", "utf-16"):
        for delimiter in (";", ",", "\t"):
            table = read_table("a.csv", csv_bytes(rows, delimiter, encoding))
            assert table.headers == ["Område", "Aktivitet"], (encoding, delimiter)
            assert table.rows == [[2, "G1", "Åtgärd för äldre, öppen"]], (encoding, delimiter)
    assert decode(b"\xe5\xe4\xf6") == "åäö"
    assert sniff_delimiter('"a;b",c,d\n') == ","
    assert sniff_delimiter("ensam\n") == ";"


def test_control_characters_are_cleaned(client, plan_id):
    data = csv_bytes([HEADER, ["G1", "Rent\x00\x07 namn", "2026-05-01"]])
    preview = upload(client, plan_id, data, "c.csv")
    assert results(preview) == ["Ny"]
    assert "Rent namn" in text(preview)


def test_xml_entity_expansion_is_refused(client, plan_id):
    entities = (
        '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    )
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([HEADER, ["G1", "Text", "2026-05-01"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = entities.encode() + body.replace(b"<t>Text</t>", b"<t>&lol3;</t>")
            archive.writestr(item, body)
    assert "inte en giltig Excel-fil" in file_message(upload(client, plan_id, out.getvalue()))
