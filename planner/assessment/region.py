"""The region's view: of an organisation's sub-organisations, the share meeting each indicator
beside the national level, and which have not answered yet. A fixed number of statements
whatever the number of sub-organisations (they are evaluated in Python)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from planner.assessment.catalogue import Figure, catalogue_for, national_level
from planner.assessment.models import Assessment
from planner.assessment.results import indicator_states
from planner.assessment.rules import MET
from planner.extensions import db
from planner.orgs.models import Organisation


@dataclass(frozen=True)
class IndicatorShare:
    number: int
    area: str
    title: str
    met: int
    of: int  # decided assessments counted
    national: Figure | None
    met_by: tuple[str, ...]

    @property
    def percent(self) -> float | None:
        return 100 * self.met / self.of if self.of else None


@dataclass(frozen=True)
class SubOrganisation:
    organisation_id: int
    name: str
    assessment_id: int | None
    status: str | None  # None: not started


@dataclass(frozen=True)
class RegionView:
    organisation: str
    year: int
    indicators: tuple[IndicatorShare, ...]
    decided: tuple[SubOrganisation, ...]
    in_progress: tuple[SubOrganisation, ...]
    not_started: tuple[SubOrganisation, ...]

    @property
    def total(self) -> int:
        return len(self.decided) + len(self.in_progress) + len(self.not_started)


def region_view(root: Organisation, year: int) -> RegionView | None:
    """The view over ``root``'s direct sub-organisations for survey ``year`` (None: no
    catalogue). Only decided assessments count in the shares; the rest are listed."""
    catalogue = catalogue_for(year)
    if catalogue is None:
        return None
    children = list(
        db.session.scalars(
            select(Organisation)
            .where(Organisation.parent_id == root.id)
            .order_by(Organisation.name)
        )
    )
    found = {
        a.organisation_id: a
        for a in db.session.scalars(
            select(Assessment)
            .where(
                Assessment.organisation_id.in_([c.id for c in children]), Assessment.year == year
            )
            .options(selectinload(Assessment.answers))
        )
    }
    decided, in_progress, not_started = [], [], []
    met_by: dict[int, list[str]] = {i.number: [] for i in catalogue.indicators}
    for child in children:
        assessment = found.get(child.id)
        row = SubOrganisation(
            child.id,
            child.name,
            assessment.id if assessment else None,
            assessment.status if assessment else None,
        )
        if assessment is None:
            not_started.append(row)
        elif not assessment.is_decided:
            in_progress.append(row)
        else:
            decided.append(row)
            for number, state in indicator_states(catalogue, assessment.answer_values()).items():
                if state == MET:
                    met_by[number].append(child.name)
    shares = tuple(
        IndicatorShare(
            i.number,
            i.area,
            i.title,
            len(met_by[i.number]),
            len(decided),
            national_level(catalogue, i),
            tuple(met_by[i.number]),
        )
        for i in catalogue.indicators
    )
    return RegionView(
        root.name, year, shares, tuple(decided), tuple(in_progress), tuple(not_started)
    )
