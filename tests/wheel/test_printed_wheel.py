"""The printed wheel stays bounded: a year with hundreds of activity dates is summarised in
the PDF's list and its markers merged, and it still says so and shows every event."""

from __future__ import annotations

import io
from datetime import date, timedelta

from pypdf import PdfReader

from planner.plans.models import Activity
from planner.wheel import services
from planner.wheel.printing import (
    LIST_LIMIT,
    MARKER_LIMIT,
    MONTH_LIMIT,
    printed_list,
    printed_wheel,
)
from planner.wheel.year import build_year
from tests.factories import commit, make_activity, make_org, make_plan

JANUARY_FIRST = date(2026, 1, 1)


def activities(count: int) -> list[Activity]:
    """Unsaved activities, each with an end date and a follow-up date in 2026."""
    return [
        Activity(
            id=n,
            title=f"Aktivitet {n}",
            status="pagar",
            due_date=JANUARY_FIRST + timedelta(days=(n * 7) % 360),
            follow_up_date=JANUARY_FIRST + timedelta(days=(n * 11) % 360),
        )
        for n in range(count)
    ]


def test_six_hundred_activities_print_as_counts_per_month_and_merged_markers():
    wheel = build_year([], activities(600), 2026, date(2026, 6, 1))
    assert wheel.count == 1200
    printed = printed_list(printed_wheel(wheel))
    assert printed.summarised
    assert printed.lines <= 12 * (MONTH_LIMIT + 2)
    per_month = {name: [line.text for line in lines] for name, lines in printed.months}
    assert per_month["januari"] == [
        f"Aktiviteter: {len(dict(wheel.months)['januari'])} datum (slutdatum eller uppföljning)"
    ]
    assert sum(len(r.markers) for r in printed_wheel(wheel).rings) <= 366
    assert printed.markers <= MARKER_LIMIT


def test_weekly_markers_once_days_are_too_many():
    many = [*activities(600)] * 3  # the same days three times over: merged per day
    wheel = build_year([], many, 2026, date(2026, 6, 1))
    merged = printed_wheel(wheel)
    assert sum(len(r.markers) for r in merged.rings) <= MARKER_LIMIT


def test_a_short_year_is_listed_date_by_date():
    wheel = build_year([], activities(20), 2026, date(2026, 6, 1))
    printed = printed_list(printed_wheel(wheel))
    assert not printed.summarised
    assert printed.lines == wheel.count == 40 <= LIST_LIMIT


def test_the_pdf_of_a_busy_year_says_its_list_is_summarised_and_lists_every_event(app, client):
    region = make_org("Region Öst")
    services.add_national_template(region, 2026)
    plan = make_plan(region)
    for n in range(LIST_LIMIT // 2 + 1):
        make_activity(
            plan,
            start_date=JANUARY_FIRST,
            due_date=JANUARY_FIRST + timedelta(days=n % 300),
            follow_up_date=JANUARY_FIRST + timedelta(days=(n * 7) % 300),
        )
    commit()
    response = client.get(f"/organisationer/{region.id}/arshjul.pdf?ar=2026&aktiviteter=1")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.data))
    # The picture (page 1) names what it can beside the wheel; the list follows it.
    text = " ".join(" ".join(page.extract_text() for page in reader.pages[1:]).split())
    assert "aktiviteternas datum räknas per månad" in text
    assert "Aktiviteter: " in text and " datum (slutdatum eller uppföljning)" in text
    assert "Världspatientsäkerhetsdagen" in text  # events are still listed one by one
    assert "Slutdatum: Aktivitet" not in text
