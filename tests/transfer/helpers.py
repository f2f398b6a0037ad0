"""Uploading a spreadsheet and confirming its preview, as the browser does."""

from __future__ import annotations

import csv
import io

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


def upload(client, plan_id: int, data: bytes, name: str = "plan.xlsx"):
    return client.post(
        f"/planer/{plan_id}/importera",
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


def review(client, plan_id: int, values: dict[str, str], action: str = "granska"):
    return client.post(f"/planer/{plan_id}/importera/granska", data={**values, "atgard": action})


def confirm(client, plan_id: int, preview_response):
    return review(client, plan_id, form_values(preview_response), "spara")


def rows(response) -> list[list[str]]:
    return table_rows(response, PREVIEW_TABLE)


def results(response) -> list[str]:
    """The result column of each previewed row: Ny, Uppdateras, Oförändrad or Fel."""
    return [row[1] for row in rows(response)]
