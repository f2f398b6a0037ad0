"""The yearly report's results chapter and the roll-up's shared measures, read back from the
PDF with pypdf and from the web pages with BeautifulSoup."""

from __future__ import annotations

from decimal import Decimal

from planner.extensions import db
from planner.results.models import Measure
from planner.results.services import MeasureData, create_measure
from tests.factories import commit, make_measure, make_org, make_plan, make_user, record
from tests.html import page, table_rows
from tests.reports.test_report import pdf_text


def region_with_results():
    region = make_org("Region Resultat")
    north = make_org("Avdelning Norr", "enhet", region)
    south = make_org("Avdelning Söder", "enhet", region)
    plan = make_plan(region)
    bhk = make_measure(plan, name="Följsamhet till BHK", source="Egen mätning")
    ulcers = make_measure(
        plan,
        name="Trycksår",
        direction="lower",
        rhythm="half_yearly",
        target=Decimal(5),
        warning=Decimal(7),
        area_code="F2",
    )
    make_measure(
        plan,
        name="Avvikelser",
        unit="count",
        direction="neither",
        target=None,
        warning=None,
        rhythm="yearly",
        area_code="G3",
    )
    record(bhk, north, "2026-Q1", 84, comment="Ny handsprit på plats")
    record(bhk, south, "2026-Q1", 96)
    record(bhk, region, "2026-Q2", 92, comment="Regionens egen mätning <b>vecka 20</b>")
    record(bhk, region, "2027-Q1", 40)  # after the report's year: not judged in 2026's report
    record(ulcers, region, "2026-H1", 9)
    commit()
    return region, plan


def test_the_report_has_a_results_chapter_per_area_with_charts_values_and_comments(app, client):
    region, plan = region_with_results()
    html = client.get(f"/planer/{plan.id}/rapport?ar=2026")
    doc = page(html)
    chapter = doc.find(id="resultat")
    assert chapter.h2.text == "Resultat 2026"
    assert [h.text for h in chapter.find_all("h3")] == [
        "G3 Adekvat kunskap och kompetens",
        "F2 Tillförlitliga och säkra system och processer",
        "F3 Säker vård här och nu",
    ]
    charts = chapter.find_all("svg")
    assert len(charts) == 3 and all(svg.title and svg.desc for svg in charts)
    bhk_chart = charts[2]
    periods = [c["data-period"] for c in bhk_chart.select("circle[data-period]")]
    assert periods == ["2026-Q1", "2026-Q2"]  # 2027's value is not in 2026's report
    assert bhk_chart.select_one("g.target") is not None
    values = table_rows(html, "Följsamhet till BHK: värden 2026 mot målvärdet 90 %")
    assert values == [
        ["kvartal 1 2026", "90 % (2 enheter)", "Målet nått"],
        ["kvartal 2 2026", "92 %", "Målet nått"],
    ]
    comment = chapter.find(string=lambda s: s and "Kommentar till senaste värdet" in s)
    assert "Region Resultat: Regionens egen mätning <b>vecka 20</b>" in comment  # as text
    assert doc.find(id="resultat").find("b") is None
    assert "1 av 3 mått nådde sitt målvärde 2026 (2 mått kunde bedömas mot ett målvärde)." in (
        doc.find(class_="results-summary").get_text(" ", strip=True)
    )
    summary = dict(table_rows(html, "Planens mått mot målvärdet, senaste värdet till och med 2026"))
    assert summary == {
        "Målet nått": "1",
        "Nära målet": "0",
        "Målet ej nått": "1",
        "Bedöms inte": "0",
        "Inget värde": "1",
    }

    reader, text = pdf_text(client.get(f"/planer/{plan.id}/rapport.pdf?ar=2026").data)
    for expected in (
        "Resultat 2026",
        "Följsamhet till BHK",
        "Trycksår",
        "Senaste värde: 92 % (kvartal 2 2026)",
        "Målet ej nått",
        "Regionens egen mätning <b>vecka 20</b>",
        "1 av 3 mått nådde sitt målvärde 2026",
    ):
        assert expected in text, expected
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_a_changed_value_renders_the_kept_report_anew(app, client):
    _region, plan = region_with_results()
    url = f"/planer/{plan.id}/rapport.pdf?ar=2026"
    assert "Målet ej nått" in pdf_text(client.get(url).data)[1]
    ulcers = db.session.scalars(db.select(Measure).where(Measure.name == "Trycksår")).one()
    record(ulcers, plan.organisation, "2026-H1", 4)
    commit()
    text = pdf_text(client.get(url).data)[1]
    assert "Trycksår" in text and "Senaste värde: 4 % (halvår 1 2026)" in text


def test_a_report_without_measures_has_no_results_chapter(app, client):
    plan = make_plan()
    commit()
    doc = page(client.get(f"/planer/{plan.id}/rapport?ar=2026"))
    assert doc.find(id="resultat") is None and doc.find(class_="results-summary") is None


def test_the_rollup_compares_each_shared_measure_across_the_organisations(app, client):
    region = make_org("Region Jämför")
    towns = [make_org(f"Kommun {n}", "kommun", region) for n in range(3)]
    plans = [make_plan(org) for org in [region, *towns]]
    for plan in plans[:3]:
        create_measure(
            plan,
            MeasureData("Följsamhet till BHK", "F3", target=Decimal(90), warning=Decimal(80)),
            catalogue_key="bhk",
        )
    # Same name, no catalogue key: the same measure too (case and spacing do not matter).
    make_measure(plans[3], name="Trycksår  ", direction="lower", target=Decimal(5), warning=None)
    make_measure(plans[1], name="trycksår", direction="lower", target=Decimal(5), warning=None)
    make_measure(plans[2], name="Bara här", target=None, warning=None)
    bhk = db.session.scalars(db.select(Measure).where(Measure.catalogue_key == "bhk")).all()
    record(bhk[0], region, "2026-Q4", 88)
    record(bhk[1], towns[0], "2026-Q3", 95)
    record(bhk[2], towns[1], "2026-Q4", 70)
    record(bhk[2], towns[1], "2027-Q1", 99)  # after the year
    ulcers = db.session.scalars(db.select(Measure).where(Measure.name.like("%rycksår%"))).all()
    record(ulcers[0], towns[2], "2026-Q4", 3)
    record(ulcers[1], towns[0], "2026-Q4", 8)
    make_user("lasare@jamfor.se", "lasare", region)
    commit()

    html = client.get(f"/organisationer/{region.id}/sammanstallning?ar=2026")
    doc = page(html)
    section = doc.find(id="gemensamma-matt")
    captions = [c.text for c in section.find_all("caption")]
    assert captions == [
        "Följsamhet till BHK: 1 av 3 organisationer når sitt målvärde",
        "Trycksår: 1 av 2 organisationer når sitt målvärde",
    ]
    assert "Bara här" not in section.text
    rows = table_rows(html, captions[0])
    assert rows == [
        ["Kommun 0", "95 %", "kvartal 3 2026", "90 %", "Målet nått"],
        ["Region Jämför", "88 %", "kvartal 4 2026", "90 %", "Nära målet"],
        ["Kommun 1", "70 %", "kvartal 4 2026", "90 %", "Målet ej nått"],
    ]
    lower = table_rows(html, captions[1])
    assert [r[0] for r in lower] == ["Kommun 2", "Kommun 0"]  # lower is better: 3 before 8

    text = pdf_text(client.get(f"/organisationer/{region.id}/sammanstallning.pdf?ar=2026").data)[1]
    assert "Gemensamma mått" in text and "Följsamhet till BHK: 1 av 3 organisationer" in text
