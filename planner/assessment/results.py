"""An assessment's result: each development indicator met or not beside the national level,
the change since the previous year's assessment, the gaps furthest below the country, and the
activities gaps became. Plain frozen data (no live rows), for pages, the PDF, the yearly report,
the spreadsheet and the patient-safety report.

The stable entry point for other features is ``result_for(organisation, year)``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from planner.assessment.catalogue import Catalogue, Figure, catalogue_for, national_level
from planner.assessment.models import INDICATOR, QUESTION, Assessment, GapActivity
from planner.assessment.rules import MET, NOT_MET, UNANSWERED, evaluate, is_asked, state
from planner.extensions import db
from planner.orgs.models import Organisation
from planner.plans.models import Activity


@dataclass(frozen=True)
class LinkedActivity:
    """An activity made from a gap, as the assessment shows it."""

    activity_id: int
    title: str
    status: str
    status_label: str
    area: str


@dataclass(frozen=True)
class IndicatorResult:
    number: int
    area: str
    title: str
    description: str
    state: str  # MET, NOT_MET or UNANSWERED
    national: Figure | None
    previous_state: str | None  # the previous assessment's, None when there is none
    activities: tuple[LinkedActivity, ...] = ()

    @property
    def met(self) -> bool:
        return self.state == MET

    @property
    def shortfall(self) -> float | None:
        """How far below the national level: the share of the country that meets an indicator
        this organisation does not (points); None when met, unknown or without a level."""
        if self.state != NOT_MET or self.national is None:
            return None
        return self.national.share

    @property
    def change(self) -> str | None:
        """ "better", "worse", "same" against the previous assessment, or None."""
        if self.previous_state is None or UNANSWERED in (self.state, self.previous_state):
            return None
        if self.state == self.previous_state:
            return "same"
        return "better" if self.state == MET else "worse"


@dataclass(frozen=True)
class QuestionGap:
    """A question answered no, partly or don't know: something an activity could address."""

    code: str
    area: str
    text: str
    value: str
    activities: tuple[LinkedActivity, ...] = ()


@dataclass(frozen=True)
class AssessmentResult:
    assessment_id: int
    organisation_id: int
    organisation: str
    year: int
    status: str
    decided: bool
    decided_at: datetime | None
    decided_by: str
    catalogue_title: str
    published: bool
    indicators: tuple[IndicatorResult, ...]
    question_gaps: tuple[QuestionGap, ...]
    answered: int
    asked: int
    previous_year: int | None

    @property
    def gaps(self) -> tuple[IndicatorResult, ...]:
        """Unmet indicators, furthest below the national level first (without a level last)."""
        unmet = [i for i in self.indicators if i.state == NOT_MET]
        return tuple(sorted(unmet, key=lambda i: (-(i.shortfall or -1), i.number)))

    @property
    def top_gaps(self) -> tuple[IndicatorResult, ...]:
        return tuple(i for i in self.gaps if i.shortfall is not None)[:3]

    @property
    def met_count(self) -> int:
        return sum(1 for i in self.indicators if i.met)

    def in_order(self) -> tuple[IndicatorResult, ...]:
        """Gaps first (furthest below first), then the not yet known, then the met ones."""
        rest = [i for i in self.indicators if i.state != NOT_MET]
        rest.sort(key=lambda i: (i.state == MET, i.number))
        return (*self.gaps, *rest)

    def by_area(self) -> dict[str, list[IndicatorResult]]:
        """The indicators per focus area, gaps first within each."""
        grouped: dict[str, list[IndicatorResult]] = {}
        for indicator in self.in_order():
            grouped.setdefault(indicator.area, []).append(indicator)
        return dict(sorted(grouped.items()))


def _linked(links: Iterable[GapActivity]) -> dict[tuple[str, str], list[LinkedActivity]]:
    found: dict[tuple[str, str], list[LinkedActivity]] = {}
    for link in links:
        activity = link.activity
        found.setdefault((link.kind, link.code), []).append(
            LinkedActivity(
                activity.id,
                activity.title,
                activity.status,
                activity.status_label,
                activity.area.code,
            )
        )
    return found


def indicator_states(catalogue: Catalogue, answers: Mapping[str, str | None]) -> dict[int, str]:
    return {i.number: state(evaluate(i.rule, catalogue, answers)) for i in catalogue.indicators}


def build_result(assessment: Assessment, previous: Assessment | None = None) -> AssessmentResult:
    """The result of ``assessment`` (its answers and links loaded), compared with
    ``previous`` (an earlier year's assessment of the same organisation) when given."""
    catalogue = catalogue_for(assessment.year)
    if catalogue is None:
        raise LookupError(f"no survey catalogue for {assessment.year}")
    answers = assessment.answer_values()
    before: dict[int, str] = {}
    if previous is not None:
        earlier = catalogue_for(previous.year)
        if earlier is not None:
            before = indicator_states(earlier, previous.answer_values())
    links = _linked(assessment.gap_activities)
    indicators = tuple(
        IndicatorResult(
            number=i.number,
            area=i.area,
            title=i.title,
            description=i.description,
            state=state(evaluate(i.rule, catalogue, answers)),
            national=national_level(catalogue, i),
            previous_state=before.get(i.number),
            activities=tuple(links.get((INDICATOR, str(i.number)), ())),
        )
        for i in catalogue.indicators
    )
    asked = [q for q in catalogue.questions if is_asked(catalogue, answers, q.code)]
    gaps = tuple(
        QuestionGap(
            q.code, q.area, q.text, answers[q.code] or "", tuple(links.get((QUESTION, q.code), ()))
        )
        for q in asked
        if answers.get(q.code) not in (None, "yes")
    )
    return AssessmentResult(
        assessment_id=assessment.id,
        organisation_id=assessment.organisation_id,
        organisation=assessment.organisation.name,
        year=assessment.year,
        status=assessment.status,
        decided=assessment.is_decided,
        decided_at=assessment.decided_at,
        decided_by=assessment.decided_by_name,
        catalogue_title=catalogue.title,
        published=catalogue.published,
        indicators=indicators,
        question_gaps=gaps,
        answered=sum(1 for q in asked if answers.get(q.code)),
        asked=len(asked),
        previous_year=previous.year if previous is not None else None,
    )


def _loaded():
    return (
        selectinload(Assessment.answers),
        selectinload(Assessment.organisation),
        selectinload(Assessment.gap_activities)
        .selectinload(GapActivity.activity)
        .selectinload(Activity.area),
    )


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The same organisation's newest assessment of an earlier year."""
    return db.session.scalars(
        select(Assessment)
        .where(
            Assessment.organisation_id == assessment.organisation_id,
            Assessment.year < assessment.year,
        )
        .order_by(Assessment.year.desc())
        .options(selectinload(Assessment.answers))
        .limit(1)
    ).first()


def assessment_result(assessment: Assessment) -> AssessmentResult:
    return build_result(assessment, previous_assessment(assessment))


def find_assessment(organisation_id: int, year: int) -> Assessment | None:
    return db.session.scalars(
        select(Assessment)
        .where(Assessment.organisation_id == organisation_id, Assessment.year == year)
        .options(*_loaded())
    ).first()


def result_for(organisation: Organisation, year: int) -> AssessmentResult | None:
    """The organisation's assessment result for survey ``year``; None when it has not started
    one (or the year has no catalogue). Check the reader's right to the organisation first."""
    assessment = find_assessment(organisation.id, year)
    if assessment is None or catalogue_for(year) is None:
        return None
    return assessment_result(assessment)
