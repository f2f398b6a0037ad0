"""The result: each indicator beside the national level in Swedish numbers, gaps first and the
three furthest below the country on one screen, the change since last year; gaps become
activities in the right area that link back; the region's view; PDF and spreadsheet."""

from __future__ import annotations

import io

from bs4 import BeautifulSoup
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from planner.assessment import region as region_module
from planner.assessment import services
from planner.assessment.models import GapActivity
from planner.assessment.results import result_for
from planner.extensions import db
from planner.plans.models import Activity
from tests.assessment.helpers import text
from tests.factories import commit, make_assessment, make_org, make_plan, make_user

# Indicators 1 (73,6 %), 8 (83,9 %), 3 (34,2 %), 5 (9,7 %) unmet; 2 met; the rest unanswered.
ANSWERS_2026 = {
    "f1_identify": "yes",
    "f1_identify_ms": "no",
    "f4_forum_risks": "no",
    "f3_adapt": "yes",
    "f3_daily_risk": "dont_know",
    "g3_continuing_managers": "no",
    "g1_responsibility": "yes",
    "g1_responsibility_levels": "yes",
    "g1_responsibility_ms": "yes",
}
# Last year indicator 1 was met and 2 was not.
ANSWERS_2025 = {
    "f1_identify": "yes",
    "f1_identify_ms": "yes",
    "g1_responsibility": "no",
}


def _world():
    org = make_org("Åsby kommun", "kommun")
    plan = make_plan(org, title="Åsbys handlingsplan")
    make_assessment(org, 2025, ANSWERS_2025)
    assessment = make_assessment(org, 2026, ANSWERS_2026)
    commit()
    return org, plan, assessment


def test_each_indicator_beside_the_national_level_gaps_first(app, client):
    org, _plan, assessment = _world()
    page = client.get(f"/sjalvskattningar/{assessment.id}/resultat")
    soup = BeautifulSoup(page.get_data(as_text=True), "html.parser")
    top = [
        " ".join(li.get_text(" ").replace("\xa0", " ").split())
        for li in soup.select(".top-gaps ol > li")
    ]
    assert len(top) == 3
    assert top[0].startswith("Indikator 8 (F4): Gemensamma forum i vårdkedjor")
    assert "Ni: ej uppfyllt — riket 83,9 % av kommunerna, n = 255 (enkäten 2025)" in top[0]
    assert top[1].startswith("Indikator 1 (F1)") and "riket 73,6 % av kommunerna, n = 254" in top[1]
    assert top[2].startswith("Indikator 3 (F3)") and "34,2 %" in top[2]
    body = text(page)
    assert "Ni: uppfyllt — riket 76,9 % av kommunerna, n = 255 (enkäten 2025)" in body
    assert "1 av 9 utvecklingsindikatorer uppfyllda" in body
    # Grouped by focus area, the gaps first within each.
    captions = [c.get_text() for c in soup.select("table.indicators caption")]
    assert captions[0].startswith("F1") and captions[-1].startswith("F5")
    f3 = soup.select("table.indicators")[2]
    rows = [tr.th.get_text() for tr in f3.select("tbody tr")]
    assert rows[:2] == [
        "3. Riskbedömning och anpassning vid förändrade förutsättningar",
        "5. Fortbildning i patientsäkerhet för chefer",
    ]
    # The change since last year.
    f1_row = soup.select("table.indicators")[0].select_one("tbody tr")
    assert "uppfyllt förra året, inte nu" in f1_row.get_text()
    f2_row = soup.select("table.indicators")[1].select_one("tbody tr")
    assert "uppfyllt nu, inte förra året" in f2_row.get_text()


def test_result_for_is_the_api_other_features_read(app):
    org, _plan, _assessment = _world()
    result = result_for(org, 2026)
    assert [i.number for i in result.gaps] == [8, 1, 3, 5]
    assert [i.number for i in result.top_gaps] == [8, 1, 3]
    first = result.gaps[0]
    assert (first.state, first.national.percent, first.national.n) == ("not_met", 83.9, 255)
    assert result.previous_year == 2025
    assert result_for(org, 2024) is None
    assert result_for(make_org("Tom kommun", "kommun"), 2026) is None


