"""A value against its target (met, near, missed) in both directions, and its trends."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.results.state import judge, target_state, trend

D = Decimal


@pytest.mark.parametrize(
    ("value", "state"),
    [("95", "met"), ("90", "met"), ("89.9", "near"), ("80", "near"), ("79.9", "missed")],
)
def test_higher_is_better(value, state):
    assert target_state("higher", D(90), D(80), D(value)) == state


@pytest.mark.parametrize(
    ("value", "state"),
    [("5", "met"), ("10", "met"), ("10.1", "near"), ("14", "near"), ("14.1", "missed")],
)
def test_lower_is_better(value, state):
    assert target_state("lower", D(10), D(14), D(value)) == state


def test_without_a_warning_limit_there_is_no_near():
    assert target_state("higher", D(90), None, D("89.9")) == "missed"
    assert target_state("lower", D(10), None, D("10.1")) == "missed"
    assert target_state("lower", D(10), None, D(10)) == "met"


def test_a_measure_without_a_better_direction_or_a_target_is_not_judged():
    assert target_state("neither", D(10), None, D(3)) == "unjudged"
    assert target_state("higher", None, None, D(3)) == "unjudged"
    assert target_state("higher", D(90), D(80), None) is None


@pytest.mark.parametrize(
    ("direction", "before", "after", "expected"),
    [
        ("higher", "80", "85", "improved"),
        ("higher", "85", "80", "worsened"),
        ("lower", "12", "9", "improved"),
        ("lower", "9", "12", "worsened"),
        ("lower", "9", "9", "unchanged"),
        ("neither", "3", "5", "up"),
        ("neither", "5", "3", "down"),
    ],
)
def test_the_trend_follows_the_better_direction(direction, before, after, expected):
    assert trend(direction, D(before), D(after)) == expected


def test_judgement_since_previous_and_since_baseline(app):
    judged = judge("lower", D(10), D(14), D(12), D(13), D(9))
    assert (judged.state, judged.since_previous, judged.since_baseline) == (
        "near",
        "improved",
        "worsened",
    )
    assert (judged.change_previous, judged.change_baseline) == (D(-1), D(3))
    assert judged.state_label == "Nära målet"
    nothing = judge("higher", D(90), None, None, None, D(80))
    assert (nothing.state, nothing.since_previous, nothing.since_baseline) == (None, None, None)
    assert nothing.state_label == "Inget värde"
