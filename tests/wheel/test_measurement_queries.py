"""Measurements on the wheel, in the feed and the report's results chapter cost as many SQL
statements for 2 measures with a few values as for 12 measures with many."""

from __future__ import annotations

from planner.extensions import db
from planner.feeds import services as subscriptions
from planner.feeds.cache import bodies
from tests.factories import commit, make_measure, make_org, make_plan, record
from tests.test_query_counts import statements


def world(measures: int, units: int):
    region = make_org(f"Region {measures}")
    orgs = [region] + [make_org(f"Enhet {n} ({measures})", "enhet", region) for n in range(units)]
    plan = make_plan(region)
    for m in range(measures):
        measure = make_measure(
            plan, name=f"Mått {m}", rhythm=["quarterly", "monthly"][m % 2], on_wheel=True
        )
        periods = ["2026-Q1", "2026-Q2"] if m % 2 == 0 else ["2026-01", "2026-02", "2026-03"]
        for period in periods:
            for n, org in enumerate(orgs):
                record(measure, org, period, 80 + n % 15)
    _subscription, token = subscriptions.create_subscription(region, "Alla", None)
    commit()
    return region.id, plan.id, token


def test_wheel_feed_and_report_statements_do_not_grow_with_measures(client, count_queries):
    small = world(2, 1)
    big = world(12, 8)
    urls = (
        lambda w: f"/organisationer/{w[0]}/arshjul?ar=2026",
        lambda w: f"/planer/{w[1]}/rapport?ar=2026",
        lambda w: f"/organisationer/{w[0]}/sammanstallning?ar=2026",
    )
    for url in urls:
        assert statements(client, count_queries, url(small)) == statements(
            client, count_queries, url(big)
        ), url(small)
    assert built_feed(client, count_queries, small[2]) == built_feed(client, count_queries, big[2])


def built_feed(client, count_queries, token: str) -> int:
    """Statements of a feed built afresh (not served from the kept bodies)."""
    client.get(f"/flode/{token}.ics")
    bodies.clear()
    db.session.expire_all()
    with count_queries() as counter:
        body = client.get(f"/flode/{token}.ics").data
    assert b"M\xc3\xa4tning: M\xc3\xa5tt 1" in body
    return counter.count
