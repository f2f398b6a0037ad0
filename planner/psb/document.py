"""The PSB as a document every output renders: the web page (here), Word and PDF (psb-out).

Plain dataclasses, no ORM rows and no markup: text is text, and every renderer escapes it in
its own way. ``to_json``/``from_json`` freeze a decided report and read it back unchanged."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Paragraph:
    kind: ClassVar[str] = "paragraph"  # what a template asks to tell blocks apart
    runs: list[Run]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class BulletList:
    kind: ClassVar[str] = "bullets"  # what a template asks to tell blocks apart
    items: list[list[Run]]


@dataclass(frozen=True)
class Table:
    kind: ClassVar[str] = "table"  # what a template asks to tell blocks apart
    caption: str
    headers: list[str]
    rows: list[list[str]]
    # Indexes of the columns that hold numbers (aligned right, read as numbers).
    numeric_columns: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Chart:
    kind: ClassVar[str] = "chart"  # what a template asks to tell blocks apart
    svg: str  # a complete <svg> element with <title> and <desc>, made by our own renderer
    alt_text: str
    caption: str


Block = Paragraph | BulletList | Table | Chart


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    level: int
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)

    def walk(self) -> list[Section]:
        return [self, *(found for sub in self.subsections for found in sub.walk())]


@dataclass(frozen=True)
class Document:
    title: str
    organisation: str
    year: int
    sections: list[Section]
    decided_by: str = ""
    decided_on: str = ""  # ISO date, empty while a draft

    def walk(self) -> list[Section]:
        """Every section, depth first, in reading order."""
        return [found for section in self.sections for found in section.walk()]

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "organisation": self.organisation,
            "year": self.year,
            "decided_by": self.decided_by,
            "decided_on": self.decided_on,
            "sections": [section_to_json(s) for s in self.sections],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Document:
        return cls(
            title=data["title"],
            organisation=data["organisation"],
            year=int(data["year"]),
            decided_by=data.get("decided_by", ""),
            decided_on=data.get("decided_on", ""),
            sections=[section_from_json(s) for s in data["sections"]],
        )


def _runs_to_json(runs: list[Run]) -> list[dict[str, Any]]:
    return [{"text": r.text, "bold": r.bold} for r in runs]


def _runs_from_json(raw: list[dict[str, Any]]) -> list[Run]:
    return [Run(str(r["text"]), bool(r.get("bold", False))) for r in raw]


def block_to_json(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "runs": _runs_to_json(block.runs)}
    if isinstance(block, BulletList):
        return {"type": "bullets", "items": [_runs_to_json(item) for item in block.items]}
    if isinstance(block, Table):
        return {
            "type": "table",
            "caption": block.caption,
            "headers": list(block.headers),
            "rows": [list(row) for row in block.rows],
            "numeric_columns": list(block.numeric_columns),
        }
    if isinstance(block, Chart):
        return {
            "type": "chart",
            "svg": block.svg,
            "alt_text": block.alt_text,
            "caption": block.caption,
        }
    raise TypeError(f"not a block: {block!r}")


def block_from_json(raw: dict[str, Any]) -> Block:
    kind = raw["type"]
    if kind == "paragraph":
        return Paragraph(_runs_from_json(raw["runs"]))
    if kind == "bullets":
        return BulletList([_runs_from_json(item) for item in raw["items"]])
    if kind == "table":
        return Table(
            caption=raw["caption"],
            headers=[str(h) for h in raw["headers"]],
            rows=[[str(c) for c in row] for row in raw["rows"]],
            numeric_columns=[int(i) for i in raw.get("numeric_columns", ())],
        )
    if kind == "chart":
        return Chart(svg=raw["svg"], alt_text=raw["alt_text"], caption=raw["caption"])
    raise ValueError(f"unknown block type {kind!r}")


def blocks_to_json(blocks: list[Block]) -> list[dict[str, Any]]:
    return [block_to_json(b) for b in blocks]


def blocks_from_json(raw: list[dict[str, Any]]) -> list[Block]:
    return [block_from_json(b) for b in raw]


def section_to_json(section: Section) -> dict[str, Any]:
    return {
        "key": section.key,
        "heading": section.heading,
        "level": section.level,
        "blocks": blocks_to_json(section.blocks),
        "subsections": [section_to_json(s) for s in section.subsections],
    }


def section_from_json(raw: dict[str, Any]) -> Section:
    return Section(
        key=raw["key"],
        heading=raw["heading"],
        level=int(raw["level"]),
        blocks=blocks_from_json(raw.get("blocks", [])),
        subsections=[section_from_json(s) for s in raw.get("subsections", [])],
    )
