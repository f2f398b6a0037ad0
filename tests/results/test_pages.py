"""The results pages as a user sees them: the plan's measures, a measure's chart and values,
the comparison across units."""

from __future__ import annotations

from tests.factories import commit, make_measure, make_org, make_plan, record
from tests.html import page


def _region_with_bhk():
    region = make_org("Region Test")
    units = [make_org(name, "enhet", region) for name in ("Avd 1", "Avd 2", "Avd 3")]
    plan = make_plan(region)
    bhk = make_measure(plan, name="Följsamhet till BHK")
    for unit, q1, q2 in zip(units, (92, 85, 70), (95, 88, 72), strict=True):
        record(bhk, unit, "2026-Q1", q1)
        record(bhk, unit, "2026-Q2", q2)
    commit()
    return region, units, plan, bhk


def test_smoke(client):
    region, units, plan, bhk = _region_with_bhk()
    for url in (
        f"/planer/{plan.id}/resultat",
        f"/matt/{bhk.id}",
        f"/matt/{bhk.id}?enhet={units[2].id}",
        f"/matt/{bhk.id}/redigera",
        f"/matt/{bhk.id}/varde",
        f"/matt/{bhk.id}/varde?enhet={units[0].id}&period=2026-Q1",
        f"/matt/{bhk.id}/period?period=2026-Q1",
        f"/planer/{plan.id}/matt/nytt",
        f"/planer/{plan.id}/matt/katalog",
    ):
        response = client.get(url)
        assert response.status_code == 200, (url, response.get_data(as_text=True)[-3000:])
    doc = page(client.get(f"/matt/{bhk.id}"))
    print(doc.find("table", class_="compare-table").get_text(" ", strip=True))
