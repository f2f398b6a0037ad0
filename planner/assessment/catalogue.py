"""The survey's questions and development indicators, one JSON file per survey year.

A year's catalogue is data: ``planner/assessment/catalogues/<year>.json`` (shipped), or the same
file name in the folder PLANNER_SURVEY_CATALOGUES names (installed by the operator, read first).
Next year's survey is a new file; no code changes. Each file is checked when read: every rule
names questions that exist, every follow-up's parent comes before it, every area is one of the
national plan's nine, every figure names its source."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from flask import current_app, has_app_context

from planner.plans.template import AREA_CODES

FORMAT = "planner-survey-catalogue"
SHIPPED = Path(__file__).with_name("catalogues")
# What a question asks about (shown beside it): the survey's two recurring follow-ups are
# "is the routine documented" and "is it part of the management system (ledningssystemet)".
ASKS = ("plan", "routine", "documented_routine", "management_system", "practice", "competence")
# A follow-up is asked when its parent was answered with one of these.
FOLLOW_UP_WHEN = ("yes", "partly")
_CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class CatalogueError(ValueError):
    """A catalogue file that cannot be used; the message says which file and why."""


@dataclass(frozen=True)
class Figure:
    """A published national figure: a share (percent) or a count of n, of a population
    ("kommuner", "regioner"), from a named source; ``year`` is the survey year it belongs to."""

    population: str
    source: str
    year: int
    percent: float | None = None
    count: int | None = None
    n: int | None = None

    @property
    def share(self) -> float | None:
        """The figure as a percentage (a count of n becomes count / n)."""
        if self.percent is not None:
            return self.percent
        if self.count is not None and self.n:
            return 100 * self.count / self.n
        return None


@dataclass(frozen=True)
class Question:
    code: str
    area: str
    asks: str
    text: str
    parent: str | None
    national: tuple[Figure, ...]
    position: int

    @property
    def is_follow_up(self) -> bool:
        return self.parent is not None


@dataclass(frozen=True)
class Indicator:
    number: int
    area: str
    title: str
    description: str
    rule: Any  # a question code, or {"all": [...]} / {"any": [...]} of rules
    national: Figure | None

    @property
    def questions(self) -> tuple[str, ...]:
        """Every question code the rule names, in order."""
        return tuple(_codes(self.rule))


@dataclass(frozen=True)
class Catalogue:
    year: int
    title: str
    published: bool
    note: str
    rule_note: str
    national_levels_from: int | None
    questions: tuple[Question, ...]
    indicators: tuple[Indicator, ...]

    @cached_property
    def _by_code(self) -> dict[str, Question]:
        return {q.code: q for q in self.questions}

    def question(self, code: str) -> Question | None:
        return self._by_code.get(code)

    @cached_property
    def rule_questions(self) -> frozenset[str]:
        """Every question an indicator's rule depends on: those it names and their parents."""
        return frozenset(
            c
            for indicator in self.indicators
            for code in indicator.questions
            for c in (code, *self.ancestors(code))
        )

    def indicator(self, number: int) -> Indicator | None:
        return next((i for i in self.indicators if i.number == number), None)

    def ancestors(self, code: str) -> list[str]:
        """The questions a follow-up hangs under, nearest first (none for a main question)."""
        chain: list[str] = []
        question = self.question(code)
        while question is not None and question.parent is not None:
            chain.append(question.parent)
            question = self.question(question.parent)
        return chain

    def follow_ups(self, code: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.parent == code)

    def by_area(self) -> dict[str, list[Question]]:
        """The questions per area, in the national plan's order of areas."""
        grouped: dict[str, list[Question]] = {code: [] for code in AREA_CODES}
        for question in self.questions:
            grouped[question.area].append(question)
        return {code: items for code, items in grouped.items() if items}


def _codes(rule: Any):
    if isinstance(rule, str):
        yield rule
    else:
        for part in next(iter(rule.values())):
            yield from _codes(part)


def folders() -> list[Path]:
    """Where catalogues are looked for: the operator's folder first, then the shipped one."""
    extra = current_app.config.get("SURVEY_CATALOGUES") if has_app_context() else None
    return [Path(extra), SHIPPED] if extra else [SHIPPED]


def available_years() -> list[int]:
    """The survey years that have a catalogue, oldest first."""
    years = {
        int(path.stem)
        for folder in folders()
        if folder.is_dir()
        for path in folder.glob("*.json")
        if path.stem.isdigit() and len(path.stem) == 4
    }
    return sorted(years)


def catalogue_for(year: int) -> Catalogue | None:
    """The catalogue of survey ``year``, or None when there is none."""
    for folder in folders():
        path = folder / f"{year}.json"
        if path.is_file():
            stat = path.stat()
            return _load(str(path), stat.st_mtime_ns, stat.st_size)
    return None


