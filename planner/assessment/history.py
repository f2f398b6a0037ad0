"""An assessment's own history: the assessment, its answers and its links to activities."""

from __future__ import annotations

from sqlalchemy import and_, or_, select

from planner.assessment.models import Answer, Assessment, GapActivity
from planner.audit.history import HistoryLine, describe
from planner.audit.labels import Labels
from planner.audit.models import AuditEvent
from planner.extensions import db


def assessment_history(assessment: Assessment, limit: int) -> list[HistoryLine]:
    """The newest ``limit`` changes of the assessment and what belongs to it, newest first."""
    answers = select(Answer.id).where(Answer.assessment_id == assessment.id)
    links = select(GapActivity.id).where(GapActivity.assessment_id == assessment.id)
    events = db.session.scalars(
        select(AuditEvent)
        .where(
            AuditEvent.organisation_id == assessment.organisation_id,
            or_(
                and_(AuditEvent.entity_type == "Assessment", AuditEvent.entity_id == assessment.id),
                and_(AuditEvent.entity_type == "Answer", AuditEvent.entity_id.in_(answers)),
                and_(AuditEvent.entity_type == "GapActivity", AuditEvent.entity_id.in_(links)),
            ),
        )
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    labels = Labels()
    return [describe(event, labels) for event in events]
