"""Checking a stored document that comes from outside (a backup file) before it is kept:
it must read as a document, and its charts must be the kind of SVG our chart renderer draws
(shapes, text, title and description), because the pages put charts inline."""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from planner.psb.document import Chart, Document, Section, blocks_from_json, section_from_json

SVG = "{http://www.w3.org/2000/svg}"
SVG_ELEMENTS = frozenset(
    {
        "svg",
        "g",
        "title",
        "desc",
        "line",
        "polyline",
        "polygon",
        "path",
        "rect",
        "circle",
        "text",
        "tspan",
    }
)


class NotADocument(ValueError):
    """Stored document data that no page may show."""


def check_svg(svg: str) -> None:
    """NotADocument unless ``svg`` is one <svg> of drawing elements: no script, no links, no
    event handlers, no foreign content."""
    try:
        root = fromstring(svg)  # no entities, no external references
    except (ParseError, DefusedXmlException, TypeError) as error:
        raise NotADocument(f"chart: {error}") from None
    if root.tag not in (f"{SVG}svg", "svg"):
        raise NotADocument("chart: not an <svg> element")
    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        if tag not in SVG_ELEMENTS:
            raise NotADocument(f"chart: <{tag}> is not allowed")
        for name, value in element.attrib.items():
            bare = name.rsplit("}", 1)[-1].lower()
            if bare.startswith("on") or "href" in bare or bare == "style" or "url(" in value:
                raise NotADocument(f"chart: attribute {bare} is not allowed")


def _charts(sections: list[Section]) -> list[Chart]:
    walked = [found for section in sections for found in section.walk()]
    return [b for section in walked for b in section.blocks if isinstance(b, Chart)]


def checked_document(data: Any) -> Document:
    """The frozen document ``data`` read back, or NotADocument."""
    try:
        document = Document.from_json(data)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise NotADocument(f"document: {error!r}") from None
    for chart in _charts(document.sections):
        check_svg(chart.svg)
    return document


def checked_generated(data: Any) -> None:
    """A section's stored generated part ({"blocks": […], "subsections": […]}), or NotADocument."""
    try:
        blocks = blocks_from_json(data.get("blocks", []))
        subsections = [section_from_json(s) for s in data.get("subsections", [])]
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise NotADocument(f"generated: {error!r}") from None
    holder = Section("x", "x", 1, blocks, subsections)
    for chart in _charts([holder]):
        check_svg(chart.svg)
