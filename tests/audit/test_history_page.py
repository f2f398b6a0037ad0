"""The plan's history has its own page: newest first, a page at a time, filtered by kind of
change, by what was changed, by activity and by person; bad filter values never break it."""

from __future__ import annotations

import pytest

from planner.audit.recorder import acting_as
from planner.plans.services import record_progress, update_plan
from tests.factories import commit, days, make_activity, make_plan
from tests.html import page


def lines(response) -> list[str]:
    doc = page(response)
    return [" ".join(li.p.get_text(" ").split()) for li in doc.select("ol.audit > li")]


@pytest.fixture
def busy_plan(app):
    plan = make_plan(title="Planen")
    with acting_as("Karin Ek"):
        first = make_activity(plan, title="Första")
        record_progress(first, days(0), "pagar", 10, "", "Karin Ek")
    with acting_as("Olle Berg"):
        for n in range(12):
            make_activity(plan, title=f"Aktivitet {n:02}")
        update_plan(plan, title="Planen, reviderad")
    commit()
    return plan, first


def test_the_overview_no_longer_carries_the_history(busy_plan, client):
    plan, _first = busy_plan
    doc = page(client.get(f"/planer/{plan.id}"))
    assert doc.select("ol.audit") == []
    tab = doc.select_one("nav.plan-nav a[href$='/historik']")
    assert tab.get_text(strip=True) == "Historik" and not tab.has_attr("aria-current")
    history = page(client.get(tab["href"]))
    assert history.select_one("nav.plan-nav a[aria-current=page]").get_text() == "Historik"


def test_newest_first_a_page_at_a_time(busy_plan, client):
    plan, _first = busy_plan
    first_page = client.get(f"/planer/{plan.id}/historik")
    shown = lines(first_page)
    assert len(shown) == 10  # the test configuration's page size
    assert "Olle Berg ändrade planen Planen, reviderad" in shown[0]
    assert page(first_page).select_one("p.count").get_text() == "17 ändringar"
    second = lines(client.get(f"/planer/{plan.id}/historik?page=2"))
    assert len(second) == 7 and "system skapade planen Planen" in second[-1]
    assert "Karin Ek skapade aktiviteten Första" in second[-2]
    nav = page(first_page).select_one("nav.pagination")
    assert nav.select_one("[aria-current=page]").get_text() == "1"


def test_filters_by_kind_thing_person_and_activity(busy_plan, client):
    plan, first = busy_plan
    url = f"/planer/{plan.id}/historik"
    assert all("ändrade" in x for x in lines(client.get(f"{url}?andring=update")))
    progress = lines(client.get(f"{url}?galler=ProgressUpdate"))
    assert len(progress) == 1 and "skapade framstegsposten" in progress[0]
    karin = lines(client.get(f"{url}?person=Karin+Ek"))
    assert karin and all("Karin Ek" in x for x in karin)
    options = [o.get_text() for o in page(client.get(url)).select("#person option")]
    assert options == ["Alla", "Karin Ek", "Olle Berg", "system"]
    own = client.get(f"{url}?aktivitet={first.id}")
    assert "Visar bara ändringar av aktiviteten Första" in page(own).get_text(" ")
    assert len(lines(own)) == 3  # created, state changed, progress entry


@pytest.mark.parametrize(
    "query",
    [
        "andring=explode",
        "galler=User",
        "person=%00",
        "aktivitet=99999999999999999999",
        "aktivitet=-1",
        "aktivitet=%C2%B2",  # a digit to str.isdigit(), not to int()
        "page=-5",
        "page=99999999999",
        "andring=create&andring=delete",
    ],
)
def test_bad_filter_values_never_break_the_page(busy_plan, client, query):
    plan, _first = busy_plan
    response = client.get(f"/planer/{plan.id}/historik?{query}")
    assert response.status_code == 200


def test_a_refused_filter_says_so_and_shows_everything(busy_plan, client):
    plan, _first = busy_plan
    response = client.get(f"/planer/{plan.id}/historik?andring=explode")
    doc = page(response)
    assert [e.get_text() for e in doc.select("p.error")] == ["Inte ett giltigt val"]
    assert doc.select_one("#andring")["aria-invalid"] == "true"
    assert len(lines(response)) == 10
    assert page(client.get(f"/planer/{plan.id}/historik")).select("p.error") == []


def test_another_plans_activity_is_not_named(busy_plan, client):
    plan, _first = busy_plan
    other = make_activity(make_plan(), title="Hemlig")
    commit()
    response = client.get(f"/planer/{plan.id}/historik?aktivitet={other.id}")
    assert "Hemlig" not in response.get_data(as_text=True)
    assert lines(response) == []


def test_the_activity_page_links_to_its_full_history(app, client):
    plan = make_plan()
    activity = make_activity(plan, title="Många ändringar")
    for n in range(12):
        record_progress(activity, days(0), "pagar", n, "", "Test")
    commit()
    doc = page(client.get(f"/aktiviteter/{activity.id}"))
    assert len(doc.select("ol.audit > li")) == 10
    link = next(a for a in doc.select("a") if a.get_text() == "Aktivitetens hela historik")
    assert f"aktivitet={activity.id}" in link["href"]
    assert len(lines(client.get(link["href"]))) == 10  # and a second page
