"""The activity list: filters, sorting and pagination as a user applies them."""

from __future__ import annotations

from planner.extensions import db
from tests.factories import commit, days, make_activity, make_org, make_plan
from tests.html import field_error, page, table_rows, text


def titles(response) -> list[str]:
    return [row[0] for row in table_rows(response, "Aktiviteter, sida")]


def setup_plan():
    region = make_org("Region Filter")
    kommun = make_org("Filterby kommun", "kommun")
    plan = make_plan(region)
    make_activity(
        plan, title="Sen hygienmätning", area="F3", start_date=days(-90), due_date=days(-3)
    )
    make_activity(
        plan,
        title="Snar läkemedelsgenomgång",
        area="F2",
        due_date=days(5),
        organisation_ids=[region.id, kommun.id],
    )
    make_activity(plan, title="Avlägsen övning", area="F5", due_date=days(200))
    make_activity(
        plan,
        title="Klar utbildning",
        area="G3",
        due_date=days(-10),
        start_date=days(-90),
        status="klar",
    )
    commit()
    return plan, region, kommun


def test_filters(client, app):
    plan, region, kommun = setup_plan()
    url = f"/planer/{plan.id}/aktiviteter"
    assert len(titles(client.get(url))) == 4
    assert titles(client.get(url, query_string={"forsenade": "y"})) == ["Sen hygienmätning"]
    assert titles(client.get(url, query_string={"inom": "30"})) == ["Snar läkemedelsgenomgång"]
    assert titles(client.get(url, query_string={"omrade": "F5"})) == ["Avlägsen övning"]
    assert titles(client.get(url, query_string={"status": "klar"})) == ["Klar utbildning"]
    assert titles(client.get(url, query_string={"organisation": kommun.id})) == [
        "Snar läkemedelsgenomgång"
    ]
    assert titles(client.get(url, query_string={"q": "ÖVNING"})) == ["Avlägsen övning"]
    assert "Inga aktiviteter matchar" in text(client.get(url, query_string={"q": "100%_x"}))


def test_bad_filter_values_are_explained_not_crashing(client, app):
    plan, *_ = setup_plan()
    url = f"/planer/{plan.id}/aktiviteter"
    response = client.get(
        url,
        query_string={
            "inom": "abc",
            "omrade": "Z9",
            "organisation": "x",
            "sortera": "drop",
            "page": "-4",
            "ordning": "sideways",
        },
    )
    assert response.status_code == 200
    assert field_error(response, "inom")
    assert len(titles(response)) == 4  # the bad filters are ignored, the list still shows


def test_sorting_and_aria_sort(client, app):
    plan, *_ = setup_plan()
    url = f"/planer/{plan.id}/aktiviteter"
    by_title = client.get(url, query_string={"sortera": "title"})
    assert titles(by_title) == sorted(titles(by_title))
    assert page(by_title).find("th", attrs={"aria-sort": "ascending"}).get_text(strip=True)
    desc = client.get(url, query_string={"sortera": "title", "ordning": "desc"})
    assert titles(desc) == sorted(titles(by_title), reverse=True)
    by_due = titles(client.get(url))
    assert by_due[0] == "Klar utbildning" and by_due[-1] == "Avlägsen övning"


def test_pagination_keeps_filters(client, app, count_queries):
    plan = make_plan()
    for n in range(23):
        make_activity(plan, title=f"Åtgärd {n:02d}", area="F1")
    commit()
    url = f"/planer/{plan.id}/aktiviteter"
    first = client.get(url, query_string={"omrade": "F1", "sortera": "title"})
    assert len(titles(first)) == 10
    assert "23 aktiviteter" in text(first)
    nav = page(first).find("nav", class_="pagination")
    next_link = nav.find("a", rel="next")["href"]
    assert "omrade=F1" in next_link and "page=2" in next_link
    third = client.get(url, query_string={"omrade": "F1", "sortera": "title", "page": 3})
    assert titles(third) == ["Åtgärd 20", "Åtgärd 21", "Åtgärd 22"]
    db.session.expire_all()
    with count_queries() as counter:
        client.get(url, query_string={"page": 2})
    for n in range(20):
        make_activity(plan, title=f"Fler {n}", area="F4")
    commit()
    with count_queries() as more:
        client.get(url, query_string={"page": 2})
    assert more.count == counter.count