def test_a_gap_becomes_an_activity_in_the_right_area_linked_back(app, client):
    org, plan, assessment = _world()
    form = client.get(f"/sjalvskattningar/{assessment.id}/aktivitet/indikator/8")
    filled = BeautifulSoup(form.get_data(as_text=True), "html.parser")
    title = filled.select_one("#title")["value"]
    assert title == "Uppfylla indikator 8: Gemensamma forum i vårdkedjor"
    assert (
        f"/sjalvskattningar/{assessment.id}/resultat"
        in filled.select_one("#description").get_text()
    )
    assert "F4 Stärka analys, lärande och utveckling" in text(form)
    created = client.post(
        f"/sjalvskattningar/{assessment.id}/aktivitet/indikator/8",
        data={
            "plan_id": str(plan.id),
            "title": title,
            "description": "Forum med regionen",
            "due_date": "2026-12-31",
            "responsible_name": "Maja Mas",
        },
    )
    assert created.status_code == 302
    activity = db.session.scalars(select(Activity)).one()
    assert (activity.plan_id, activity.area.code, activity.title) == (plan.id, "F4", title)
    assert [o.id for o in activity.organisations] == [org.id]
    link = db.session.scalars(select(GapActivity)).one()
    assert (link.assessment_id, link.kind, link.code) == (assessment.id, "indicator", "8")
    # From a question answered "no": the question's own area.
    created = client.post(
        f"/sjalvskattningar/{assessment.id}/aktivitet/fraga/g3_continuing_managers",
        data={
            "plan_id": str(plan.id),
            "title": "Fortbildningsrutin för chefer",
            "due_date": "2027-06-30",
        },
    )
    assert created.status_code == 302
    second = db.session.scalars(select(Activity).where(Activity.title.startswith("Fortb"))).one()
    assert second.area.code == "G3"
    # The assessment shows which gaps have an activity, with its status.
    result = BeautifulSoup(
        client.get(f"/sjalvskattningar/{assessment.id}/resultat").get_data(as_text=True),
        "html.parser",
    )
    top = result.select(".top-gaps ol > li")[0]
    assert top.find("a", string=title)["href"] == f"/aktiviteter/{activity.id}"
    assert "Ej påbörjad" in top.get_text()
    question_row = next(
        tr
        for tr in result.select("#fragor ~ div tbody tr")
        if "Fortbildningsrutin" in tr.get_text()
    )
    assert "Ej påbörjad" in question_row.get_text()


def test_a_gap_activity_needs_the_organisations_own_plan_and_a_date(app, client):
    org, plan, assessment = _world()
    other_plan = make_plan(make_org("Annan kommun", "kommun"))
    commit()
    url = f"/sjalvskattningar/{assessment.id}/aktivitet/indikator/8"
    foreign = client.post(
        url, data={"plan_id": str(other_plan.id), "title": "X", "due_date": "2026-12-31"}
    )
    assert foreign.status_code == 200 and "Not a valid choice" not in text(foreign)
    no_date = client.post(url, data={"plan_id": str(plan.id), "title": "X"})
    assert "Ange slutdatum eller uppföljningsdatum" in text(no_date)
    assert db.session.scalars(select(Activity)).all() == []
    assert (
        client.get(f"/sjalvskattningar/{assessment.id}/aktivitet/indikator/99").status_code == 404
    )
    assert client.get(f"/sjalvskattningar/{assessment.id}/aktivitet/fraga/okand").status_code == 404


def test_the_regions_view_shares_and_who_has_not_answered(app, client, count_queries):
    region = make_org("Region Vättersund", "region")
    decider = make_user("beslut@test.se")
    towns = [make_org(f"Kommun {n}", "kommun", region) for n in range(4)]
    make_assessment(towns[0], 2025, {"f1_identify": "yes", "f1_identify_ms": "yes"}, decider)
    make_assessment(towns[1], 2025, {"f1_identify": "no"}, decider)
    make_assessment(towns[2], 2025, {"f1_identify": "yes"})  # not decided yet
    commit()
    url = f"/organisationer/{region.id}/sjalvskattning/2025/underorganisationer"
    page = client.get(url)
    soup = BeautifulSoup(page.get_data(as_text=True), "html.parser")
    first = " ".join(soup.select_one("tbody tr").get_text(" ").replace("\xa0", " ").split())
    assert "50 % (1 av 2)" in first and "riket 73,6 % av kommunerna, n = 254" in first
    missing = text(page).split("Har inte svarat")[1]
    assert "Kommun 3 – inte påbörjad" in missing and "Kommun 2 – påbörjad, ej beslutad" in missing

    def statements() -> int:
        db.session.expire_all()
        region_module._kept.clear()  # count the building, not the kept view (nor its page)
        region_module._kept_html.clear()
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        return counter.count

    few = statements()
    for n in range(4, 30):
        town = make_org(f"Kommun {n}", "kommun", region)
        make_assessment(town, 2025, {"f1_identify": "yes", "f3_adapt": "no"}, decider)
    commit()
    assert statements() == few


