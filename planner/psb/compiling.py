"""The region's PSB compiles its units' parts: each ready part appears under its section,
headed by the unit's name, in the same safe formatting as the section's own text."""

from __future__ import annotations

from dataclasses import replace

from planner.psb.document import Document, Section
from planner.psb.writing import parse_text


def with_unit_parts(document: Document, parts: dict[str, list[tuple[str, str]]]) -> Document:
    """``document`` with the units' ready ``parts`` ({section key: [(unit, text)]}) as
    subsections of their sections, before the template's own subsections."""

    def compiled(section: Section) -> Section:
        units = [
            Section(f"{section.key}-enhet-{number}", unit, section.level + 1, parse_text(text))
            for number, (unit, text) in enumerate(parts.get(section.key, ()), start=1)
        ]
        children = [compiled(child) for child in section.subsections]
        return replace(section, subsections=[*units, *children])

    return replace(document, sections=[compiled(s) for s in document.sections])
