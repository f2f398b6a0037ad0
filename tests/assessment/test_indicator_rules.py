"""Every development indicator's rule against hand-made answer sets: each combination that
matters (every condition met, each one missing in turn, each kind of "not yes", follow-ups not
asked, answers still missing) gives the state Socialstyrelsen's description implies."""

from __future__ import annotations

import itertools

import pytest

from planner.assessment.catalogue import catalogue_for
from planner.assessment.rules import (
    DONT_KNOW,
    MET,
    NO,
    NOT_MET,
    PARTLY,
    UNANSWERED,
    YES,
    evaluate,
    is_asked,
    state,
)

# What each 2025 indicator needs answered "yes" (Socialstyrelsen's wording, April 2026).
NEEDS = {
    1: ["f1_identify", "f1_identify_ms"],
    2: ["g1_responsibility", "g1_responsibility_levels", "g1_responsibility_ms"],
    3: ["f3_adapt", "f3_daily_risk", "f3_reflection"],
    4: ["g3_intro_managers", "g3_intro_managers_documented", "g3_intro_managers_ms"],
    5: ["g3_continuing_managers", "g3_continuing_managers_documented", "g3_continuing_managers_ms"],
    6: ["g3_intro_licensed", "g3_intro_licensed_documented", "g3_intro_licensed_ms"],
    7: [
        "g3_continuing_licensed",
        "g3_continuing_licensed_documented",
        "g3_continuing_licensed_ms",
    ],
    8: ["f4_forum_risks", "f4_forum_follow_up"],
    9: [
        "f5_risk_analysis",
        "f5_risk_analysis_ms",
        "f5_risk_measures",
        "f5_risk_measures_ms",
        "f5_risk_evaluation",
        "f5_risk_evaluation_ms",
    ],
}


@pytest.fixture
def catalogue(app):
    return catalogue_for(2025)


def result(catalogue, number: int, answers: dict) -> str:
    return state(evaluate(catalogue.indicator(number).rule, catalogue, answers))


def test_the_catalogue_has_the_nine_indicators_with_their_national_levels(catalogue):
    levels = {i.number: (i.area, i.national.percent, i.national.n) for i in catalogue.indicators}
    assert levels == {
        1: ("F1", 73.6, 254),
        2: ("F2", 76.9, 255),
        3: ("F3", 34.2, 234),
        4: ("F3", 22.5, 244),
        5: ("F3", 9.7, 237),
        6: ("F3", 36.9, 252),
        7: ("F3", 21.6, 252),
        8: ("F4", 83.9, 255),
        9: ("F5", 48.6, 247),
    }
    assert {n: list(catalogue.indicator(n).questions) for n in NEEDS} == NEEDS
    assert all(i.national.source.startswith("Socialstyrelsen") for i in catalogue.indicators)


@pytest.mark.parametrize("number", sorted(NEEDS))
def test_met_only_when_every_condition_is_yes(catalogue, number):
    codes = NEEDS[number]
    everything = dict.fromkeys(codes, YES)
    assert result(catalogue, number, everything) == MET
    # Each condition in turn answered with each kind of "not yes": not met. A main question
    # answered "partly" still asks its follow-ups (answered yes here): still not met.
    for code, other in itertools.product(codes, (NO, PARTLY, DONT_KNOW)):
        assert result(catalogue, number, {**everything, code: other}) == NOT_MET, (code, other)
    # Each condition in turn not answered yet: not known, unless something else decides.
    for code in codes:
        answers = {c: v for c, v in everything.items() if c != code}
        assert result(catalogue, number, answers) == UNANSWERED, code
    assert result(catalogue, number, {}) == UNANSWERED


@pytest.mark.parametrize("number", sorted(NEEDS))
def test_one_no_decides_even_with_the_rest_unanswered(catalogue, number):
    first = NEEDS[number][0]
    assert result(catalogue, number, {first: NO}) == NOT_MET


def test_a_follow_up_that_is_not_asked_is_not_met_whatever_was_stored(catalogue):
    # The routine is not documented, so "part of the management system" is not asked: an
    # answer stored before the main answer changed no longer counts.
    answers = {"f1_identify": NO, "f1_identify_ms": YES}
    assert is_asked(catalogue, answers, "f1_identify_ms") is False
    assert result(catalogue, 1, answers) == NOT_MET
    # "partly" asks the follow-up; "don't know" does not.
    assert is_asked(catalogue, {"f1_identify": PARTLY}, "f1_identify_ms") is True
    assert is_asked(catalogue, {"f1_identify": DONT_KNOW}, "f1_identify_ms") is False
    assert is_asked(catalogue, {}, "f1_identify_ms") is None


def test_a_follow_up_of_a_follow_up_needs_both_levels_above_it(catalogue):
    ms = "g3_intro_managers_ms"
    assert is_asked(catalogue, {"g3_intro_managers": YES}, ms) is None
    answers = {"g3_intro_managers": YES, "g3_intro_managers_documented": NO}
    assert is_asked(catalogue, answers, ms) is False
    assert (
        is_asked(catalogue, {"g3_intro_managers": NO, "g3_intro_managers_documented": YES}, ms)
        is False
    )
    answers = {"g3_intro_managers": YES, "g3_intro_managers_documented": YES}
    assert is_asked(catalogue, answers, ms) is True


def test_indicator_three_needs_all_three_routines_at_once(catalogue):
    routines = NEEDS[3]
    for values in itertools.product((YES, NO), repeat=3):
        answers = dict(zip(routines, values, strict=True))
        expected = MET if all(v == YES for v in values) else NOT_MET
        assert result(catalogue, 3, answers) == expected, answers


def test_any_rules_combine_the_other_way(catalogue):
    rule = {"any": ["f3_adapt", {"all": ["f3_daily_risk", "f3_reflection"]}]}
    cases = [
        ({"f3_adapt": YES}, True),
        ({"f3_adapt": NO, "f3_daily_risk": YES, "f3_reflection": YES}, True),
        ({"f3_adapt": NO, "f3_daily_risk": YES, "f3_reflection": NO}, False),
        ({"f3_adapt": NO, "f3_daily_risk": YES}, None),
        ({"f3_adapt": NO, "f3_daily_risk": NO}, False),
        ({}, None),
    ]
    for answers, expected in cases:
        assert evaluate(rule, catalogue, answers) is expected, answers
