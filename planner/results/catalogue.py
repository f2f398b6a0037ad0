"""The catalogue of common Swedish patient-safety measures (catalogue.json): data, not code,
so a new measure or a changed suggested target needs no release of the program's logic."""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from planner.plans.template import AREA_CODES
from planner.results.models import DIRECTIONS, UNITS
from planner.results.periods import RHYTHMS

PATH = Path(__file__).with_name("catalogue.json")


@dataclass(frozen=True)
class CatalogueMeasure:
    key: str
    name: str
    definition: str
    numerator_text: str
    denominator_text: str
    unit: str
    direction: str
    target: Decimal | None
    warning: Decimal | None
    rhythm: str
    source: str
    area_code: str


def _number(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


@cache
def catalogue() -> tuple[CatalogueMeasure, ...]:
    """Every catalogue entry, in the file's order; a broken file fails loudly at first use."""
    entries = json.loads(PATH.read_text(encoding="utf-8"))["measures"]
    found = []
    for entry in entries:
        measure = CatalogueMeasure(
            **{**entry, "target": _number(entry["target"]), "warning": _number(entry["warning"])}
        )
        assert measure.unit in UNITS, measure.key
        assert measure.direction in DIRECTIONS, measure.key
        assert measure.rhythm in RHYTHMS, measure.key
        assert measure.area_code in AREA_CODES, measure.key
        found.append(measure)
    assert len({m.key for m in found}) == len(found), "catalogue keys must be unique"
    return tuple(found)


def entry(key: str) -> CatalogueMeasure | None:
    return next((m for m in catalogue() if m.key == key), None)
