"""Progress and traffic lights per area, and the lists that need action."""

from __future__ import annotations

import pytest

from planner.clock import local_today
from planner.plans.lights import GREEN, RED, YELLOW, traffic_light
from planner.plans.overview import build_overview
from tests.factories import days, make_activity, make_plan


@pytest.mark.parametrize(
    ("active", "overdue", "unowned", "light"),
    [
        (0, 0, 0, None),
        (4, 0, 0, GREEN),
        (4, 0, 1, YELLOW),
        (5, 1, 0, YELLOW),  # 20 % overdue
        (4, 1, 0, RED),  # 25 % overdue
        (3, 3, 0, RED),
    ],
)
def test_traffic_light_rule(active, overdue, unowned, light):
    assert traffic_light(active, overdue, unowned) == light


def summary(overview, code):
    return next(s for s in overview.areas if s.area.code == code)


def test_area_progress_is_the_mean_without_cancelled(app):
    plan = make_plan()
    make_activity(plan, area="F3", status="pagar", percent=20)
    make_activity(plan, area="F3", status="klar")
    make_activity(plan, area="F3", status="avbruten", percent=90)
    overview = build_overview(plan, local_today())
    f3 = summary(overview, "F3")
    assert f3.tally.progress == 60  # (20 + 100) / 2, the cancelled one left out
    counts = (f3.tally.count("pagar"), f3.tally.count("klar"), f3.tally.count("avbruten"))
    assert counts == (1, 1, 1)
    assert f3.tally.light == GREEN
    assert summary(overview, "G1").tally.progress is None
    assert summary(overview, "G1").tally.light is None


def test_overdue_due_soon_and_unowned_lists(app):
    plan = make_plan()
    late = make_activity(plan, area="F1", start_date=days(-60), due_date=days(-1))
    done_late = make_activity(plan, area="F1", start_date=days(-60), due_date=days(-5))
    from planner.plans.services import record_progress

    record_progress(done_late, days(-6), "klar", 100)
    soon = make_activity(plan, area="F2", due_date=days(30))
    later = make_activity(plan, area="F2", due_date=days(31))
    nobody = make_activity(plan, area="F2", responsible_name="")
    overview = build_overview(plan, local_today())
    assert overview.overdue == [late]
    assert soon in overview.due_soon and later not in overview.due_soon
    assert overview.unowned == [nobody]
    assert summary(overview, "F1").tally.light == RED  # 1 of 2 overdue
    assert summary(overview, "F2").tally.light == YELLOW  # someone lacks a responsible person
