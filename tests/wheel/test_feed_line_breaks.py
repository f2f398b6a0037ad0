"""Line breaks other than LF in user text (U+2028, U+2029, NEL, CR, VT, FF, the separators)
must not reach a calendar raw: some readers break the line there, others do not. They become
a newline (which the library escapes as \\n, as it always did); other control characters go."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import vobject

from planner.clock import local_today
from planner.feeds import services as subscriptions
from planner.wheel import services
from planner.wheel.services import EventData
from tests.factories import commit, make_activity, make_org, make_plan

BREAKS = "\u2028\u2029\x85\r\x0b\x0c\x1c\x1d\x1e"
RAW = [c.encode() for c in BREAKS if c != "\r"] + [b"\x00", b"\x07", b"\x7f", "\x9b".encode()]


def test_feed_text_has_no_raw_line_breaks_or_controls(app, anonymous):
    region = make_org("Region\u2028Åkerö")
    services.create_event(
        region,
        EventData(
            "Dialog\u2028om\u2029risker\x85idag",
            "dialog",
            local_today(),
            "Första raden\u2028andra\u2029tredje\x85fjärde\r\nfemte\x0bsjätte\x07slut",
        ),
    )
    plan = make_plan(region)
    make_activity(plan, title="Mäta\u2029trycksår", due_date=local_today() + timedelta(days=10))
    subscription, token = subscriptions.create_subscription(region, "Årshjulet\x85nu", None)
    commit()
    body = anonymous.get(f"/flode/{token}.ics").data

    for raw in RAW:
        assert raw not in body, raw
    assert b"\r" not in body.replace(b"\r\n", b"")  # CR only in the lines' own CRLF
    calendar = icalendar.Calendar.from_ical(body)
    assert str(calendar["X-WR-CALNAME"]) == "Region Åkerö – Årshjulet nu"
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert "Dialog\nom\nrisker\nidag" in events
    assert any(summary.endswith("Mäta\ntrycksår") for summary in events)
    description = str(events["Dialog\nom\nrisker\nidag"]["DESCRIPTION"])
    assert description.startswith("Första raden\nandra\ntredje\nfjärde\nfemte\nsjätteslut\n")
    # A second, stricter reader agrees.
    parsed = vobject.readOne(body.decode())
    summaries = [e.summary.value for e in parsed.vevent_list]
    assert "Dialog\nom\nrisker\nidag" in summaries
    for e in parsed.vevent_list:
        for text in (e.summary.value, e.description.value):
            assert not any(c in text for c in BREAKS)
