"""The wheel drawn to be read: event names beside their markers that never overlap and stay in
the picture (200 events in a year), periods as arcs over their days, every ring named, the
month and ISO-week scale, today and this week, colours with contrast and shapes beside them,
every mark linking to the list, and the text version."""

from __future__ import annotations

import math
import random
import re
from datetime import date, timedelta

import icalendar
import pytest

from planner.clock import local_today
from planner.feeds import services as subscriptions
from planner.wheel import drawing, services
from planner.wheel.labels import FONT, overlapping
from planner.wheel.metrics import ASCENT, DESCENT, text_width
from planner.wheel.models import CATEGORIES
from planner.wheel.services import EventData
from planner.wheel.year import build_year
from tests.factories import commit, days, make_org
from tests.html import field_error, page

YEAR = 2027
WORDS = "Patientsäkerhetsdialog mätvecka trycksår fall vårdhygien läkemedel APT HLR uppföljning"


def two_hundred_events(region) -> None:
    rng = random.Random(14)
    words = WORDS.split()
    for n in range(200):
        title = " ".join(rng.choice(words) for _ in range(rng.randint(1, 7))) + f" {n}"
        span = rng.choice((1, 1, 1, 1, 3, 7, 30))
        services.create_event(
            region,
            EventData(
                title.capitalize(),
                list(CATEGORIES)[n % len(CATEGORIES)],
                date(YEAR, 1, 1) + timedelta(days=rng.randrange(365 - span)),
                span_days=span,
            ),
        )


def _inside_picture(box) -> bool:
    x0, y0, x1, y1 = box
    return 0 <= x0 < x1 <= drawing.WIDTH and 0 <= y0 < y1 <= drawing.HEIGHT


def _clear_of_the_wheel(box) -> bool:
    x0, y0, x1, y1 = box
    nearest_x = min(max(drawing.CX, x0), x1)
    nearest_y = min(max(drawing.CY, y0), y1)
    return math.hypot(nearest_x - drawing.CX, nearest_y - drawing.CY) >= drawing.OUTER


def test_200_names_never_overlap_stay_in_the_picture_and_off_the_wheel(app):
    region = make_org("Region Tät")
    two_hundred_events(region)
    commit()
    wheel = build_year(services.organisation_events(region.id), [], YEAR, date(YEAR, 5, 1))
    assert wheel.count == 200
    boxes = [label.box for label in wheel.labels]
    assert overlapping(boxes) == []
    assert all(_inside_picture(b) for b in boxes)
    assert all(_clear_of_the_wheel(b) for b in boxes)
    # Every occurrence is named, alone or counted in a "+N" that links to the list.
    assert sum(len(label.anchors) for label in wheel.labels) == 200
    assert any(label.more for label in wheel.labels)


def _svg_boxes(svg) -> list[tuple[float, float, float, float]]:
    """Boxes of the rendered name texts, measured from the SVG alone."""
    boxes = []
    for text in svg.find_all("text", class_="label"):
        x, y = float(text["x"]), float(text["y"])
        shown = "".join(s for s in text.find_all(string=True) if s.parent.name != "title")
        width = text_width(shown, float(text["font-size"]))
        x0 = x if text["text-anchor"] == "start" else x - width
        boxes.append((x0, y - ASCENT * FONT, x0 + width, y + DESCENT * FONT))
    return boxes


@pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")
def test_names_in_the_served_svg_do_not_overlap(app, client):
    region = make_org("Region Tät")
    two_hundred_events(region)
    commit()
    response = client.get(f"/organisationer/{region.id}/arshjul.svg?ar={YEAR}")
    svg = page(response).find("svg")
    boxes = _svg_boxes(svg)
    assert len(boxes) > 60
    assert overlapping(boxes) == []
    assert all(_inside_picture(b) and _clear_of_the_wheel(b) for b in boxes)
    # Standing alone, the picture links back to the occurrences on the wheel page.
    link = svg.find("a", class_="mark")["href"]
    assert re.fullmatch(rf"http://[^/]+/organisationer/{region.id}/arshjul\?.*#event-\d+-.+", link)


