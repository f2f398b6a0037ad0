"""Uploading a spreadsheet and confirming its preview, as the browser does."""

from __future__ import annotations

import csv
import io
import zipfile

from openpyxl import Workbook

from tests.html import page, table_rows

PREVIEW_TABLE = "Raderna i filen"


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(rows: list[list[object]], delimiter=";", encoding="utf-8-sig") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


# Where an import lives under its plan: activities, or measure values ("matvarden/importera").
ACTIVITIES = "importera"


def upload(client, plan_id: int, data: bytes, name: str = "plan.xlsx", where: str = ACTIVITIES):
    return client.post(
        f"/planer/{plan_id}/{where}",
        data={"file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def form_values(response) -> dict[str, str]:
    """The preview form's fields with the values the page set (hidden inputs and selects)."""
    form = page(response).find("form", action=lambda a: a and a.endswith("/importera/granska"))
    assert form is not None, response.get_data(as_text=True)[:2000]
    values = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
    for select in form.find_all("select"):
        chosen = select.find("option", selected=True)
        values[select["name"]] = chosen["value"] if chosen else ""
    return values


def review(client, plan_id: int, values: dict[str, str], action: str = "granska", where=ACTIVITIES):
    return client.post(f"/planer/{plan_id}/{where}/granska", data={**values, "atgard": action})


def confirm(client, plan_id: int, preview_response, where: str = ACTIVITIES):
    return review(client, plan_id, form_values(preview_response), "spara", where)


def rows(response) -> list[list[str]]:
    return table_rows(response, PREVIEW_TABLE)


def results(response) -> list[str]:
    """The result column of each previewed row: Ny, Uppdateras, Oförändrad or Fel."""
    return [row[1] for row in rows(response)]


# --- crafted workbooks: a real workbook with parts replaced, for the import limits ---------

CRAFTED_HEADER = ["Område", "Aktivitet", "Slutdatum"]
SHEET = "xl/worksheets/sheet1.xml"
SHEET_START = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
SHARED_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SHARED_OVERRIDE = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHARED_TYPE}"/>'


def crafted(parts: dict[str, bytes]) -> bytes:
    """A real workbook (openpyxl's) with some of its parts replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([CRAFTED_HEADER, ["G1", "Text", "2026-05-01"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            body = parts.pop(item.filename, None) or source.read(item.filename)
            if item.filename == "[Content_Types].xml" and "xl/sharedStrings.xml" in parts:
                body = body.replace(b"</Types>", SHARED_OVERRIDE.encode() + b"</Types>")
            archive.writestr(item.filename, body)
        for name, body in parts.items():
            archive.writestr(name, body)
    return out.getvalue()


def sheet(rows: bytes) -> dict[str, bytes]:
    return {SHEET: SHEET_START + b"<sheetData>" + rows + b"</sheetData></worksheet>"}


def header_row(opening: bytes = b'<row r="1">') -> bytes:
    cells = b"".join(
        b'<c t="inlineStr"><is><t>' + text.encode() + b"</t></is></c>" for text in CRAFTED_HEADER
    )
    return opening + cells + b"</row>"
