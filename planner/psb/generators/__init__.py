"""Generators: each makes one kind of generated content for a PSB section from the plan's
data for the report's year. The template names them (``"generators": ["activities_done"]``);
a module registers each by that name. They return plain document blocks, never ORM rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from planner.orgs.models import Organisation
from planner.plans.models import Plan
from planner.psb.document import Block, Paragraph, Run, Section
from planner.psb.models import ReportFigures


@dataclass
class Context:
    """What every generator may read: the organisation, the year and the plans covering it."""

    organisation: Organisation
    year: int
    plans: list[Plan]
    figures: ReportFigures | None
    section_key: str
    section_level: int
    # Shared between generators of one run (e.g. the year's activities, loaded once).
    cache: dict[str, Any] = field(default_factory=dict)

    def once(self, name: str, load: Callable[[], Any]) -> Any:
        if name not in self.cache:
            self.cache[name] = load()
        return self.cache[name]


@dataclass
class Generated:
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)

    def extend(self, other: Generated) -> None:
        self.blocks.extend(other.blocks)
        self.subsections.extend(other.subsections)


Generator = Callable[..., Generated]
REGISTRY: dict[str, Generator] = {}


def generator(name: str) -> Callable[[Generator], Generator]:
    """Register a generator under the name templates call it by."""

    def register(function: Generator) -> Generator:
        REGISTRY[name] = function
        return function

    return register


def say(text: str) -> Paragraph:
    return Paragraph([Run(text)])


def load_all() -> dict[str, Generator]:
    """Every generator, registered by importing its module."""
    from planner.psb.generators import (  # noqa: F401
        activities,
        assessment,
        figures,
        goals,
        measures,
        roles,
        summary,
        wheel_events,
    )

    return REGISTRY
