"""The assessment as documents: a tagged PDF (the report's safe renderer) and a spreadsheet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from sqlalchemy import func, literal, select

from planner.assessment.catalogue import catalogue_for, folders
from planner.assessment.models import Answer, Assessment, GapActivity
from planner.assessment.results import AssessmentResult
from planner.assessment.wording import CHANGES, figure_text, state_text
from planner.documents.keys import digest, layout_version, versioned
from planner.plans.models import Activity
from planner.transfer.export import workbook_bytes, write_sheet


@dataclass(frozen=True)
class AssessmentDocument:
    """What the PDF's shared head (reports/base.html) needs, and the result."""

    organisation: str
    data_date: date
    result: AssessmentResult


def sources(result: AssessmentResult) -> list[str]:
    """The sources of the national levels the result shows."""
    return sorted({i.national.source for i in result.indicators if i.national is not None})


def catalogue_stamp() -> str:
    """The catalogue files as they are now (an operator may replace one)."""
    return repr(
        [
            (path.name, path.stat().st_mtime_ns)
            for folder in folders()
            for path in sorted(folder.glob("*.json"))
        ]
    )


def assessment_aggregates(organisation_id: int, year: int) -> list:
    """Aggregates that change whenever the organisation's result for ``year`` may: its and the
    earlier assessments with their answers, the activities its gaps became, the catalogues."""
    assessments = select(Assessment.id).where(
        Assessment.organisation_id == organisation_id, Assessment.year <= year
    )
    links = select(GapActivity.activity_id).where(GapActivity.assessment_id.in_(assessments))
    return [
        *versioned(Assessment, Assessment.id.in_(assessments)),
        *versioned(Answer, Answer.assessment_id.in_(assessments)),
        select(func.count(GapActivity.id)).where(GapActivity.assessment_id.in_(assessments)),
        *versioned(Activity, Activity.id.in_(links)),
        select(literal(catalogue_stamp())),
    ]


def data_key(assessment: Assessment, today: date) -> str:
    """Changes whenever the assessment's PDF may."""
    layout = layout_version(
        "assessment/report.html",
        "assessment/_chapter.html",
        "reports/base.html",
        stylesheet="report.css",
    )
    head = (layout, assessment.id, assessment.organisation.name, today.isoformat())
    return digest(head, assessment_aggregates(assessment.organisation_id, assessment.year))


def result_xlsx(result: AssessmentResult, answers: dict[str, Answer]) -> bytes:
    """Two sheets: the indicators beside the national level, and every answer."""
    from planner.assessment.models import ANSWER_LABELS

    workbook = Workbook(write_only=True)
    indicators = workbook.create_sheet("Indikatorer")
    write_sheet(
        indicators,
        ["Nr", "Område", "Indikator", "Resultat", "Nationell nivå", "Förändring", "Aktiviteter"],
        [5, 8, 60, 14, 50, 30, 50],
        (
            [
                i.number,
                i.area,
                i.title,
                state_text(i.state),
                figure_text(i.national, result.year),
                str(CHANGES[i.change]) if i.change else "",
                "; ".join(f"{x.title} ({x.status_label})" for x in i.activities),
            ]
            for i in result.in_order()
        ),
    )
    catalogue = catalogue_for(result.year)
    sheet = workbook.create_sheet("Svar")
    write_sheet(
        sheet,
        ["Område", "Fråga", "Följdfråga till", "Svar", "Kommentar", "Länk till rutinen"],
        [8, 80, 20, 10, 50, 40],
        (
            [
                q.area,
                q.text,
                q.parent or "",
                str(ANSWER_LABELS[answers[q.code].value])
                if q.code in answers and answers[q.code].value
                else "",
                answers[q.code].comment if q.code in answers else "",
                answers[q.code].link if q.code in answers else "",
            ]
            for q in catalogue.questions
        ),
    )
    workbook.properties.title = f"Självskattning {result.year} – {result.organisation}"[:250]
    return workbook_bytes(workbook)
