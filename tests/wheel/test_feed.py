"""The calendar feed, read back with three independent readers: icalendar, its expansion with
recurring-ical-events, and vobject."""

from __future__ import annotations

import logging
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
import vobject

from planner.feeds import services as subscriptions
from planner.wheel import services
from planner.wheel.services import EventData
from tests.factories import commit, days, make_activity, make_org, make_plan, make_user

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def subscribe(org, **filters):
    subscription, token = subscriptions.create_subscription(org, "Årshjulet", None, **filters)
    commit()
    return subscription, f"/flode/{token}.ics"


def expand(body: bytes, start: date, end: date):
    return recurring_ical_events.of(icalendar.Calendar.from_ical(body)).between(start, end)


def test_feed_rules_and_known_dates(app, anonymous):
    region = make_org("Region Åkerö")
    services.add_national_template(region, 2026)
    services.create_event(
        region,
        EventData(
            "Råd på förmiddagen",
            "mote",
            date(2026, 3, 5),
            all_day=False,
            start_time=time(9, 0),
            duration_minutes=60,
            recurrence="monthly_weekday",
            weekday=3,
            nth=1,
        ),
    )
    _sub, url = subscribe(region)
    response = anonymous.get(url)
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert "Set-Cookie" not in response.headers
    assert response.headers.get("Content-Encoding") is None
    body = response.data
    calendar = icalendar.Calendar.from_ical(body)
    assert str(calendar["X-WR-CALNAME"]) == "Region Åkerö – Årshjulet"
    assert calendar["METHOD"] == "PUBLISH"
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT6H" in body and b"X-PUBLISHED-TTL:PT6H" in body
    timezones = calendar.walk("VTIMEZONE")
    assert len(timezones) == 1 and b"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in body
    events = calendar.walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    assert all(e.get("URL") for e in events)

    today = date.today()
    occurrences = expand(body, date(today.year, 1, 1), date(today.year + 1, 12, 31))

    def days_of(title):
        return sorted(o["DTSTART"].dt for o in occurrences if str(o["SUMMARY"]) == title)

    thursdays = days_of("Stoppa trycksår-dagen")
    assert date(2026, 11, 19) in thursdays and date(2027, 11, 18) in thursdays
    survey = days_of("Resultat från medarbetarenkäten (HSE/HME)")
    assert all(d.year % 2 == 0 for d in survey) and not any(d.year == 2027 for d in survey)
    report = next(o for o in occurrences if str(o["SUMMARY"]) == "Patientsäkerhetsberättelsen klar")
    assert report["DTEND"].dt - report["DTSTART"].dt == timedelta(days=1)  # exclusive end
    assert report["TRANSP"] == "TRANSPARENT"
    # 09:00 local on both sides of the change to summer time (last Sunday of March 2026)
    meetings = [
        o["DTSTART"].dt
        for o in expand(body, date(2026, 3, 1), date(2026, 4, 30))
        if str(o["SUMMARY"]) == "Råd på förmiddagen"
    ]
    assert [m.astimezone(STOCKHOLM).time() for m in meetings] == [time(9, 0), time(9, 0)]
    assert meetings[0].utcoffset() == timedelta(hours=1)
    assert meetings[1].utcoffset() == timedelta(hours=2)

    # vobject, a stricter reader, agrees on the time and the zone
    parsed = vobject.readOne(body.decode())
    meeting = next(v for v in parsed.vevent_list if v.summary.value == "Råd på förmiddagen")
    april = next(d for d in meeting.getrruleset() if d.month == 4)
    assert april.hour == 9 and april.utcoffset() == timedelta(hours=2)
    assert any(v.summary.value == "Världspatientsäkerhetsdagen" for v in parsed.vevent_list)


