"""Changes to assessments: start one, answer, decide, reopen, turn a gap into an activity.
Services flush, never commit."""

from __future__ import annotations

from dataclasses import replace

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from planner.assessment.catalogue import catalogue_for
from planner.assessment.models import (
    DECIDED,
    DRAFT,
    INDICATOR,
    QUESTION,
    Answer,
    Assessment,
    GapActivity,
)
from planner.assessment.rules import ANSWER_VALUES
from planner.extensions import db
from planner.models import utcnow
from planner.orgs.models import Organisation
from planner.plans import services as plans
from planner.plans.models import Activity, Plan
from planner.rules import RuleError


class AssessmentRuleError(RuleError):
    """A change the assessment's rules refuse."""


class AssessmentDecided(AssessmentRuleError):
    """The assessment is decided: read-only until reopened."""

    def __init__(self) -> None:
        super().__init__(
            _l("Självskattningen är beslutad och kan inte ändras. Öppna den igen för att ändra.")
        )


def start_assessment(organisation: Organisation, year: int, from_previous: bool) -> Assessment:
    """A new assessment of ``organisation`` for survey ``year``; with ``from_previous`` the
    answers, comments and links of its newest earlier assessment are copied for the questions
    this year's survey still asks."""
    catalogue = catalogue_for(year)
    if catalogue is None:
        raise AssessmentRuleError(_l("Det finns ingen enkät för det året."), "year")
    exists = db.session.scalar(
        select(Assessment.id).where(
            Assessment.organisation_id == organisation.id, Assessment.year == year
        )
    )
    if exists is not None:
        raise AssessmentRuleError(
            _l("Organisationen har redan en självskattning det året."), "year"
        )
    assessment = Assessment(organisation=organisation, year=year, status=DRAFT)
    db.session.add(assessment)
    if from_previous:
        previous = db.session.scalars(
            select(Assessment)
            .where(Assessment.organisation_id == organisation.id, Assessment.year < year)
            .order_by(Assessment.year.desc())
            .limit(1)
        ).first()
        codes = {q.code for q in catalogue.questions}
        for answer in previous.answers if previous else ():
            if answer.question_code in codes:
                assessment.answers.append(
                    Answer(
                        question_code=answer.question_code,
                        value=answer.value,
                        comment=answer.comment,
                        link=answer.link,
                        answered_by_name=answer.answered_by_name,
                    )
                )
    db.session.flush()
    return assessment


def _editable(assessment: Assessment) -> None:
    if assessment.is_decided:
        raise AssessmentDecided()


def save_answer(
    assessment: Assessment,
    code: str,
    value: str | None,
    comment: str = "",
    link: str = "",
    author_name: str = "",
) -> Answer:
    """Record the answer to question ``code`` (a new one or a change of the saved one)."""
    _editable(assessment)
    catalogue = catalogue_for(assessment.year)
    if catalogue is None or catalogue.question(code) is None:
        raise AssessmentRuleError(_l("Frågan finns inte i årets enkät."))
    if value is not None and value not in ANSWER_VALUES:
        raise AssessmentRuleError(_l("Välj ett av svaren."), "value")
    answer = next((a for a in assessment.answers if a.question_code == code), None)
    if answer is None:
        answer = Answer(question_code=code)
        assessment.answers.append(answer)
    answer.value, answer.comment, answer.link = value, comment, link
    answer.answered_by_name = author_name
    db.session.flush()
    _touch(assessment)
    return answer


def _touch(assessment: Assessment) -> None:
    """Mark the assessment changed when one of its answers is (what views kept by their data
    read, see planner/assessment/region.py), without raising its version: editors answering
    different questions at once never conflict over the assessment itself."""
    table = Assessment.__table__
    db.session.execute(
        table.update().where(table.c.id == assessment.id).values(updated_at=utcnow())
    )


def decide(assessment: Assessment, user) -> Assessment:
    """Mark the assessment decided by ``user`` now; it is read-only until reopened."""
    _editable(assessment)
    assessment.status = DECIDED
    assessment.decided_at = utcnow()
    assessment.decided_by_id = user.id
    assessment.decided_by_name = user.name
    db.session.flush()
    return assessment


def reopen(assessment: Assessment) -> Assessment:
    """Make a decided assessment editable again (the decision stays in the history)."""
    if not assessment.is_decided:
        raise AssessmentRuleError(_l("Självskattningen är inte beslutad."))
    assessment.status = DRAFT
    assessment.decided_at = None
    assessment.decided_by_id = None
    assessment.decided_by_name = ""
    db.session.flush()
    return assessment


def gap_area(assessment: Assessment, kind: str, code: str) -> str:
    """The plan area an activity for this gap belongs in: the indicator's or question's."""
    catalogue = catalogue_for(assessment.year)
    target = None
    if catalogue is not None and kind == INDICATOR and code.isdigit():
        target = catalogue.indicator(int(code))
    elif catalogue is not None and kind == QUESTION:
        target = catalogue.question(code)
    if target is None:
        raise AssessmentRuleError(_l("Frågan eller indikatorn finns inte i årets enkät."))
    return target.area


def create_gap_activity(
    assessment: Assessment, plan: Plan, kind: str, code: str, data: plans.ActivityData
) -> Activity:
    """An activity in ``plan`` (the assessed organisation's) in the gap's area, linked back to
    the question or indicator it addresses."""
    if plan.organisation_id != assessment.organisation_id:
        raise AssessmentRuleError(_l("Välj en av organisationens planer."), "plan_id")
    area_code = gap_area(assessment, kind, code)
    area = next(a for a in plan.areas if a.code == area_code)
    activity = plans.create_activity(plan, replace(data, area_id=area.id, goal_id=None))
    db.session.add(GapActivity(assessment=assessment, activity=activity, kind=kind, code=code))
    db.session.flush()
    return activity
