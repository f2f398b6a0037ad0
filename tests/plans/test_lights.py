"""One traffic light and one meaning of "without a responsible person", the same on the
overview, in the activity list, in the yearly report and in the regional roll-up."""

from __future__ import annotations

from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from planner.clock import local_today
from planner.extensions import db
from planner.plans.lights import GREEN, RED, YELLOW, traffic_light
from planner.plans.models import CANCELLED, Activity
from planner.plans.overview import build_overview
from planner.reports.data import gather
from planner.reports.rollup import gather_rollup
from tests.factories import commit, days, make_activity, make_plan
from tests.html import page


def lights_everywhere(client, plan) -> dict[str, set]:
    """The F1 area's light as the overview page, the report and the roll-up show it."""
    today = local_today()
    overview = next(s for s in build_overview(plan, today).areas if s.area.code == "F1")
    report = next(a for a in gather(plan, today.year, today).areas if a.code == "F1")
    rollup = gather_rollup(plan.organisation, today.year, today).rows[0]
    cell = next(c for c in rollup.areas if c.code == "F1")
    html = page(client.get(f"/planer/{plan.id}"))
    row = next(
        r for r in html.select("table.areas tbody tr") if r.th.get_text(strip=True)[:2] == "F1"
    )
    return {
        "overview": overview.tally.light,
        "page": row.select_one(".light")["class"][-1].removeprefix("light-"),
        "report": report.light,
        "rollup": cell.light,
    }


def listed_unowned(client, plan) -> tuple[str, list[str]]:
    html = page(client.get(f"/planer/{plan.id}"))
    heading = html.find(id="utan-ansvarig").get_text(" ", strip=True)
    listed = page(client.get(f"/planer/{plan.id}/aktiviteter?utan_ansvarig=y"))
    return heading, [
        a.get_text(strip=True) for a in listed.select("table.data tbody td:first-child a")
    ]


def test_a_finished_activity_without_owner_is_neither_yellow_nor_listed(app, client):
    plan = make_plan()
    make_activity(plan, area="F1", title="Klar utan ansvarig", responsible_name="", status="klar")
    make_activity(plan, area="F1", title="Avbruten", responsible_name="", status="avbruten")
    make_activity(plan, area="F1", title="Med ansvarig", status="pagar", percent=50)
    commit()
    assert set(lights_everywhere(client, plan).values()) == {GREEN}
    heading, listed = listed_unowned(client, plan)
    assert heading.endswith("(0)") and listed == []

    make_activity(plan, area="F1", title="Ingen ansvarig än", responsible_name="")
    commit()
    assert set(lights_everywhere(client, plan).values()) == {YELLOW}
    heading, listed = listed_unowned(client, plan)
    assert heading.endswith("(1)") and listed == ["Ingen ansvarig än"]


def test_the_overview_explains_what_counts_as_without_owner(app, client):
    plan = make_plan()
    commit()
    rule = page(client.get(f"/planer/{plan.id}")).select_one("details.rule").get_text(" ")
    assert "Klara och avbrutna aktiviteter räknas aldrig som utan ansvarig" in " ".join(
        rule.split()
    )


STATUSES = st.sampled_from(["ej_paborjad", "pagar", "klar", "avbruten"])
ACTIVITIES = st.lists(
    st.tuples(
        st.sampled_from(["G1", "F1", "F2"]),
        STATUSES,
        st.integers(0, 100),
        st.one_of(st.none(), st.integers(-40, 40)),  # due date relative to today
        st.sampled_from(["", "Anna"]),
    ),
    max_size=14,
)


def _light_by_hand(activities: list[Activity], today) -> str | None:
    """The rule as the overview page words it, applied to loaded rows one by one."""
    counted = [a for a in activities if a.status != CANCELLED]
    late = [a for a in counted if a.due_date and a.due_date < today and a.status != "klar"]
    nobody = [a for a in counted if not a.responsible_name and a.status != "klar"]
    return traffic_light(len(counted), len(late), len(nobody))


@settings(phases=[Phase.explicit, Phase.generate])  # examples: the profile's (conftest)
@given(rows=ACTIVITIES)
def test_sql_sums_agree_with_the_rule_applied_row_by_row(app, rows):
    plan = make_plan()  # a new organisation each time: its roll-up shows this plan only
    today = local_today()
    for area, status, percent, due, name in rows:
        make_activity(
            plan,
            area=area,
            status=status,
            percent=percent,
            start_date=days(-60),
            due_date=None if due is None else days(due),
            follow_up_date=days(10) if due is None else None,  # one of the two is required
            responsible_name=name,
        )
    commit()
    loaded = db.session.scalars(select(Activity).where(Activity.plan_id == plan.id)).all()
    for area in plan.areas:
        mine = [a for a in loaded if a.area_id == area.id]
        lights = lights_everywhere_for(plan, area.code, today)
        assert lights == {_light_by_hand(mine, today)}, (area.code, rows)

    # The Python side of each rule agrees with its SQL side, row by row.
    def chosen_by_sql(rule) -> set[int]:
        return set(db.session.scalars(select(Activity.id).where(Activity.plan_id == plan.id, rule)))

    assert chosen_by_sql(Activity.is_unowned) == {a.id for a in loaded if a.is_unowned}
    late = {a.id for a in loaded if a.is_overdue(today)}
    assert chosen_by_sql(Activity.is_overdue(today)) == late


def lights_everywhere_for(plan, code: str, today) -> set:
    overview = next(s for s in build_overview(plan, today).areas if s.area.code == code)
    report = next(a for a in gather(plan, today.year, today).areas if a.code == code)
    rollup = gather_rollup(plan.organisation, today.year, today).rows[0]
    cell = next(c for c in rollup.areas if c.code == code)
    return {overview.tally.light, report.light, cell.light}


def test_red_when_a_quarter_is_late_everywhere(app, client):
    plan = make_plan()
    make_activity(plan, area="F1", due_date=days(-3), start_date=days(-30))
    for _ in range(3):
        make_activity(plan, area="F1")
    commit()
    assert set(lights_everywhere(client, plan).values()) == {RED}
