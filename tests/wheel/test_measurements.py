"""A measure's measurement periods on the annual wheel and in the calendar feed, opted in per
measure on its form; the feed read back with icalendar, recurring-ical-events and vobject."""

from __future__ import annotations

import io
from datetime import date, timedelta

import icalendar
import recurring_ical_events
import vobject
from openpyxl import load_workbook
from pypdf import PdfReader

from planner.clock import local_today
from planner.extensions import db
from planner.feeds import services as subscriptions
from planner.results.periods import periods_between
from planner.wheel.keys import wheel_key
from tests.factories import commit, make_measure, make_org, make_plan, make_user, record
from tests.html import page, text


def subscribe(org, **filters) -> str:
    _subscription, token = subscriptions.create_subscription(org, "Mätningar", None, **filters)
    commit()
    return f"/flode/{token}.ics"


def feed_titles(client, url: str) -> dict[str, list]:
    """Each entry's title and its days, expanded over the feed's whole window."""
    body = client.get(url).data
    calendar = icalendar.Calendar.from_ical(body)
    today = local_today()
    found: dict[str, list] = {}
    window = recurring_ical_events.of(calendar).between(
        today - timedelta(days=70), today + timedelta(days=440)
    )
    for event in window:
        found.setdefault(str(event["SUMMARY"]), []).append(event)
    return found


def world():
    region = make_org("Region Hjul")
    unit = make_org("Avdelning Hjul", "enhet", region)
    plan = make_plan(region)
    bhk = make_measure(plan, name="BHK", on_wheel=True)
    make_measure(plan, name="Inte i hjulet", rhythm="monthly")
    make_measure(plan, name="HSE", unit="index", rhythm="yearly", area_code="G1", on_wheel=True)
    old = make_plan(region, title="Gammal plan", period_start=2019, period_end=2024)
    make_measure(old, name="Arkiverat mått", rhythm="monthly", on_wheel=True)
    old.status = "arkiverad"
    commit()
    return region, unit, plan, bhk


def test_the_feed_has_each_due_measurement_period_of_opted_in_measures(app, anonymous):
    region, _unit, _plan, bhk = world()
    today = local_today()
    body = anonymous.get(subscribe(region)).data
    found = feed_titles(anonymous, subscribe(region))
    quarters = [
        p
        for p in periods_between(
            "quarterly", today - timedelta(days=61), today + timedelta(days=427)
        )
        if today - timedelta(days=61) <= p.end <= today + timedelta(days=427)
    ]
    assert quarters
    for quarter in quarters:
        title = f"Mätning: BHK, {quarter.label}"
        assert title in found, (title, sorted(found))
        entry = found[title][0]
        assert entry["DTSTART"].dt == quarter.end  # the period's last day, all day
        assert entry["DTEND"].dt == quarter.end + timedelta(days=1)
        assert entry["TRANSP"] == "TRANSPARENT"
        assert str(entry["URL"]).endswith(f"/matt/{bhk.id}")
        assert "Registrera värdet på måttets sida" in str(entry["DESCRIPTION"])
        assert [str(c) for c in entry["CATEGORIES"].cats] == ["Mätning"]
    assert any(t.startswith("Mätning: HSE, ") for t in found)
    assert not any("Inte i hjulet" in t or "Arkiverat mått" in t for t in found)
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")]
    assert len(uids) == len(set(uids))
    # A stricter second reader agrees.
    parsed = vobject.readOne(body.decode())
    summaries = {e.summary.value for e in parsed.vevent_list}
    assert f"Mätning: BHK, {quarters[0].label}" in summaries


def test_the_feed_follows_the_subscriptions_narrowing(app, anonymous):
    region, _unit, _plan, _bhk = world()
    only_g1 = feed_titles(anonymous, subscribe(region, areas=["G1"]))
    assert any(t.startswith("Mätning: HSE") for t in only_g1)
    assert not any(t.startswith("Mätning: BHK") for t in only_g1)
    other = feed_titles(anonymous, subscribe(region, categories=["temadag"]))
    assert not any(t.startswith("Mätning") for t in other)
    measuring = feed_titles(anonymous, subscribe(region, categories=["matning", "temadag"]))
    assert any(t.startswith("Mätning: BHK") for t in measuring)
    person = make_user("anna@hjul.se", "lasare", region)
    _subscription, token = subscriptions.create_subscription(
        region, "Mina", person.id, only_mine=True
    )
    commit()
    mine = feed_titles(anonymous, f"/flode/{token}.ics")
    assert not any(t.startswith("Mätning") for t in mine)