def test_long_names_are_shortened_on_a_word_boundary_and_kept_whole_elsewhere(app, client):
    region = make_org("Region Lång")
    title = "Patientsäkerhetsdialoger med alla enheter inom förvaltningen under våren 2027"
    services.create_event(region, EventData(title, "dialog", date(YEAR, 3, 1), span_days=61))
    commit()
    html = page(client.get(f"/organisationer/{region.id}/arshjul?ar={YEAR}"))
    label = html.find("text", class_="label").find("a")
    shown = label.find("title").next_sibling
    assert shown.endswith("…") and shown != title
    assert title.startswith(shown[:-1]) and title[len(shown) - 1] == " "  # whole words
    assert label.find("title").get_text() == title
    assert title in html.find("section", class_="month-list").get_text()


def _angles(path: str) -> tuple[float, float]:
    """The angles (clockwise from the top) where a ring segment's outer arc starts and ends."""
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path)]
    (x1, y1), (x2, y2) = numbers[0:2], numbers[7:9]
    return tuple(  # type: ignore[return-value]
        math.degrees(math.atan2(x - drawing.CX, drawing.CY - y)) % 360
        for x, y in ((x1, y1), (x2, y2))
    )


def test_a_period_is_an_arc_over_its_days_in_the_picture_list_and_feed(app, client, anonymous):
    region = make_org("Region Period")
    week = services.create_event(
        region, EventData("Mätvecka trycksår", "matning", date(YEAR, 10, 4), span_days=7)
    )
    services.create_event(region, EventData("Temadag", "temadag", date(YEAR, 10, 7)))
    commit()
    html = page(client.get(f"/organisationer/{region.id}/arshjul?ar={YEAR}"))
    mark = html.find("a", href=f"#event-{week.id}-{YEAR}-10-04")
    assert mark.find("title").get_text() == f"{YEAR}-10-04–{YEAR}-10-10 Mätvecka trycksår"
    start, end = _angles(mark.find("path")["d"])
    assert math.isclose(start, drawing.day_angle(date(YEAR, 10, 4), 0), abs_tol=0.05)
    assert math.isclose(end, drawing.day_angle(date(YEAR, 10, 10), 1), abs_tol=0.05)
    item = html.find("li", id=f"event-{week.id}-{YEAR}-10-04")
    assert f"{YEAR}-10-04–{YEAR}-10-10" in item.get_text()
    assert "Mätvecka trycksår (4 oktober–10 oktober, Mätning)" in html.find(
        "section", class_="narration"
    ).get_text(" ", strip=True)

    soon = services.create_event(
        region, EventData("Mätvecka fall", "matning", days(10), span_days=7)
    )
    _subscription, token = subscriptions.create_subscription(region, "Hjulet", None)
    commit()
    calendar = icalendar.Calendar.from_ical(anonymous.get(f"/flode/{token}.ics").data)
    event = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "Mätvecka fall")
    assert event.decoded("DTSTART") == soon.start_date
    assert event.decoded("DTEND") == soon.start_date + timedelta(days=7)  # exclusive