def test_the_kept_regions_view_follows_every_change(app, client):
    region = make_org("Region Vättersund", "region")
    decider = make_user("beslut@test.se")
    town = make_org("Kommun A", "kommun", region)
    assessment = make_assessment(
        town, 2025, {"f1_identify": "yes", "f1_identify_ms": "yes"}, decider
    )
    commit()
    url = f"/organisationer/{region.id}/sjalvskattning/2025/underorganisationer"

    def first_row() -> str:
        page = BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser")
        return " ".join(page.select_one("tbody tr").get_text(" ").replace("\xa0", " ").split())

    assert "100 % (1 av 1)" in first_row()
    assert "100 % (1 av 1)" in first_row()  # kept
    services.reopen(assessment)
    services.save_answer(assessment, "f1_identify_ms", "no")
    services.decide(assessment, decider)
    commit()
    assert "0 % (0 av 1)" in first_row()
    make_assessment(make_org("Kommun B", "kommun", region), 2025, {"f1_identify": "no"}, decider)
    commit()
    assert "0 % (0 av 2)" in first_row()
    make_org("Kommun C", "kommun", region)
    commit()
    assert "Kommun C – inte påbörjad" in " ".join(
        BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser").get_text(" ").split()
    )
    # The kept page is per language: the English visitor gets English, the next Swedish one Swedish.
    client.post("/sprak", data={"lang": "en", "next": url})
    assert "Kommun C – not started" in " ".join(
        BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser").get_text(" ").split()
    )
    client.post("/sprak", data={"lang": "sv", "next": url})
    assert "Kommun C – inte påbörjad" in " ".join(
        BeautifulSoup(client.get(url).get_data(as_text=True), "html.parser").get_text(" ").split()
    )


def test_pdf_is_tagged_swedish_and_says_the_same(app, client):
    _org, _plan, assessment = _world()
    response = client.get(f"/sjalvskattningar/{assessment.id}/resultat.pdf")
    assert response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "sv" and "/StructTreeRoot" in catalog
    words = " ".join("".join(p.extract_text() for p in reader.pages).replace("\xa0", " ").split())
    assert "Självskattning 2026 mot Socialstyrelsens enkät" in words
    assert "riket 83,9 % av kommunerna, n = 255" in words
    assert "Indikator 8 (F4) Gemensamma forum i vårdkedjor" in words


def test_user_text_is_escaped_in_the_page_and_the_pdf(app, client):
    org, _plan, assessment = _world()
    org.name = "<script>alert(1)</script> kommun"
    commit()
    page = client.get(f"/sjalvskattningar/{assessment.id}/resultat").get_data(as_text=True)
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    pdf = client.get(f"/sjalvskattningar/{assessment.id}/resultat.pdf")
    words = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "<script>alert(1)</script> kommun" in words


def test_spreadsheet_has_the_indicators_and_every_answer(app, client):
    _org, _plan, assessment = _world()
    response = client.get(f"/sjalvskattningar/{assessment.id}/resultat.xlsx")
    workbook = load_workbook(io.BytesIO(response.data))
    indicators = list(workbook["Indikatorer"].values)
    assert indicators[0][:4] == ("Nr", "Område", "Indikator", "Resultat")
    assert indicators[1][:4] == (8, "F4", "Gemensamma forum i vårdkedjor", "ej uppfyllt")
    assert indicators[1][4] == "riket 83,9\xa0% av kommunerna, n = 255 (enkäten 2025)"
    answers = {row[1]: row[3] for row in list(workbook["Svar"].values)[1:]}
    assert (
        answers[
            "Har vårdgivaren dokumenterade rutiner för hur anpassning till hastigt skiftande "
            "förutsättningar ska hanteras?"
        ]
        == "Ja"
    )


def test_the_yearly_report_has_a_chapter_and_renders_anew_when_an_answer_changes(app, client):
    from planner.assessment import services
    from planner.reports.keys import data_key

    _org, plan, assessment = _world()
    page = client.get(f"/planer/{plan.id}/rapport?ar=2026")
    chapter = BeautifulSoup(page.get_data(as_text=True), "html.parser").select_one(
        "section.assessment"
    )
    words = " ".join(chapter.get_text(" ").replace("\xa0", " ").split())
    assert words.startswith("Självskattning 2026 mot Socialstyrelsens enkät")
    assert "1 av 9 utvecklingsindikatorer uppfyllda" in words
    assert "Ni: ej uppfyllt — riket 83,9 % av kommunerna, n = 255 (enkäten 2025)" in words
    assert "sjalvskattning" not in client.get(f"/planer/{plan.id}/rapport?ar=2024").get_data(
        as_text=True
    )
    with app.test_request_context():
        from planner.clock import local_today

        before = data_key(plan, 2026, local_today())
        services.save_answer(assessment, "f4_forum_risks", "yes")
        commit()
        assert data_key(plan, 2026, local_today()) != before


def test_a_comment_that_looks_like_a_formula_stays_text_in_the_spreadsheet(app, client):
    _org, _plan, assessment = _world()
    services.save_answer(assessment, "f3_adapt", "yes", '=HYPERLINK("http://evil.example","x")')
    commit()
    response = client.get(f"/sjalvskattningar/{assessment.id}/resultat.xlsx")
    sheet = load_workbook(io.BytesIO(response.data))["Svar"]
    cell = next(row[4] for row in sheet.iter_rows(min_row=2) if row[4].value)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
