"""The PSB's pages and its regeneration send as many SQL statements for a big plan as for a
small one (no N+1): the page reads the stored parts, the generators load each kind once."""

from __future__ import annotations

from datetime import date

from planner.plans.services import record_progress
from planner.psb import services as psb
from tests.factories import commit, make_activity, make_org, make_plan
from tests.test_query_counts import statements

YEAR = 2026


def _region(client, size: int) -> str:
    region = make_org(f"Region {size}")
    plan = make_plan(region)
    other = make_org(f"Kommun {size}", "kommun")
    for n in range(size):
        activity = make_activity(
            plan,
            area=["G1", "F2", "F5", "G4"][n % 4],
            organisation_ids=[region.id, other.id] if n % 3 == 0 else [region.id],
            responsible_name=f"Person {n % 7}",
        )
        record_progress(activity, date(YEAR, 3, 1), "pagar", 30, "Igång")
        if n % 2:
            record_progress(activity, date(YEAR, 9, 1), "klar", 100, f"Resultat {n}")
    psb.create_report(region, YEAR)
    commit()
    return f"/organisationer/{region.id}/psb/{YEAR}"


def test_the_psb_pages_send_the_same_statements_for_5_and_40_activities(client, app, count_queries):
    small, big = _region(client, 5), _region(client, 40)
    for suffix in ("", "/avsnitt/measures_taken"):
        assert statements(client, count_queries, small + suffix) == statements(
            client, count_queries, big + suffix
        )


def test_regenerating_sends_the_same_statements_for_5_and_40_activities(client, app, count_queries):
    counts = []
    for size in (5, 40):
        url = _region(client, size)
        with count_queries() as counter:
            assert client.post(f"{url}/uppdatera").status_code == 302
        counts.append(counter.count)
    assert counts[0] == counts[1]