def test_rings_named_scale_today_and_this_week(app, client):
    region = make_org("Region Skala")
    today = local_today()
    services.create_event(region, EventData("APT", "apt", today.replace(day=1)))
    services.create_event(region, EventData("Mätning", "matning", today.replace(day=2)))
    commit()
    html = page(client.get(f"/organisationer/{region.id}/arshjul?ar={today.year}"))
    svg = html.find("svg")
    names = [t.get_text() for t in svg.find_all("text", class_="ring-name")]
    assert names.count("APT-tema") == 4 and names.count("Mätning") == 4
    weeks = [int(t.get_text()) for t in svg.find_all("text", class_="week")]
    assert set(range(2, 52)) <= set(weeks) and weeks[1:3] in ([1, 2], [2, 3])
    this_week = today.isocalendar().week
    current = [t for t in svg.find_all("text", class_="week") if t["fill"] == "#ffffff"]
    assert [int(t.get_text()) for t in current] in ([this_week], [])  # unnumbered stub week
    assert f"Idag, vecka {this_week}" in svg.get_text()
    line = next(line for line in svg.find_all("line") if line.find("title"))
    assert line.find("title").get_text() == f"Idag {today.isoformat()}"
    narration = html.find("section", class_="narration").get_text(" ", strip=True)
    assert "2 ringar, utifrån och in: APT-tema, Mätning" in narration
    assert f"vecka {this_week} är markerad" in narration


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_colours_pass_contrast_and_are_never_the_only_signal(app, client):
    for colour in drawing.COLOURS:  # markers, arcs and symbols: graphics, 3:1
        assert all(contrast(colour, fill) >= 3 for fill in (*drawing.RING_FILLS, "#ffffff"))
    text_on = {  # text, 4.5:1
        "#1b1f23": ("#ffffff", "#dfe8ef", "#eef3f7"),  # names, months
        "#3b4550": (*drawing.RING_FILLS, "#ffffff"),  # ring names, week numbers
        "#00557f": ("#ffffff",),  # "+N"
        "#a3261b": ("#ffffff",),  # "Idag, vecka N"
        "#ffffff": ("#1b1f23",),  # this week's number
    }
    for colour, backgrounds in text_on.items():
        assert all(contrast(colour, b) >= 4.5 for b in backgrounds), colour
    region = make_org("Region Form")
    for n, category in enumerate(CATEGORIES):
        services.create_event(region, EventData(f"H {n}", category, date(YEAR, 1 + n, 10)))
    commit()
    html = page(client.get(f"/organisationer/{region.id}/arshjul?ar={YEAR}"))
    wheel = build_year(services.organisation_events(region.id), [], YEAR, date(YEAR, 1, 1))
    shapes = [ring.shape for ring in wheel.rings]
    assert all(a != b for a, b in zip(shapes, shapes[1:], strict=False))  # neighbours differ
    legend = html.find("ul", class_="wheel-legend")
    assert len(legend.find_all("svg", class_="legend-symbol")) == len(CATEGORIES)
    assert [str(label) for label in CATEGORIES.values()] == [
        li.get_text(strip=True) for li in legend.find_all("li") if li.find("svg")
    ]


def test_span_rules_on_the_form(app, client):
    region = make_org()
    commit()
    url = f"/organisationer/{region.id}/arshjul/ny"
    base = {"title": "Mätvecka", "category": "matning", "start_date": f"{YEAR}-03-01"}
    timed = client.post(
        url, data={**base, "recurrence": "once", "start_time": "09:00", "span_days": "5"}
    )
    assert "heldagshändelse" in field_error(timed, "span_days")
    monthly = client.post(
        url, data={**base, "all_day": "y", "recurrence": "monthly_day", "span_days": "40"}
    )
    assert "högst 28 dagar" in field_error(monthly, "span_days")
    too_long = client.post(
        url, data={**base, "all_day": "y", "recurrence": "once", "span_days": "400"}
    )
    assert "366" in field_error(too_long, "span_days")
    ok = client.post(url, data={**base, "all_day": "y", "recurrence": "once", "span_days": "5"})
    assert ok.status_code == 302
    (event,) = services.organisation_events(region.id)
    assert event.span_days == 5


def test_overlapping_periods_each_get_their_own_lane():
    from planner.wheel.year import Occurrence

    start, end = date(YEAR, 3, 2), date(YEAR, 3, 13)
    periods = [
        Occurrence(start, f"Period {n}", "matning", "Mätning", "event", n, False, end)
        for n in range(5)
    ]
    (ring,) = drawing.rings([("matning", "Mätning")], periods, YEAR)
    bands = [mark.path for mark in ring.markers]
    assert len(bands) == 5 and len(set(bands)) == 5  # same days: only their lanes differ
