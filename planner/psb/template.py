"""A PSB's headings as data: one JSON file per template in ``templates/``.

The national template for 2025–2030 is being revised; replacing the headings means adding a
file here (and choosing it for a new report), never changing code."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
DEFAULT_TEMPLATE = "2025"


@dataclass(frozen=True)
class GeneratorCall:
    """A generator named in the template, with the options given to it there."""

    name: str
    options: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def parse(cls, raw: str | dict[str, Any]) -> GeneratorCall:
        if isinstance(raw, str):
            return cls(raw)
        options = {k: v for k, v in raw.items() if k != "name"}
        return cls(str(raw["name"]), options)


@dataclass(frozen=True)
class SectionTemplate:
    key: str
    heading: str
    level: int
    generators: tuple[GeneratorCall, ...] = ()
    law: str = ""
    guidance: str = ""
    children: tuple[SectionTemplate, ...] = ()

    @classmethod
    def parse(cls, raw: dict[str, Any], level: int = 1) -> SectionTemplate:
        return cls(
            key=str(raw["key"]),
            heading=str(raw["heading"]),
            level=int(raw.get("level", level)),
            generators=tuple(GeneratorCall.parse(g) for g in raw.get("generators", ())),
            law=str(raw.get("law", "")),
            guidance=str(raw.get("guidance", "")),
            children=tuple(cls.parse(c, level + 1) for c in raw.get("sections", ())),
        )

    def walk(self) -> list[SectionTemplate]:
        return [self, *(found for child in self.children for found in child.walk())]


@dataclass(frozen=True)
class ReportTemplate:
    key: str
    title: str
    description: str
    sections: tuple[SectionTemplate, ...]

    def walk(self) -> list[SectionTemplate]:
        """Every section, depth first, in document order."""
        return [found for section in self.sections for found in section.walk()]

    def section(self, key: str) -> SectionTemplate | None:
        return next((s for s in self.walk() if s.key == key), None)


def available() -> list[str]:
    return sorted(p.stem for p in TEMPLATE_DIR.glob("*.json"))


@cache
def load_template(key: str = DEFAULT_TEMPLATE) -> ReportTemplate:
    """The template stored as ``templates/<key>.json``; KeyError if there is none."""
    if key not in available():
        raise KeyError(key)
    raw = json.loads((TEMPLATE_DIR / f"{key}.json").read_text(encoding="utf-8"))
    template = ReportTemplate(
        key=str(raw.get("key", key)),
        title=str(raw["title"]),
        description=str(raw.get("description", "")),
        sections=tuple(SectionTemplate.parse(s) for s in raw["sections"]),
    )
    keys = [s.key for s in template.walk()]
    if len(keys) != len(set(keys)):
        raise ValueError(f"template {key}: section keys repeat")
    return template
