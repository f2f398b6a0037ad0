"""No N+1: the hot pages and the feed send as many SQL statements for a big plan as for a small
one; and the feed's kept body is never a stale one."""

from __future__ import annotations

import icalendar
from sqlalchemy import select

from planner.extensions import db
from planner.feeds import services as subscriptions
from planner.feeds.cache import bodies
from planner.plans.models import Activity
from planner.plans.services import record_progress
from planner.wheel import services
from planner.wheel.services import EventData
from tests.factories import commit, days, make_activity, make_org, make_plan


def grow(plan, org, activities: int, events: int) -> None:
    """``activities`` activities (each with two progress updates) and ``events`` wheel events."""
    for n in range(activities):
        activity = make_activity(
            plan,
            area=["G1", "F2", "F5"][n % 3],
            due_date=days(n % 90 - 20),
            follow_up_date=days(n % 60 + 5) if n % 2 else None,
            responsible_name="" if n % 4 == 0 else "Anna Lindqvist",
        )
        record_progress(activity, days(-10), "pagar", 20, "Första steget.")
        record_progress(activity, days(-2), "pagar", 40, "Andra steget.")
    for n in range(events):
        services.create_event(
            org,
            EventData(
                f"Händelse {n}",
                ["apt", "dialog", "mote"][n % 3],
                days(n % 200 - 10),
                recurrence="yearly_date" if n % 2 else "once",
            ),
        )
    commit()


def statements(client, count_queries, url: str, **kw) -> int:
    db.session.expire_all()
    client.get(url, **kw)  # warm: the first request may load what later ones have cached
    db.session.expire_all()
    with count_queries() as counter:
        response = client.get(url, **kw)
    assert response.status_code in (200, 304), url
    return counter.count


def counts_for(client, count_queries, size: int, urls) -> list[int]:
    return [statements(client, count_queries, url(size)) for url in urls]


def test_pages_and_feed_send_the_same_statements_for_5_and_50_activities(
    client, app, count_queries
):
    app.config["FEED_CACHE_BYTES"] = 0  # count the building, not the kept body
    worlds = {}
    for size in (5, 50):
        org = make_org(f"Region {size}")
        plan = make_plan(org)
        grow(plan, org, size, size)
        _sub, token = subscriptions.create_subscription(org, "Allt", None)
        commit()
        activity = db.session.scalars(
            select(Activity.id).where(Activity.plan_id == plan.id).order_by(Activity.id)
        ).first()
        worlds[size] = {"plan": plan.id, "token": token, "activity": activity}

    urls = (
        lambda s: f"/planer/{worlds[s]['plan']}",
        lambda s: f"/planer/{worlds[s]['plan']}/aktiviteter?omrade=F2&status=pagar",
        lambda s: f"/planer/{worlds[s]['plan']}/aktiviteter?sortera=title&ordning=desc",
        lambda s: f"/aktiviteter/{worlds[s]['activity']}",
        lambda s: f"/planer/{worlds[s]['plan']}/historik",
        lambda s: f"/planer/{worlds[s]['plan']}/historik?andring=update&galler=Activity&page=2",
        lambda s: f"/flode/{worlds[s]['token']}.ics",
    )
    small = counts_for(client, count_queries, 5, urls)
    large = counts_for(client, count_queries, 50, urls)
    assert large == small
    body = client.get(f"/flode/{worlds[50]['token']}.ics").data
    assert len(icalendar.Calendar.from_ical(body).walk("VEVENT")) > 50


def test_the_conditional_feed_request_sends_few_statements(anonymous, app, count_queries):
    org = make_org()
    plan = make_plan(org)
    grow(plan, org, 30, 30)
    _sub, token = subscriptions.create_subscription(org, "Allt", None)
    commit()
    url = f"/flode/{token}.ics"
    etag = anonymous.get(url).headers["ETag"]
    db.session.expire_all()
    with count_queries() as counter:
        response = anonymous.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    # The subscription with its organisation, the organisation's subtree, and one statement
    # of aggregates over wheel events and activities: nothing is built for a 304.
    assert counter.count == 3


def feed(anonymous, url: str):
    response = anonymous.get(url)
    assert response.status_code == 200
    return response.data


