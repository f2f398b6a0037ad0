"""The regional roll-up: every organisation of the subtree with its plan for the year, decision
level and progress per area, read back from the web page and the PDF."""

from __future__ import annotations

from planner.plans.services import update_plan
from tests.factories import commit, days, make_activity, make_org, make_plan
from tests.html import page
from tests.reports.test_report import pdf_text


def region_with_municipalities(municipalities: int = 2):
    region = make_org("Region Norrsund")
    plan = make_plan(region, title="Regional plan 2025–2030")
    update_plan(plan, decision_level="politisk", decision_date=days(-200), status="faststalld")
    make_activity(plan, area="F1", title="Händelseanalyser", status="klar", percent=100)
    make_activity(plan, area="F1", title="Riskanalyser", due_date=days(-5))  # late → red
    towns = [make_org(f"Kommun {n:02}", "kommun", region) for n in range(municipalities)]
    town_plan = make_plan(towns[0], title="Lokal plan", period_start=2026, period_end=2027)
    make_activity(town_plan, area="G2", title="Säkerhetskultur", status="pagar", percent=40)
    old = make_plan(towns[1], title="Gammal plan", period_start=2019, period_end=2020)
    make_activity(old, area="G2")
    commit()
    return region, towns


def test_rollup_page_lists_each_organisation_with_its_plan_level_and_progress(app, client):
    region, towns = region_with_municipalities()
    html = client.get(f"/organisationer/{region.id}/sammanstallning?ar=2026")
    assert html.status_code == 200
    doc = page(html)
    rows = {
        row.th.get_text(" ", strip=True): row.get_text(" ", strip=True)
        for row in doc.select("table.rollup tbody tr")
    }
    assert set(rows) == {
        "Region Norrsund Region",
        "Kommun 00 Kommun under Region Norrsund",
        "Kommun 01 Kommun under Region Norrsund",
    }
    regional = rows["Region Norrsund Region"]
    assert "Regional plan 2025–2030" in regional and "Politisk nivå" in regional
    assert "50 % Röd" in regional  # F1: one done, one late of two
    assert "1 av 2" in regional  # late of all
    town = rows["Kommun 00 Kommun under Region Norrsund"]
    assert "Lokal plan" in town and "40 % Grön" in town
    # The 2019–2020 plan does not speak for 2026.
    assert "Saknar plan för 2026" in rows["Kommun 01 Kommun under Region Norrsund"]
    assert "3 organisationer, varav 2 har en plan som gäller 2026 och 1 har en beslutad plan" in (
        doc.get_text(" ", strip=True)
    )
    totals = {
        r.th.get_text(" ", strip=True)[:2]: [td.get_text(strip=True) for td in r.find_all("td")]
        for r in doc.select("#omraden tbody tr")
    }
    assert totals["G2"] == ["40 %", "1", "0", "0"]
    assert totals["F1"] == ["50 %", "0", "0", "1"]
    assert totals["F5"] == ["–", "0", "0", "0"]


def test_rollup_pdf_repeats_the_header_row_on_every_page_and_never_splits_a_row(app, client):
    region, towns = region_with_municipalities(municipalities=70)
    response = client.get(f"/organisationer/{region.id}/sammanstallning.pdf?ar=2026")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader, text = pdf_text(response.data)
    assert "Sammanställning av handlingsplaner för ökad patientsäkerhet 2026" in text
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/Lang"] == "sv"
    # Each page's text is extracted once (pypdf takes a while per page).
    table_pages = [(p, words) for p in reader.pages if "Kommun" in (words := p.extract_text())]
    assert len(table_pages) >= 2, "70 municipalities should need several landscape pages"
    for table_page, words in table_pages:
        width, height = table_page.mediabox.width, table_page.mediabox.height
        assert width > height  # landscape
        assert "Organisation" in words and "Försenade" in words  # the header row, repeated
    # A row is never split: each municipality's name and its "no plan" note share a page.
    for n in range(1, 70):
        holder = [words for _page, words in table_pages if f"Kommun {n:02}" in words]
        assert len(holder) == 1 and "Saknar plan för 2026" in holder[0]


def test_rollup_needs_view_right_on_the_root(app, anonymous):
    from tests.factories import make_user

    region, towns = region_with_municipalities()
    make_user("kommun@test.se", "lasare", towns[0])
    commit()
    anonymous.login("kommun@test.se")
    assert anonymous.get(f"/organisationer/{region.id}/sammanstallning").status_code == 404
    own = anonymous.get(f"/organisationer/{towns[0].id}/sammanstallning")
    assert own.status_code == 200
    assert "Region Norrsund" not in page(own).select_one("table.rollup").text