def test_same_data_same_bytes_and_conditional_get(app, anonymous):
    region = make_org()
    services.add_national_template(region, 2026)
    _sub, url = subscribe(region)
    first = anonymous.get(url)
    second = anonymous.get(url)
    assert first.data == second.data and first.headers["ETag"] == second.headers["ETag"]
    not_modified = anonymous.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert not_modified.status_code == 304 and not_modified.data == b""
    # a date alone cannot see a deleted row, so it never earns a 304
    by_date = anonymous.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert by_date.status_code == 200
    event = services.create_event(region, EventData("Ny temadag", "temadag", days(20)))
    commit()
    changed = anonymous.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert changed.status_code == 200 and "Ny temadag" in changed.get_data(as_text=True)
    region.name = "Region Omdöpt"  # the calendar's name follows the organisation's
    commit()
    renamed = anonymous.get(url, headers={"If-None-Match": changed.headers["ETag"]})
    assert renamed.status_code == 200 and "Region Omdöpt" in renamed.get_data(as_text=True)
    # a schedule change raises SEQUENCE so calendar clients take it
    services.update_event(event, EventData("Ny temadag", "temadag", days(21)))
    commit()
    updated = icalendar.Calendar.from_ical(anonymous.get(url).data)
    entry = next(e for e in updated.walk("VEVENT") if str(e["SUMMARY"]) == "Ny temadag")
    assert entry["SEQUENCE"] == 1 and entry["DTSTART"].dt == days(21)


def test_revoked_and_unknown_links_answer_404(app, anonymous):
    region = make_org()
    subscription, url = subscribe(region)
    assert anonymous.get(url).status_code == 200
    new_token = subscriptions.replace_token(subscription)
    commit()
    assert anonymous.get(url).status_code == 404  # the old link died
    assert anonymous.get(f"/flode/{new_token}.ics").status_code == 200
    subscriptions.revoke(subscription)
    commit()
    assert anonymous.get(f"/flode/{new_token}.ics").status_code == 404
    assert anonymous.get("/flode/hittepa.ics").status_code == 404
    assert len(new_token) >= 43  # 256 random bits, url-safe
    assert new_token not in subscription.token_hash


