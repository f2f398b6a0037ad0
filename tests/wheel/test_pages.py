"""The wheel page: the picture and its list agree, events are created and edited through the
form, occurrences are marked done one at a time, downloads as SVG and PDF."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import date

from pypdf import PdfReader

from planner.extensions import db
from planner.feeds import services as subscriptions
from planner.wheel import services
from planner.wheel.models import OccurrenceDone, WheelEvent
from planner.wheel.services import EventData
from tests.factories import commit, make_org
from tests.html import field_error, page, text

SVG = "{http://www.w3.org/2000/svg}"


def test_picture_and_list_show_the_same_occurrences(app, client):
    region = make_org("Region Hjul")
    services.add_national_template(region, 2026)
    commit()
    response = client.get(f"/organisationer/{region.id}/arshjul?ar=2026")
    assert response.status_code == 200
    html = page(response)
    svg = html.find("svg")
    assert svg["role"] == "group" and svg.find("title").get_text().startswith("Årshjul 2026")
    markers = svg.find_all("a", class_="mark")
    listed = html.find("section", class_="month-list").find_all("li")
    assert len(markers) == len(listed) == 6 + 12 - 1  # APT monthly from 15 Jan: 12; HSE 2026
    # Every mark on the picture links to its occurrence in the list.
    ids = {li["id"] for li in listed}
    assert {m["href"].removeprefix("#") for m in markers} == ids
    assert [t.get_text() for t in svg.find_all("text", class_="month")] == [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ]
    assert "2026-11-19 Stoppa trycksår-dagen" in [m.find("title").get_text() for m in markers]
    november = [h for h in html.find_all("h3") if h.get_text() == "November"][0]
    assert "Stoppa trycksår-dagen" in november.find_next("ul").get_text()


def test_svg_download_is_valid_svg(app, client):
    region = make_org()
    services.add_national_template(region, 2026)
    commit()
    response = client.get(f"/organisationer/{region.id}/arshjul.svg?ar=2026&ringar=omrade")
    assert response.mimetype == "image/svg+xml"
    root = ET.fromstring(response.data)
    assert root.tag == f"{SVG}svg"
    assert len(root.findall(f".//{SVG}g")) >= 2  # rings by area: F3 and G2 and unassigned


def test_an_activity_due_and_followed_up_on_one_day_links_to_each(app, client):
    from urllib.parse import urlsplit

    from tests.factories import make_activity, make_plan

    region = make_org()
    plan = make_plan(region)
    day = date(2026, 5, 4)
    make_activity(plan, start_date=date(2026, 1, 1), due_date=day, follow_up_date=day)
    commit()
    shown = page(client.get(f"/organisationer/{region.id}/arshjul?ar=2026&aktiviteter=1"))
    ids = [li["id"] for li in shown.select(".month-list li[id]")]
    assert len(ids) == len(set(ids)) == 2  # the deadline and the follow-up, each its own row
    svg = ET.fromstring(
        client.get(f"/organisationer/{region.id}/arshjul.svg?ar=2026&aktiviteter=1").data
    )
    links = [a.get("href") for a in svg.iter(f"{SVG}a") if "#activity-" in (a.get("href") or "")]
    assert {urlsplit(link).fragment for link in links} == set(ids)
    # standing alone, the picture leads to the page that lists the activities it links to
    assert all("aktiviteter=1" in urlsplit(link).query for link in links)


def test_pdf_download_is_tagged_and_readable(app, client):
    region = make_org("Region Å")
    services.add_national_template(region, 2026)
    commit()
    response = client.get(f"/organisationer/{region.id}/arshjul.pdf?ar=2026")
    assert response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 2  # the picture, then the list
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape
    picture = reader.pages[0].extract_text()
    # The names are on the picture itself, not only in the list.
    assert "Årshjul 2026" in picture and "Världspatientsäkerhetsdagen" in picture
    assert "Världspatientsäkerhetsdagen" in reader.pages[1].extract_text()
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/Lang"] == "sv"


def test_page_names_months_in_the_interface_language_and_downloads_stay_swedish(app, client):
    region = make_org()
    services.add_national_template(region, 2026)
    commit()
    client.post("/sprak", data={"lang": "en"})
    html = page(client.get(f"/organisationer/{region.id}/arshjul?ar=2026"))
    months = [t.get_text() for t in html.find("svg").find_all("text", class_="month")]
    assert months[:2] == ["January", "February"]
    assert "November" in [h.get_text() for h in html.find_all("h3")]
    form = page(client.get(f"/organisationer/{region.id}/arshjul/ny"))
    assert "March" in [o.get_text() for o in form.find("select", id="month").find_all("option")]
    assert "Thursday" in [
        o.get_text() for o in form.find("select", id="weekday").find_all("option")
    ]
    svg = ET.fromstring(client.get(f"/organisationer/{region.id}/arshjul.svg?ar=2026").data)
    months = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "month"]
    assert months[:2] == ["januari", "februari"]
    pdf = client.get(f"/organisationer/{region.id}/arshjul.pdf?ar=2026")
    content = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages).lower()
    assert "januari" in content and "årshjul 2026" in content and "january" not in content


def test_pdf_download_on_a3(app, client):
    region = make_org("Region Å")
    services.add_national_template(region, 2026)
    commit()
    response = client.get(f"/organisationer/{region.id}/arshjul.pdf?ar=2026&papper=a3")
    assert "arshjul-2026-a3.pdf" in response.headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (1191, 842)  # A3 landscape
    assert "Stoppa trycksår-dagen" in reader.pages[0].extract_text()


def test_create_recurring_event_through_the_form(app, client):
    region = make_org()
    commit()
    url = f"/organisationer/{region.id}/arshjul/ny"
    bad = client.post(
        url,
        data={
            "title": "",
            "category": "temadag",
            "start_date": "2026-02-30",
            "recurrence": "yearly_weekday",
            "skipped": "igår",
        },
    )
    assert bad.status_code == 200
    assert field_error(bad, "title") and field_error(bad, "start_date")
    assert "2026-03-01" in field_error(bad, "skipped")
    incomplete = client.post(
        url,
        data={
            "title": "Dag",
            "category": "temadag",
            "start_date": "2026-01-01",
            "all_day": "y",
            "recurrence": "yearly_weekday",
        },
    )
    assert "veckodag" in field_error(incomplete, "weekday")
    assert db.session.scalars(db.select(WheelEvent)).all() == []
    ok = client.post(
        url,
        data={
            "title": "Stoppa trycksår",
            "category": "temadag",
            "start_date": "2026-01-01",
            "all_day": "y",
            "recurrence": "yearly_weekday",
            "nth": "3",
            "weekday": "3",
            "month": "11",
            "interval": "1",
            "skipped": "2027-11-18",
        },
    )
    assert ok.status_code == 302
    event = db.session.scalars(db.select(WheelEvent)).one()
    assert event.rule.occurrences(date(2026, 1, 1), date(2028, 12, 31)) == [
        date(2026, 11, 19),
        date(2028, 11, 16),
    ]


def test_mark_one_occurrence_done(app, client):
    region = make_org()
    event = services.create_event(
        region, EventData("APT", "apt", date(2026, 1, 15), recurrence="monthly_day")
    )
    commit()
    response = client.post(
        f"/arshjul/{event.id}/genomford",
        data={"day": "2026-03-15", "done": "y"},
        follow_redirects=True,
    )
    assert "Markerad som genomförd 2026" in text(response)
    done = db.session.scalars(db.select(OccurrenceDone)).all()
    assert [d.day for d in done] == [date(2026, 3, 15)]
    wrong_day = client.post(
        f"/arshjul/{event.id}/genomford",
        data={"day": "2026-03-16", "done": "y"},
        follow_redirects=True,
    )
    assert "gick inte att markera" in text(wrong_day)
    page_ = client.get(f"/organisationer/{region.id}/arshjul?ar=2026")
    march = [h for h in page(page_).find_all("h3") if h.get_text() == "Mars"][0]
    assert "Genomförd 2026" in march.find_next("ul").get_text()
    april = [h for h in page(page_).find_all("h3") if h.get_text() == "April"][0]
    assert "Genomförd" not in april.find_next("ul").get_text()
    client.post(f"/arshjul/{event.id}/genomford", data={"day": "2026-03-15"})
    assert db.session.scalars(db.select(OccurrenceDone)).all() == []


def test_new_plan_can_take_the_national_wheel(app, client):
    region = make_org()
    commit()
    client.post(
        f"/organisationer/{region.id}/planer/ny",
        data={
            "title": "Plan",
            "period_start": "2025",
            "period_end": "2030",
            "status": "utkast",
            "decision_level": "",
            "national_wheel": "y",
        },
    )
    titles = {e.title for e in db.session.scalars(db.select(WheelEvent))}
    assert {
        "Patientsäkerhetsberättelsen klar",
        "Världspatientsäkerhetsdagen",
        "Suicidpreventiva dagen",
        "Stoppa trycksår-dagen",
        "APT-tema patientsäkerhet",
        "Resultat från medarbetarenkäten (HSE/HME)",
    } == titles


def test_subscription_page_shows_link_once_and_revokes(app, client):
    region = make_org()
    commit()
    url = f"/organisationer/{region.id}/prenumerera"
    posted = client.post(
        url, data={"name": "Mitt årshjul", "categories": ["apt"], "include_activities": "y"}
    )
    assert posted.status_code == 302 and posted.location.endswith(url)  # post/redirect/get
    created = client.get(url)
    assert created.headers["Cache-Control"] == "no-store"
    html = page(created)
    link = html.find("input", id="feed-url")["value"]
    assert link.startswith("https://") and "/flode/" in link
    assert html.find("a", string=lambda s: s and "webcal" in s)["href"].startswith("webcal://")
    assert "8–24 timme" in text(created)  # honest about Google's refresh
    token = link.rsplit("/", 1)[1].removesuffix(".ics")
    again = client.get(url)
    assert token not in again.get_data(as_text=True)  # shown once only
    subscription_id = subscriptions.subscription_for_token(token).id
    client.post(f"/prenumerationer/{subscription_id}/aterkalla")
    assert client.get(f"/flode/{token}.ics").status_code == 404


def test_reloading_after_subscribing_or_replacing_creates_nothing(app, client):
    from planner.feeds.models import Subscription

    region = make_org()
    commit()
    url = f"/organisationer/{region.id}/prenumerera"

    def shown_link(response) -> str | None:
        field = page(response).find("input", id="feed-url")
        return field["value"].rsplit("/", 1)[1].removesuffix(".ics") if field else None

    def live() -> list[Subscription]:
        db.session.expire_all()
        return db.session.scalars(
            db.select(Subscription).where(Subscription.revoked_at.is_(None))
        ).all()

    first = client.post(url, data={"name": "Min"}, follow_redirects=True)
    token = shown_link(first)
    assert token and len(live()) == 1
    for _reload in range(2):  # what the browser's reload button does after a redirect
        assert shown_link(client.get(url)) is None
    assert len(live()) == 1
    subscription = live()[0]
    replaced = client.post(f"/prenumerationer/{subscription.id}/ny-lank")
    assert replaced.status_code == 302
    new = shown_link(client.get(replaced.location))
    assert new and new != token
    assert subscriptions.subscription_for_token(new).id == subscription.id
    assert shown_link(client.get(url)) is None  # once only
    assert subscriptions.subscription_for_token(new) is not None  # the reload replaced nothing
    assert client.get(f"/flode/{token}.ics").status_code == 404


def test_event_can_belong_to_one_of_the_organisations_plans(app, client):
    from tests.factories import make_plan

    region, other = make_org("Egen region"), make_org("Annan region")
    own_plan, foreign_plan = make_plan(region), make_plan(other)
    commit()
    url = f"/organisationer/{region.id}/arshjul/ny"
    data = {
        "title": "Uppföljning av planen",
        "category": "mote",
        "start_date": "2026-06-01",
        "all_day": "y",
        "recurrence": "once",
        "area_code": "",
    }
    refused = client.post(url, data={**data, "plan_id": str(foreign_plan.id)})
    assert refused.status_code == 200 and field_error(refused, "plan_id")
    assert client.post(url, data={**data, "plan_id": str(own_plan.id)}).status_code == 302
    assert db.session.scalars(db.select(WheelEvent.plan_id)).all() == [own_plan.id]