def test_turning_the_opt_in_off_changes_the_feed_and_its_etag(app, anonymous):
    region, _unit, _plan, bhk = world()
    url = subscribe(region)
    first = anonymous.get(url)
    etag = first.headers["ETag"]
    assert anonymous.get(url, headers={"If-None-Match": etag}).status_code == 304
    bhk.on_wheel = False
    commit()
    second = anonymous.get(url, headers={"If-None-Match": etag})
    assert second.status_code == 200
    assert b"BHK" not in second.data


def test_the_wheel_lists_measurements_linked_to_the_measure_and_marks_recorded_ones(app, client):
    region, unit, _plan, bhk = world()
    year = local_today().year
    record(bhk, unit, f"{year}-Q1", 85)
    commit()
    response = client.get(f"/organisationer/{region.id}/arshjul?ar={year}")
    assert response.status_code == 200
    html = page(response)
    first = html.find(id=f"measure-{bhk.id}-{year}-03-31")
    assert first is not None
    assert first.find("a")["href"].endswith(f"/matt/{bhk.id}")
    assert first.find("a").text == f"Mätning: BHK, kvartal 1 {year}"
    assert "Värde registrerat" in first.text
    second = html.find(id=f"measure-{bhk.id}-{year}-06-30")
    assert "Värde registrerat" not in second.text
    assert first.find(class_="muted").text == "Mätning"  # the wheel's category, its ring
    assert "Arkiverat mått" not in text(response)
    by_area = page(client.get(f"/organisationer/{region.id}/arshjul?ar={year}&ringar=omrade"))
    assert "F3" in by_area.find(id=f"measure-{bhk.id}-{year}-03-31").text


def test_the_wheel_downloads_have_the_measurements(app, client):
    region, _unit, _plan, _bhk = world()
    year = local_today().year
    pdf = client.get(f"/organisationer/{region.id}/arshjul.pdf?ar={year}")
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages).split()
    )
    assert "Mätning: BHK, kvartal 2" in text
    sheet = load_workbook(
        io.BytesIO(client.get(f"/organisationer/{region.id}/arshjul.xlsx?ar={year}").data)
    )[f"År {year}"]
    titles = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert f"Mätning: BHK, kvartal 3 {year}" in titles
    svg = client.get(f"/organisationer/{region.id}/arshjul.svg?ar={year}").data.decode()
    assert f"Mätning: BHK, kvartal 4 {year}" in svg


def test_the_kept_wheel_pdf_is_rendered_anew_when_measurements_change(app):
    region, unit, _plan, bhk = world()
    today = local_today()
    key = wheel_key(region, "ar=2026", False, today)
    bhk.rhythm = "half_yearly"
    commit()
    changed = wheel_key(region, "ar=2026", False, today)
    assert changed != key
    record(bhk, unit, f"{today.year}-H1", 85)
    commit()
    assert wheel_key(region, "ar=2026", False, today) != changed


def test_the_measure_form_offers_the_opt_in(app, client):
    _region, _unit, plan, _bhk = world()
    measure = make_measure(
        plan, name="Fall", unit="count", direction="lower", target=None, warning=None
    )
    commit()
    box = page(client.get(f"/matt/{measure.id}/redigera")).find("input", attrs={"name": "on_wheel"})
    form = box.find_parent("form")
    label = form.find("label", attrs={"for": box["id"]})
    assert box["type"] == "checkbox" and "årshjulet" in label.text
    fields = {i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")}
    fields.pop("on_wheel")
    for select_ in form.find_all("select"):
        chosen = select_.find("option", selected=True) or select_.find("option")
        fields[select_["name"]] = chosen["value"]
    for area in form.find_all("textarea"):
        fields[area["name"]] = area.text
    response = client.post(f"/matt/{measure.id}/redigera", data={**fields, "on_wheel": "y"})
    assert response.status_code == 302, text(response)[:2000]
    db.session.refresh(measure)
    assert measure.on_wheel is True
    year = date.today().year
    wheel = text(client.get(f"/organisationer/{plan.organisation_id}/arshjul?ar={year}"))
    assert f"Mätning: Fall, kvartal 4 {year}" in wheel
