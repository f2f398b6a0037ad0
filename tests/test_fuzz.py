"""Hostile and random input to every form: never a 500, and a refused form changes nothing
that was already saved."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from planner.extensions import db
from planner.plans import services
from tests.factories import (
    area_id,
    commit,
    days,
    make_activity,
    make_measure,
    make_org,
    make_plan,
    make_user,
    record,
)

HOSTILE_TEXT = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=300),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "a\x00b",
            "\x1b[31m",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "x" * 20_000,
            "Å" * 5_000,
            "\u202eevil",
            "=cmd|' /C calc'!A0",
        ]
    ),
)
DATES = st.one_of(
    st.sampled_from(
        [
            "2026-02-30",
            "9999-99-99",
            "0000-01-01",
            "1899-12-31",
            "2101-01-01",
            "-1",
            "2026-03-01T10:00",
            "20260301",
            "2026-3-1",
            "",
        ]
    ),
    st.dates().map(lambda d: d.isoformat()),
    HOSTILE_TEXT,
)
NUMBERS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", "1e309", "NaN", "0x10", "١٢", "50.5", " 7 "]),
    HOSTILE_TEXT,
)

PERIODS = st.one_of(
    st.sampled_from(["2026-Q1", "2026-Q5", "2026-03", "2026", "٢٠٢٦-Q1", "2026-q2", "0000-Q1"]),
    HOSTILE_TEXT,
)
MEASURE_FIELDS = {
    "name": HOSTILE_TEXT,
    "area_code": HOSTILE_TEXT,
    "goal_id": "ids",
    "unit": st.one_of(st.sampled_from(["percent", "count", "rate_1000"]), HOSTILE_TEXT),
    "direction": st.one_of(st.sampled_from(["higher", "lower", "neither"]), HOSTILE_TEXT),
    "rhythm": st.one_of(st.sampled_from(["quarterly", "dated", "biennial_odd"]), HOSTILE_TEXT),
    "target": NUMBERS,
    "warning": NUMBERS,
    "baseline_value": NUMBERS,
    "baseline_date": DATES,
    "source": HOSTILE_TEXT,
}


def ids(world_ids: list[int]):
    return st.one_of(st.sampled_from([str(i) for i in world_ids]), NUMBERS)


def snapshot() -> dict:
    """Every saved row of every table that holds what users entered."""
    skip = {"login_failure", "user_session"}  # counters and last-seen times, not user input
    with db.engine.connect() as conn:
        return {
            table.name: sorted(map(repr, conn.execute(select(table)).all()))
            for table in db.metadata.sorted_tables
            if table.name not in skip
        }


@pytest.fixture
def world(app, client):
    region = make_org("Fuzzregionen")
    kommun = make_org("Fuzzkommun", "kommun", None)
    foreign = make_org("Främmande region")
    plan = make_plan(region)
    other_plan = make_plan(foreign)
    goal = services.create_goal(plan, area_id(plan, "F1"), "Mål")
    activity = make_activity(
        plan, area="F1", goal_id=goal.id, organisation_ids=[region.id, kommun.id]
    )
    services.record_progress(activity, days(-2), "pagar", 20, "Början", "Test")
    other_activity = make_activity(other_plan)
    member = make_user("medlem@test.se", "lasare", region)
    measure = make_measure(plan, goal_id=goal.id)
    record(measure, region, "2026-Q1", 80)
    commit()
    all_ids = [
        region.id,
        kommun.id,
        foreign.id,
        plan.id,
        other_plan.id,
        goal.id,
        activity.id,
        other_activity.id,
        area_id(plan, "G1"),
        area_id(other_plan, "G1"),
        measure.id,
        0,
    ]
    return {
        "region": region.id,
        "plan": plan.id,
        "goal": goal.id,
        "activity": activity.id,
        "membership": member.memberships[0].id,
        "measure": measure.id,
        "ids": all_ids,
    }


FORMS = {
    "organisation": (
        "/organisationer/ny",
        {"name": HOSTILE_TEXT, "kind": HOSTILE_TEXT, "parent_id": "ids"},
    ),
    "organisation_edit": (
        "/organisationer/{region}/redigera",
        {"name": HOSTILE_TEXT, "kind": st.just("region"), "parent_id": "ids"},
    ),
    "plan": (
        "/organisationer/{region}/planer/ny",
        {
            "title": HOSTILE_TEXT,
            "period_start": NUMBERS,
            "period_end": NUMBERS,
            "vision": HOSTILE_TEXT,
            "decided_by": HOSTILE_TEXT,
            "decision_level": HOSTILE_TEXT,
            "decision_date": DATES,
            "revised_date": DATES,
            "status": HOSTILE_TEXT,
        },
    ),
    "plan_edit": (
        "/planer/{plan}/redigera",
        {
            "title": HOSTILE_TEXT,
            "period_start": NUMBERS,
            "period_end": NUMBERS,
            "decision_date": DATES,
            "status": HOSTILE_TEXT,
            "version": NUMBERS,
        },
    ),
    "area": (
        "/planer/{plan}/omraden/F1/redigera",
        {"local_description": HOSTILE_TEXT, "version": NUMBERS},
    ),
    "goal": (
        "/planer/{plan}/mal/ny",
        {"area_id": "ids", "title": HOSTILE_TEXT, "description": HOSTILE_TEXT},
    ),
    "goal_edit": (
        "/mal/{goal}/redigera",
        {"area_id": "ids", "title": HOSTILE_TEXT, "version": NUMBERS},
    ),
    "activity": (
        "/planer/{plan}/aktiviteter/ny",
        {
            "title": HOSTILE_TEXT,
            "description": HOSTILE_TEXT,
            "area_id": "ids",
            "goal_id": "ids",
            "responsible_name": HOSTILE_TEXT,
            "responsible_email": HOSTILE_TEXT,
            "organisation_ids": "ids",
            "start_date": DATES,
            "due_date": DATES,
            "follow_up_date": DATES,
            "status": HOSTILE_TEXT,
            "percent": NUMBERS,
        },
    ),
    "activity_edit": (
        "/aktiviteter/{activity}/redigera",
        {
            "title": HOSTILE_TEXT,
            "area_id": "ids",
            "goal_id": "ids",
            "organisation_ids": "ids",
            "due_date": DATES,
            "status": HOSTILE_TEXT,
            "percent": NUMBERS,
            "version": NUMBERS,
        },
    ),
    "progress": (
        "/aktiviteter/{activity}/framsteg",
        {"date": DATES, "status": HOSTILE_TEXT, "percent": NUMBERS, "comment": HOSTILE_TEXT},
    ),
    "member": (
        "/organisationer/{region}/medlemmar",
        {"email": HOSTILE_TEXT, "organisation_id": "ids", "role": HOSTILE_TEXT},
    ),
    "role": ("/medlemskap/{membership}/roll", {"role": HOSTILE_TEXT}),
    "user": (
        "/anvandare/ny",
        {
            "email": HOSTILE_TEXT,
            "name": HOSTILE_TEXT,
            "password": HOSTILE_TEXT,
            "system_admin": HOSTILE_TEXT,
        },
    ),
    "password": (
        "/konto/losenord",
        {"current": HOSTILE_TEXT, "new": HOSTILE_TEXT, "repeat": HOSTILE_TEXT},
    ),
    "language": ("/sprak", {"lang": HOSTILE_TEXT, "next": HOSTILE_TEXT}),
    "group_mapping": (
        "/inloggningsgrupper",
        {"group_name": HOSTILE_TEXT, "organisation_id": "ids", "role": HOSTILE_TEXT},
    ),
    "measure": ("/planer/{plan}/matt/nytt", MEASURE_FIELDS),
    "measure_edit": ("/matt/{measure}/redigera", {**MEASURE_FIELDS, "version": NUMBERS}),
    "catalogue": ("/planer/{plan}/matt/katalog", {"keys": HOSTILE_TEXT}),
    "value": (
        "/matt/{measure}/varde",
        {
            "organisation_id": "ids",
            "period": PERIODS,
            "value": NUMBERS,
            "numerator": NUMBERS,
            "denominator": NUMBERS,
            "comment": HOSTILE_TEXT,
            "version": NUMBERS,
            "started_for": HOSTILE_TEXT,
        },
    ),
    "period": (
        "/matt/{measure}/period",
        {
            "period": PERIODS,
            "rows-0-organisation_id": "ids",
            "rows-0-version": NUMBERS,
            "rows-0-value": NUMBERS,
            "rows-0-numerator": NUMBERS,
            "rows-0-denominator": NUMBERS,
            "rows-0-comment": HOSTILE_TEXT,
            "rows-5000-value": NUMBERS,
        },
    ),
}


def form_values(fields: dict, world_ids: list[int]):
    """Some or all of the fields, each with a hostile or random value."""
    strategies = {
        name: ids(world_ids) if strategy == "ids" else strategy for name, strategy in fields.items()
    }
    return st.fixed_dictionaries({}, optional=strategies)


@pytest.mark.parametrize("form", sorted(FORMS))
@given(data=st.data())
@example(data=None)  # the fixed boundary values below, every run and on both databases
def test_hostile_input_never_breaks_or_loses_data(app, client, world, form, data):
    path, fields = FORMS[form]
    url = path.format(**world)
    if data is None:
        boundaries = ["2147483648", "-2147483649", str(2**63), str(2**70), "0", "-1"]
        for value in boundaries:
            values = {name: value for name in fields}
            response = client.post(url, data=values)
            assert response.status_code < 500, (url, values)
        return
    values = data.draw(form_values(fields, world["ids"]), label="form")
    before = snapshot()
    response = client.post(url, data=values)
    assert response.status_code < 500, (url, values)
    if response.status_code != 302:  # refused: nothing saved may have changed
        assert snapshot() == before, (url, values)


@settings(max_examples=2 * settings.default.max_examples)  # one list, many filters
@given(
    query=st.dictionaries(
        st.sampled_from(
            [
                "omrade",
                "status",
                "organisation",
                "forsenade",
                "inom",
                "q",
                "sortera",
                "ordning",
                "page",
                "per_page",
            ]
        ),
        st.one_of(HOSTILE_TEXT, NUMBERS),
    )
)
def test_hostile_filters_never_break_the_list(app, client, world, query):
    response = client.get(f"/planer/{world['plan']}/aktiviteter", query_string=query)
    assert response.status_code == 200, query


@pytest.mark.parametrize(
    "url",
    [
        "/planer/{plan}/omraden/%00",
        "/aktiviteter/99999999999999999999999",
        "/planer/-1",
        "/organisationer/1e9",
        "/planer/{plan}/omraden/" + "G" * 5000,
    ],
)
def test_hostile_urls_answer_404(app, client, world, url):
    assert client.get(url.format(**world)).status_code == 404
