"""Recurrence rules of the Swedish annual wheel, checked on known dates."""

from __future__ import annotations

from datetime import date

from planner.wheel.recurrence import (
    LAST,
    MONTHLY_DAY,
    MONTHLY_WEEKDAY,
    ONCE,
    YEARLY_DATE,
    YEARLY_WEEKDAY,
    Recurrence,
)

YEARS = (date(2026, 1, 1), date(2028, 12, 31))


def test_third_thursday_of_november():
    stop_pressure_ulcers = Recurrence(YEARLY_WEEKDAY, date(2025, 1, 1), month=11, weekday=3, nth=3)
    assert stop_pressure_ulcers.occurrences(*YEARS) == [
        date(2026, 11, 19),
        date(2027, 11, 18),
        date(2028, 11, 16),
    ]
    assert stop_pressure_ulcers.rrule_parts() == {"FREQ": "YEARLY", "BYMONTH": 11, "BYDAY": "+3TH"}
    assert stop_pressure_ulcers.first() == date(2025, 11, 20)


def test_every_second_year_skips_odd_years():
    survey = Recurrence(YEARLY_DATE, date(2026, 10, 1), interval=2)
    assert survey.occurrences(*YEARS) == [date(2026, 10, 1), date(2028, 10, 1)]


def test_yearly_on_a_date_with_count_and_skipped():
    report = Recurrence(YEARLY_DATE, date(2026, 3, 1), count=3, skipped=(date(2027, 3, 1),))
    assert report.occurrences(*YEARS) == [date(2026, 3, 1), date(2028, 3, 1)]
    assert report.occurrences(date(2029, 1, 1), date(2030, 12, 31)) == []  # count used up


def test_monthly_on_day_and_last_weekday_until():
    apt = Recurrence(MONTHLY_DAY, date(2026, 1, 15), until=date(2026, 4, 30))
    assert apt.occurrences(*YEARS) == [date(2026, m, 15) for m in (1, 2, 3, 4)]
    last_friday = Recurrence(MONTHLY_WEEKDAY, date(2026, 1, 1), weekday=4, nth=LAST, count=2)
    assert last_friday.occurrences(*YEARS) == [date(2026, 1, 30), date(2026, 2, 27)]
    assert last_friday.rrule_parts()["BYDAY"] == "-1FR"


def test_once():
    forum = Recurrence(ONCE, date(2026, 10, 15))
    assert forum.occurrences(*YEARS) == [date(2026, 10, 15)]
    assert forum.occurrences(date(2027, 1, 1), date(2027, 12, 31)) == []
    assert forum.rrule_parts() is None
