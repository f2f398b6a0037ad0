"""The region's view: of an organisation's sub-organisations, the share meeting each indicator
beside the national level, and which have not answered yet. A fixed number of statements
whatever the number of sub-organisations (they are evaluated in Python).

A region of 290 municipalities has some 13,000 answers: evaluating them takes several times a
page's budget (bench/assessment.py), and the view is read far more often than answers change.
So each process keeps finished views by a data key: one statement of aggregates over the
sub-organisations and their assessments (saving an answer touches its assessment), which
changes whenever anything the view shows may have changed (and with the catalogue files).
As with the feed's kept bodies
(planner/feeds/cache.py), a kept view is only ever served for the same data; nothing is shared
between processes, so nothing needs invalidating."""

from __future__ import annotations

from dataclasses import dataclass

from flask import render_template
from flask_babel import get_locale
from markupsafe import Markup
from sqlalchemy import func, select

from planner.assessment.catalogue import (
    FOLLOW_UP_WHEN,
    Catalogue,
    Figure,
    Indicator,
    catalogue_for,
    national_level,
)
from planner.assessment.models import DECIDED, Answer, Assessment
from planner.assessment.outputs import catalogue_stamp
from planner.assessment.rules import MET, evaluate, state
from planner.documents.keys import digest, layout_version
from planner.extensions import db
from planner.feeds.cache import BodyCache
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


def _depends_on(catalogue: Catalogue, indicator: Indicator) -> tuple[str, ...]:
    """The questions an indicator's state depends on: those its rule names and their parents."""
    codes = (c for code in indicator.questions for c in (code, *catalogue.ancestors(code)))
    return tuple(dict.fromkeys(codes))


class IndicatorMemo:
    """Many organisations answer alike: each combination of the answers an indicator depends
    on is evaluated once."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.depends = [(i, _depends_on(catalogue, i)) for i in catalogue.indicators]
        self.known: dict[tuple, bool] = {}

    def met(self, answers: dict[str, str | None]) -> list[int]:
        """The numbers of the indicators ``answers`` meet."""
        met = []
        for indicator, codes in self.depends:
            key = (indicator.number, *(answers.get(code) for code in codes))
            if key not in self.known:
                value = evaluate(indicator.rule, self.catalogue, answers)
                self.known[key] = state(value) == MET
            if self.known[key]:
                met.append(indicator.number)
        return met


KEPT_VIEWS = 64  # finished views per process
_kept = BodyCache(size=lambda _view: 1)
_kept_html = BodyCache(size=lambda _body: 1)


def data_key(root: Organisation, year: int) -> str:
    """Changes whenever the view over ``root``'s sub-organisations for ``year`` may."""
    children = Organisation.parent_id == root.id
    in_view = select(Assessment).join(Organisation).where(children, Assessment.year == year)
    in_view = in_view.subquery()
    aggregates = [
        select(func.count(Organisation.id)).where(children),
        select(func.sum(Organisation.id)).where(children),
        select(func.max(Organisation.updated_at)).where(children),
        # Saving an answer touches its assessment (planner/assessment/services.py).
        *(
            select(aggregate(column))
            for aggregate, column in (
                (func.count, in_view.c.id),
                (func.sum, in_view.c.id),
                (func.sum, in_view.c.version),
                (func.max, in_view.c.created_at),
                (func.max, in_view.c.updated_at),
            )
        ),
    ]
    return digest((root.id, root.name, year, catalogue_stamp()), aggregates)


def region_view(root: Organisation, year: int) -> RegionView | None:
    """The view over ``root``'s direct sub-organisations for survey ``year`` (None: no
    catalogue). Only decided assessments count in the shares; the rest are listed."""
    catalogue = catalogue_for(year)
    if catalogue is None:
        return None
    return _kept.get_or_build(
        data_key(root, year), KEPT_VIEWS, lambda: _build(root, year, catalogue)
    )


def region_content(root: Organisation, year: int) -> Markup | None:
    """The view rendered below the page's header (None: no catalogue for ``year``), kept per
    data state, language and template: it is the same for every viewer (its links lead to
    pages that check their own rights), so a repeated visit renders only the page around it."""
    catalogue = catalogue_for(year)
    if catalogue is None:
        return None
    key = data_key(root, year)
    head = (key, str(get_locale()), layout_version("assessment/_region_content.html"))

    def build() -> str:
        view = _kept.get_or_build(key, KEPT_VIEWS, lambda: _build(root, year, catalogue))
        return render_template("assessment/_region_content.html", view=view, year=year)

    body = _kept_html.get_or_build(head, KEPT_VIEWS, build)
    return Markup(body)  # noqa: S704 - our own template, escaped as it was rendered


def _build(root: Organisation, year: int, catalogue: Catalogue) -> RegionView:
    children = db.session.execute(
        select(Organisation.id, Organisation.name)
        .where(Organisation.parent_id == root.id)
        .order_by(Organisation.name)
    ).all()
    below = select(Organisation.id).where(Organisation.parent_id == root.id)
    # Plain rows, not ORM objects: 290 assessments have some 10,000 answers.
    found = {
        row.organisation_id: row
        for row in db.session.execute(
            select(Assessment.id, Assessment.organisation_id, Assessment.status).where(
                Assessment.organisation_id.in_(below), Assessment.year == year
            )
        )
    }
    answers: dict[int, dict[str, str | None]] = {}
    for assessment_id, code, value in db.session.execute(
        select(Answer.assessment_id, Answer.question_code, Answer.value)
        .join(Assessment, Assessment.id == Answer.assessment_id)
        .where(
            Assessment.organisation_id.in_(below),
            Assessment.year == year,
            Assessment.status == DECIDED,
            Answer.question_code.in_(catalogue.rule_questions),
            # Only these can make a rule met (or ask a follow-up); without the others a rule
            # that was not met reads "not known", which counts the same here: not met.
            Answer.value.in_(FOLLOW_UP_WHEN),
        )
    ):
        answers.setdefault(assessment_id, {})[code] = value
    decided, in_progress, not_started = [], [], []
    memo = IndicatorMemo(catalogue)
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
        elif assessment.status != DECIDED:
            in_progress.append(row)
        else:
            decided.append(row)
            given = answers.get(assessment.id, {})
            for number in memo.met(given):
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
