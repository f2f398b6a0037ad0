"""Reading pages the way a user sees them: parsed HTML, not string matching on markup."""

from __future__ import annotations

from bs4 import BeautifulSoup


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def text(response) -> str:
    return " ".join(page(response).get_text(" ").split())


def field_error(response, field_id: str) -> str:
    """The error message shown next to a form field ('' if none)."""
    node = page(response).find(id=f"{field_id}-error")
    return " ".join(node.get_text(" ").split()) if node else ""


def table_rows(response, caption: str) -> list[list[str]]:
    """The body rows of the table whose caption contains ``caption``, as cell texts."""
    for table in page(response).find_all("table"):
        cap = table.find("caption")
        if cap and caption in cap.get_text():
            return [
                [" ".join(c.get_text(" ").split()) for c in row.find_all(["th", "td"])]
                for row in table.find("tbody").find_all("tr")
            ]
    raise AssertionError(f"no table with caption {caption!r}")
