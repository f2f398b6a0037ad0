"""The periods a measure's rhythm defines: keys, dates, names, and which one is due."""

from __future__ import annotations

from datetime import date

import pytest

from planner.results.periods import (
    RHYTHMS,
    PeriodError,
    latest_ended,
    parse_period,
    period_choices,
    period_containing,
    periods_between,
    previous_period,
)


@pytest.mark.parametrize(
    ("rhythm", "key", "start", "end", "label"),
    [
        ("monthly", "2026-03", date(2026, 3, 1), date(2026, 3, 31), "mars 2026"),
        ("monthly", "2024-02", date(2024, 2, 1), date(2024, 2, 29), "februari 2024"),
        ("tertial", "2026-T2", date(2026, 5, 1), date(2026, 8, 31), "tertial 2 2026"),
        ("quarterly", "2026-Q1", date(2026, 1, 1), date(2026, 3, 31), "kvartal 1 2026"),
        ("quarterly", "2026-q4", date(2026, 10, 1), date(2026, 12, 31), "kvartal 4 2026"),
        ("half_yearly", "2026-H2", date(2026, 7, 1), date(2026, 12, 31), "halvår 2 2026"),
        ("yearly", "2025", date(2025, 1, 1), date(2025, 12, 31), "2025"),
        ("biennial_even", "2026", date(2026, 1, 1), date(2026, 12, 31), "2026"),
        ("biennial_odd", "2025", date(2025, 1, 1), date(2025, 12, 31), "2025"),
        ("dated", "2026-03-15", date(2026, 3, 15), date(2026, 3, 15), "15 mars 2026"),
    ],
)
def test_a_key_names_one_period_with_its_dates_and_swedish_name(
    app, rhythm, key, start, end, label
):
    period = parse_period(rhythm, key)
    assert (period.start, period.end, period.label) == (start, end, label)
    assert period.key == key.upper()
    assert parse_period(rhythm, period.key) == period  # the stored key reads back the same


@pytest.mark.parametrize(
    ("rhythm", "key"),
    [
        ("quarterly", "2026-03"),  # no value for March on a quarterly measure
        ("quarterly", "2026-Q5"),
        ("quarterly", "2026-T1"),
        ("monthly", "2026-Q1"),
        ("monthly", "2026-13"),
        ("monthly", "2026-3"),
        ("tertial", "2026-T4"),
        ("half_yearly", "2026-H3"),
        ("yearly", "2026-Q1"),
        ("biennial_even", "2025"),
        ("biennial_odd", "2026"),
        ("dated", "2026-02-30"),
        ("dated", "2026"),
        ("monthly", "1800-01"),
        ("monthly", ""),
        ("monthly", "mars"),
        ("unknown", "2026"),
    ],
)
def test_a_key_from_another_rhythm_is_refused_in_swedish(app, rhythm, key):
    with pytest.raises(PeriodError) as refused:
        parse_period(rhythm, key)
    assert str(refused.value)  # a message to show next to the field


def test_the_refusal_says_what_to_write(app):
    with pytest.raises(PeriodError, match="2026-Q1"):
        parse_period("quarterly", "2026-03")
    with pytest.raises(PeriodError, match="jämna år"):
        parse_period("biennial_even", "2025")


@pytest.mark.parametrize("rhythm", [r for r in RHYTHMS if r != "dated"])
def test_periods_tile_the_calendar_without_gaps_or_overlaps(app, rhythm):
    periods = periods_between(rhythm, date(2024, 1, 1), date(2027, 12, 31))
    assert periods == sorted(periods)
    for before, after in zip(periods, periods[1:], strict=False):
        assert previous_period(after) == before
        if rhythm.startswith("biennial"):
            assert after.start.year - before.start.year == 2
        else:
            assert (after.start - before.end).days == 1
    expected = {"monthly": 48, "tertial": 12, "quarterly": 16, "half_yearly": 8, "yearly": 4}
    assert len(periods) == expected.get(rhythm, 2)


def test_which_period_a_day_falls_in(app):
    assert period_containing("quarterly", date(2026, 5, 20)).key == "2026-Q2"
    assert period_containing("tertial", date(2026, 9, 1)).key == "2026-T3"
    assert period_containing("biennial_even", date(2025, 6, 1)) is None
    assert period_containing("dated", date(2025, 6, 1)) is None


def test_the_period_due_is_the_latest_that_has_ended(app):
    assert latest_ended("quarterly", date(2026, 4, 1)).key == "2026-Q1"
    assert latest_ended("quarterly", date(2026, 3, 31)).key == "2025-Q4"  # Q1 not over yet
    assert latest_ended("monthly", date(2026, 1, 15)).key == "2025-12"
    assert latest_ended("biennial_even", date(2027, 6, 1)).key == "2026"
    assert latest_ended("biennial_even", date(2026, 6, 1)).key == "2024"
    assert latest_ended("biennial_odd", date(2026, 6, 1)).key == "2025"
    assert latest_ended("dated", date(2026, 6, 1)) is None
    assert parse_period("quarterly", "2026-Q1").is_due(date(2026, 4, 1))
    assert not parse_period("quarterly", "2026-Q2").is_due(date(2026, 4, 1))


def test_a_form_offers_the_current_period_and_those_before_it(app):
    keys = [p.key for p in period_choices("quarterly", date(2026, 5, 2), back=4)]
    assert keys == ["2026-Q2", "2026-Q1", "2025-Q4", "2025-Q3", "2025-Q2"]
    keys = [p.key for p in period_choices("biennial_odd", date(2026, 5, 2), back=2)]
    assert keys == ["2025", "2023", "2021"]
    assert period_choices("dated", date(2026, 5, 2)) == []