def test_a_kept_feed_is_the_same_bytes_and_is_never_stale(anonymous, app, count_queries):
    bodies.clear()
    org = make_org("Region Gränsö")
    event = services.create_event(org, EventData("Dialogmöte", "dialog", days(5)))
    activity = make_activity(make_plan(org), title="Införa SBAR", due_date=days(20))
    _sub, token = subscriptions.create_subscription(org, "Allt", None)
    commit()
    url = f"/flode/{token}.ics"

    first = feed(anonymous, url)
    with count_queries() as counter:
        again = feed(anonymous, url)
    assert again == first  # byte for byte
    assert not any("FROM wheel_event" in s and "count" not in s for s in counter.statements)

    # Each kind of change the feed shows gives a new body at once.
    services.update_event(event, EventData("Dialogmöte flyttat", "dialog", days(6)))
    commit()
    moved = feed(anonymous, url)
    assert b"SUMMARY:Dialogm\xc3\xb6te flyttat" in moved and moved != first

    record_progress(activity, days(0), "klar", 100, "Klart.")
    commit()
    done = feed(anonymous, url)
    assert "Slutdatum: Införa SBAR (klar)" in done.decode()

    org.name = "Region Gränsö-Åby"
    commit()
    renamed = icalendar.Calendar.from_ical(feed(anonymous, url))
    assert str(renamed["X-WR-CALNAME"]) == "Region Gränsö-Åby – Allt"

    services.delete_event(event)
    commit()
    assert b"Dialogm" not in feed(anonymous, url)

    # And the kept body is what a fresh build gives.
    kept = feed(anonymous, url)
    bodies.clear()
    assert feed(anonymous, url) == kept


def test_feed_for_another_host_is_built_for_that_host(anonymous, app):
    org = make_org()
    services.create_event(org, EventData("Temadag", "temadag", days(3)))
    _sub, token = subscriptions.create_subscription(org, "Allt", None)
    commit()
    url = f"/flode/{token}.ics"
    one = anonymous.get(url, base_url="http://planner.region.se").data
    other = anonymous.get(url, base_url="http://intranat.region.se").data
    assert b"planner.region.se" in one and b"planner.region.se" not in other
    assert b"intranat.region.se" in other


def test_feed_cache_bound(app):
    bodies.clear()
    built = []

    def build(n: int):
        def make() -> bytes:
            built.append(n)
            return bytes(40)

        return make

    for n in range(5):
        bodies.get_or_build(n, 100, build(n))
    assert bodies.get_or_build(4, 100, build(99)) == bytes(40)  # kept
    bodies.get_or_build(0, 100, build(0))  # dropped long ago: built again
    assert built == [0, 1, 2, 3, 4, 0]
    bodies.get_or_build("off", 0, build(7))
    bodies.get_or_build("off", 0, build(8))
    assert built[-2:] == [7, 8]


def test_a_kept_report_is_served_with_few_statements_whatever_the_plan_size(
    client, app, count_queries, monkeypatch
):
    from planner.reports import views

    monkeypatch.setattr(
        views, "render_pdf", lambda html, **_: b"%PDF-1.7 kept " + html[:40].encode()
    )
    sizes = {}
    for size in (5, 50):
        org = make_org(f"Region {size}")
        plan = make_plan(org)
        grow(plan, org, size, size)
        url = f"/planer/{plan.id}/rapport.pdf"
        client.get(url)  # rendered and kept
        db.session.expire_all()
        with count_queries() as counter:
            response = client.get(url)
        assert response.status_code == 200 and response.data.startswith(b"%PDF-1.7 kept")
        sizes[size] = counter.count
    # Who is asking with their rights, the plan, the organisation and one statement of
    # aggregates for the data key; the PDF comes from the process's memory once served:
    # nothing is gathered for a kept report.
    assert sizes[5] == sizes[50] == 4, sizes


def test_the_feed_validator_counts_the_feed_rows(anonymous, app):
    """The ETag rests on real counts: a review found count() without a FROM (always 1)."""
    from planner.clock import local_today
    from planner.feeds.items import feed_state, organisation_ids

    org = make_org()
    plan = make_plan(org)
    grow(plan, org, 7, 5)
    subscription, _token = subscriptions.create_subscription(org, "Allt", None)
    commit()
    events, _newest, _ids, activities, *_rest = feed_state(
        subscription, organisation_ids(subscription), local_today()
    )
    assert events == 5
    assert activities == 7  # every activity has a date inside the feed's window