def latest_year_up_to(year: int) -> int | None:
    """The newest catalogue year not after ``year`` (a later year's survey may not exist yet)."""
    earlier = [y for y in available_years() if y <= year]
    return earlier[-1] if earlier else None


@cache
def _load(path: str, _mtime: int, _size: int) -> Catalogue:
    """Read and check one file (kept while the file is unchanged)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CatalogueError(f"{path}: not readable JSON ({error})") from None
    try:
        return _parse(data, path)
    except (KeyError, TypeError, ValueError) as error:
        if isinstance(error, CatalogueError):
            raise
        raise CatalogueError(f"{path}: {error!r}") from None


def _figure(raw: dict, sources: dict, year: int, path: str) -> Figure:
    source = raw["source"]
    if source not in sources:
        raise CatalogueError(f"{path}: figure names the unknown source {source!r}")
    percent = raw.get("percent")
    count = raw.get("count")
    if (percent is None) == (count is None):
        raise CatalogueError(f"{path}: a figure has either a percent or a count")
    return Figure(
        population=str(raw["population"]),
        source=sources[source],
        year=year,
        percent=None if percent is None else float(percent),
        count=count,
        n=raw.get("n"),
    )


def _check_rule(rule: Any, known: set[str], path: str) -> None:
    if isinstance(rule, str):
        if rule not in known:
            raise CatalogueError(f"{path}: a rule names the unknown question {rule!r}")
        return
    if not isinstance(rule, dict) or len(rule) != 1 or next(iter(rule)) not in ("all", "any"):
        raise CatalogueError(f"{path}: a rule is a question code or {{'all'|'any': [...]}}")
    parts = next(iter(rule.values()))
    if not isinstance(parts, list) or not parts:
        raise CatalogueError(f"{path}: 'all'/'any' needs a non-empty list")
    for part in parts:
        _check_rule(part, known, path)


def _parse(data: dict, path: str) -> Catalogue:
    if data.get("format") != FORMAT:
        raise CatalogueError(f"{path}: not a survey catalogue (format {FORMAT!r})")
    year = int(data["year"])
    if Path(path).stem != str(year):
        raise CatalogueError(f"{path}: the file's name must be its year ({year})")
    sources = dict(data.get("sources") or {})
    questions: list[Question] = []
    known: set[str] = set()
    for position, raw in enumerate(data["questions"]):
        code, parent = raw["code"], raw.get("parent")
        if not _CODE.match(code) or code in known:
            raise CatalogueError(f"{path}: question code {code!r} is invalid or repeated")
        if raw["area"] not in AREA_CODES or raw["asks"] not in ASKS:
            raise CatalogueError(f"{path}: question {code}: unknown area or kind")
        if parent is not None and parent not in known:
            raise CatalogueError(f"{path}: follow-up {code} before its parent {parent!r}")
        national = tuple(_figure(f, sources, year, path) for f in raw.get("national") or [])
        questions.append(
            Question(code, raw["area"], raw["asks"], str(raw["text"]), parent, national, position)
        )
        known.add(code)
    indicators: list[Indicator] = []
    for raw in data["indicators"]:
        _check_rule(raw["rule"], known, path)
        if raw["area"] not in AREA_CODES:
            raise CatalogueError(f"{path}: indicator {raw['number']}: unknown area")
        national = raw.get("national")
        indicators.append(
            Indicator(
                number=int(raw["number"]),
                area=raw["area"],
                title=str(raw["title"]),
                description=str(raw.get("description", "")),
                rule=raw["rule"],
                national=_figure(national, sources, year, path) if national else None,
            )
        )
    if len({i.number for i in indicators}) != len(indicators):
        raise CatalogueError(f"{path}: indicator numbers repeat")
    return Catalogue(
        year=year,
        title=str(data["title"]),
        published=bool(data.get("published", False)),
        note=str(data.get("note", "")),
        rule_note=str(data.get("rule_note", "")),
        national_levels_from=data.get("national_levels_from"),
        questions=tuple(questions),
        indicators=tuple(indicators),
    )


def national_level(catalogue: Catalogue, indicator: Indicator) -> Figure | None:
    """The indicator's national level: this year's, or, while this year's is not published,
    the year the catalogue names (``national_levels_from``), marked with that year."""
    if indicator.national is not None or catalogue.national_levels_from is None:
        return indicator.national
    earlier = catalogue_for(catalogue.national_levels_from)
    if earlier is None or earlier is catalogue:
        return None
    match = earlier.indicator(indicator.number)
    return match.national if match is not None else None