def test_filters_window_and_activities(app, anonymous):
    region = make_org("Region Filter")
    unit = make_org("Enheten", "enhet", region)
    plan = make_plan(region)
    user = make_user("anna@test.se", "lasare", region)
    make_activity(
        plan, title="Min aktivitet", area="F3", due_date=days(20), responsible_email="ANNA@test.se"
    )
    make_activity(plan, title="Någon annans", area="F3", due_date=days(25))
    make_activity(plan, title="Långt bort", area="F3", due_date=days(900), start_date=days(-10))
    services.create_event(region, EventData("APT", "apt", days(5), area_code="F1"))
    services.create_event(unit, EventData("Enhetens möte", "mote", days(6)))
    commit()

    def titles(**filters):
        subscription, token = subscriptions.create_subscription(region, "x", user.id, **filters)
        commit()
        body = anonymous.get(f"/flode/{token}.ics").data
        return sorted(str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT"))

    everything = titles()
    assert "Slutdatum: Min aktivitet" in everything and "Enhetens möte" in everything
    assert not any("Långt bort" in t for t in everything)  # outside the window
    assert titles(categories=["apt"]) == ["APT"]
    assert titles(include_sub=False, include_activities=False) == ["APT"]
    assert titles(only_mine=True, categories=[]) == [
        "APT",
        "Enhetens möte",
        "Slutdatum: Min aktivitet",
    ]
    assert titles(areas=["F3"]) == ["Slutdatum: Min aktivitet", "Slutdatum: Någon annans"]


def test_user_text_is_escaped_in_the_feed(app, anonymous):
    region = make_org()
    services.create_event(
        region, EventData("Möte; med, komma\nBEGIN:VEVENT", "mote", days(3), description="a\\b; c")
    )
    _sub, url = subscribe(region)
    calendar = icalendar.Calendar.from_ical(anonymous.get(url).data)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == "Möte; med, komma\nBEGIN:VEVENT"


def test_token_never_in_the_access_log(app, anonymous, caplog):
    region = make_org()
    _sub, url = subscribe(region)
    from planner.feeds.logs import RedactFeedTokens

    record = logging.LogRecord(
        "werkzeug", logging.INFO, "", 0, '"GET %s HTTP/1.1" 200 -', (url,), None
    )
    RedactFeedTokens().filter(record)
    assert url.split("/")[-1] not in record.getMessage()
    assert "/flode/[dolt]" in record.getMessage()


def test_access_logs_hide_the_token_once_the_app_is_built(app, caplog):
    from planner import create_app
    from planner.feeds.logs import RedactFeedTokens

    create_app(app.config)  # a second app in the same process adds no second filter
    for name in ("werkzeug", "gunicorn.access"):
        filters = logging.getLogger(name).filters
        assert sum(isinstance(f, RedactFeedTokens) for f in filters) == 1
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        logging.getLogger("werkzeug").info('"GET %s HTTP/1.1" 200 -', "/flode/abcDEF123.ics")
    assert caplog.messages == ['"GET /flode/[dolt].ics HTTP/1.1" 200 -']


def test_timed_event_until_is_utc_and_keeps_its_last_occurrence(app, anonymous):
    region = make_org()
    services.create_event(
        region,
        EventData(
            "Webbforum",
            "utbildning",
            date(2026, 10, 7),
            all_day=False,
            start_time=time(9, 30),
            duration_minutes=90,
            recurrence="monthly_weekday",
            weekday=2,
            nth=1,
            until=date(2026, 12, 2),
        ),
    )
    _sub, url = subscribe(region)
    body = anonymous.get(url).data
    assert b"UNTIL=20261202T083000Z" in body
    days_ = [o["DTSTART"].dt.date() for o in expand(body, date(2026, 10, 1), date(2027, 3, 1))]
    assert days_ == [date(2026, 10, 7), date(2026, 11, 4), date(2026, 12, 2)]


def test_personal_feed_ends_when_the_owner_loses_access(app, anonymous):
    from planner.auth import services as accounts

    region = make_org()
    user = make_user("anna@test.se", "lasare", region)
    subscription, token = subscriptions.create_subscription(region, "Mitt", user.id)
    commit()
    assert anonymous.get(f"/flode/{token}.ics").status_code == 200
    accounts.remove_membership(user.memberships[0])
    commit()
    assert anonymous.get(f"/flode/{token}.ics").status_code == 404
    # adding the person back does not revive the old link: it was revoked with the membership
    accounts.add_membership(user, region, "lasare")
    commit()
    assert anonymous.get(f"/flode/{token}.ics").status_code == 404
    assert subscription.revoked_at is not None


def test_a_personal_feed_survives_losing_one_of_two_memberships_but_not_deactivation(
    app, anonymous
):
    from planner.auth import services as accounts

    region = make_org()
    unit = make_org("Förvaltningen", "forvaltning", region)
    user = make_user("anna@test.se", "lasare", region)
    accounts.add_membership(user, unit, "redaktor")
    _subscription, token = subscriptions.create_subscription(unit, "Mitt", user.id)
    commit()
    # still readable through the region's membership: the link keeps working
    accounts.remove_membership(next(m for m in user.memberships if m.organisation_id == unit.id))
    commit()
    assert anonymous.get(f"/flode/{token}.ics").status_code == 200
    accounts.set_active(user, False)
    accounts.set_active(user, True)
    commit()
    assert anonymous.get(f"/flode/{token}.ics").status_code == 404


def test_gunicorn_access_log_keeps_working_and_hides_the_token():
    from planner.feeds.logs import RedactFeedTokens

    secret = "/flode/abcDEF123_-xyz.ics"
    record = logging.LogRecord(
        "gunicorn.access",
        logging.INFO,
        "",
        0,
        "%(r)s %(s)s",
        ({"r": f"GET {secret} HTTP/1.1", "s": "200"},),
        None,
    )
    RedactFeedTokens().filter(record)
    assert record.getMessage() == "GET /flode/[dolt].ics HTTP/1.1 200"


def test_a_calendar_polling_the_feed_writes_no_history(app, anonymous):
    from planner.audit.models import AuditEvent
    from planner.extensions import db

    region = make_org("Region Åkerö")
    _subscription, url = subscribe(region)
    recorded = db.session.scalar(db.select(db.func.count()).select_from(AuditEvent))
    assert anonymous.get(url).status_code == 200  # the first poll sets "last used"
    db.session.expire_all()
    assert db.session.scalar(db.select(db.func.count()).select_from(AuditEvent)) == recorded
