"""A PSB is drafted from the plan's data: every heading of the template in order, generated
tables with the right numbers, and the writer's own text kept when the data is regenerated."""

from __future__ import annotations

from datetime import date

from planner.extensions import db
from planner.plans.models import Activity, Plan
from planner.psb import services as psb
from planner.psb.template import load_template
from tests.factories import commit, make_activity
from tests.html import page, table_rows, text
from tests.psb.helpers import YEAR, done, form_with, psb_world


def _document_headings(response) -> list[tuple[str, str]]:
    body = page(response).select_one(".psb-document")
    return [(h.name, h.get_text(strip=True)) for h in body.find_all(["h2", "h3", "h4"])]


def test_every_heading_of_the_template_in_order(app, anonymous):
    world = psb_world()
    anonymous.login("lasare@psb.se")
    response = anonymous.get(world.url)
    assert response.status_code == 200
    headings = _document_headings(response)
    top = [title for level, title in headings if level == "h2"]
    assert top == [s.heading for s in load_template("2025").sections]
    assert top[0] == "Sammanfattning" and top[-1] == "Mål och strategier för kommande år"
    # Done activities per foundation and focus area, as subheadings in the national order.
    measures = top.index("Åtgärder som genomförts för att öka patientsäkerheten")
    after = headings[headings.index(("h2", top[measures])) + 1 :]
    subheadings = []
    for level, title in after:
        if level == "h2":
            break
        subheadings.append(title)
    assert subheadings == ["G1 Engagerad ledning och tydlig styrning", "F3 Säker vård här och nu"]
    assert page(response).find("h1").get_text(strip=True) == f"Patientsäkerhetsberättelse {YEAR}"


def test_generated_tables_have_the_right_numbers(app, anonymous):
    world = psb_world()
    anonymous.login("lasare@psb.se")
    response = anonymous.get(world.url)
    assert table_rows(response, "Genomförda aktiviteter: G1") == [
        [
            "Ledningens genomgång",
            "Anna Lindqvist",
            f"{YEAR}-03-10",
            "Alla ledningsgrupper följer upp varje månad.",
        ]
    ]
    # Only what was done in the report's year: last year's activity is not counted.
    f3 = table_rows(response, "Genomförda aktiviteter: F3")
    assert [row[0] for row in f3] == ["Tidig upptäckt av sepsis"]
    open_rows = table_rows(response, "Åtgärder som återstår")
    assert {row[0] for row in open_rows} == {
        "Journalgranskning med MJG",
        "Patientråd i varje förvaltning",
        "Säkra övergångar",
    }
    mjg = next(row for row in open_rows if row[0] == "Journalgranskning med MJG")
    assert mjg[1:] == ["F1", "Pågår", "40 %", f"{YEAR}-01-15", f"{YEAR + 1}-06-30"]
    progress = {row[0][:2]: row[1:] for row in table_rows(response, "läge per område")}
    assert progress["F3"] == ["2", "2", "0", "0", "0", "100 %"]
    assert progress["F1"] == ["1", "0", "1", "0", "0", "40 %"]
    assert table_rows(response, "Aktiviteter i samverkan") == [
        ["Säkra övergångar", "Kommun Samverkan, Region Berättelse", "Pågår"]
    ]
    assert table_rows(response, "Aktiviteter inom G4") == [
        ["Patientråd i varje förvaltning", "Ej påbörjad", "–"]
    ]
    roles = table_rows(response, "Ansvar för planen")
    assert ["Ada Admin", "Administratör"] in roles and ["Rut Redaktör", "Redaktör"] in roles
    assert not any("Lisa Läsare" in row for row in roles)  # readers hold no responsibility
    summary = text(response)
    assert "Aktiviteter i planen: 6" in summary and f"Klara under {YEAR}: 2" in summary
    assert "Ingen självskattning är gjord" in summary


def test_the_wheel_events_held_that_year(app, anonymous):
    from planner.wheel import services as wheel

    world = psb_world(create=False)
    region = db.session.get(Plan, world.plan_id).organisation
    event = wheel.create_event(
        region,
        wheel.EventData(
            "Patientsäkerhetsråd", "mote", date(YEAR - 1, 12, 5), recurrence="monthly_day"
        ),
    )
    for month in (1, 2, 3):
        wheel.set_done(event, date(YEAR, month, 5), True, "Test")
    wheel.set_done(event, date(YEAR - 1, 12, 5), True, "Test")  # the year before: not counted
    psb.create_report(region, YEAR)
    commit()
    anonymous.login("lasare@psb.se")
    rows = table_rows(anonymous.get(world.url), "Genomförda händelser i årshjulet")
    assert rows == [
        ["Patientsäkerhetsråd", "Möte", "3", f"{YEAR}-01-05, {YEAR}-02-05, {YEAR}-03-05"]
    ]


def test_writers_text_is_kept_when_the_plan_data_is_regenerated(app, anonymous):
    world = psb_world()
    anonymous.login("redaktor@psb.se")
    section_url = f"{world.url}/avsnitt/measures_taken"
    values = form_with(anonymous.get(section_url), "text")
    response = anonymous.post(section_url, data={**values, "text": "Vår **egen** analys av året."})
    assert response.status_code == 302
    plan_activity = make_activity(
        db.session.get(Plan, world.plan_id), "G2", title="Ny aktivitet efteråt"
    )
    done(plan_activity, date(YEAR, 10, 1), "Klar i oktober.")
    commit()
    before = anonymous.get(world.url)
    assert "Ny aktivitet efteråt" not in text(before)  # the generated part is a snapshot …
    assert anonymous.post(f"{world.url}/uppdatera").status_code == 302
    after = anonymous.get(world.url)
    section = page(after).find(id="measures_taken")
    assert section.find("strong").get_text() == "egen"  # … the writer's text is kept …
    assert "Vår egen analys av året." in section.get_text(" ", strip=True).replace("  ", " ")
    assert "Ny aktivitet efteråt" in text(after)  # … and the plan's data refreshed
    assert table_rows(after, "Genomförda aktiviteter: G2")[0][0] == "Ny aktivitet efteråt"


def test_regenerating_one_section_leaves_the_others(app, anonymous):
    world = psb_world()
    make_activity(db.session.get(Plan, world.plan_id), "G2", title="Ännu en öppen")
    commit()
    anonymous.login("redaktor@psb.se")
    anonymous.post(f"{world.url}/uppdatera", data={"avsnitt": "goals_next_year"})
    response = anonymous.get(world.url)
    assert "Ännu en öppen" in [r[0] for r in table_rows(response, "Åtgärder som återstår")]
    assert "Aktiviteter i planen: 6" in text(response)  # the summary was not refreshed


def test_a_section_editor_shows_the_guidance_the_law_and_the_generated_part(app, anonymous):
    world = psb_world()
    anonymous.login("redaktor@psb.se")
    response = anonymous.get(f"{world.url}/avsnitt/organisational_responsibility")
    assert response.status_code == 200
    body = text(response)
    assert "3 kap. 9 § patientsäkerhetslagen" in body
    assert "Beskriv hur ansvaret för patientsäkerhetsarbetet är fördelat" in body
    assert table_rows(response, "Ansvariga för aktiviteterna")
    assert anonymous.get(f"{world.url}/avsnitt/finns_inte").status_code == 404


def test_the_demo_region_has_a_draft_with_text_and_figures(app, anonymous, monkeypatch):
    monkeypatch.setenv("PLANNER_DEMO_PASSWORD", "demo-lösenord-123")
    assert app.test_cli_runner().invoke(args=["demo"]).exit_code == 0
    from planner.orgs.models import Organisation

    region = db.session.scalar(db.select(Organisation).filter_by(name="Region Vättersund"))
    (report,) = psb.reports_of(region)
    assert report.status == "draft" and report.figures.deviations == 1843
    anonymous.login("redaktor@exempel.se", "demo-lösenord-123")
    response = anonymous.get(f"/organisationer/{region.id}/psb/{report.year}")
    assert response.status_code == 200
    assert "basala hygien- och klädregler" in text(response)
    assert page(response).find(id="inaktuellt") is None  # drafted after all the demo's data
    assert table_rows(response, "Rapporterade avvikelser och anmälningar")[0][:2] == [
        "Rapporterade avvikelser",
        "1843",
    ]
    done_rows = sum(
        len(table_rows(response, f"Genomförda aktiviteter: {code}"))
        for code in ("G1", "G2", "G3", "G4", "F1", "F2", "F3", "F4", "F5")
        if f"Genomförda aktiviteter: {code}" in response.get_data(as_text=True)
    )
    plan = region.plans[0]
    expected = [
        a
        for a in db.session.scalars(db.select(Activity).where(Activity.plan_id == plan.id))
        if a.status == "klar" and a.updates and a.updates[0].date.year == report.year
    ]
    assert done_rows == len(expected) > 0


def test_the_page_says_when_the_plan_changed_after_the_tables_were_fetched(app, anonymous):
    world = psb_world()
    anonymous.login("redaktor@psb.se")
    assert page(anonymous.get(world.url)).find(id="inaktuellt") is None
    # Writing one's own text or the figures is no change of the plan.
    url = f"{world.url}/avsnitt/summary"
    anonymous.post(url, data={**form_with(anonymous.get(url), "text"), "text": "Egen"})
    assert page(anonymous.get(world.url)).find(id="inaktuellt") is None
    make_activity(db.session.get(Plan, world.plan_id), "G2", title="Ny efteråt")
    commit()
    warning = page(anonymous.get(world.url)).find(id="inaktuellt")
    assert "Planens data har ändrats sedan tabellerna hämtades" in warning.get_text()
    anonymous.post(f"{world.url}/uppdatera")
    assert page(anonymous.get(world.url)).find(id="inaktuellt") is None


def test_the_writer_may_leave_the_generated_part_out_of_a_section(app, anonymous):
    world = psb_world()
    anonymous.login("redaktor@psb.se")
    url = f"{world.url}/avsnitt/cooperation"
    values = form_with(anonymous.get(url), "text")
    assert values["show_generated"] == "y"
    del values["show_generated"]  # the box unticked: a browser sends nothing for it
    anonymous.post(url, data={**values, "text": "Samverkan beskrivs i vår egen text."})
    section = page(anonymous.get(world.url)).find(id="cooperation")
    assert section.find("table") is None
    assert "Samverkan beskrivs i vår egen text." in section.get_text()
    # Regenerating refreshes the stored part but keeps the choice.
    anonymous.post(f"{world.url}/uppdatera")
    assert page(anonymous.get(world.url)).find(id="cooperation").find("table") is None
    values = form_with(anonymous.get(url), "text")
    anonymous.post(url, data={**values, "show_generated": "y"})
    assert page(anonymous.get(world.url)).find(id="cooperation").find("table") is not None


def test_an_organisation_without_a_plan_gets_a_draft_that_says_so(app, anonymous):
    from tests.factories import make_org, make_user

    unit = make_org("Enhet utan plan", "enhet")
    make_user("enhet@psb.se", "redaktor", unit)
    commit()
    anonymous.login("enhet@psb.se")
    response = anonymous.post(f"/organisationer/{unit.id}/psb/ny", data={"year": str(YEAR)})
    assert response.status_code == 302
    shown = anonymous.get(response.location)
    assert len(_document_headings(shown)) == len(load_template("2025").sections)
    body = text(shown)
    assert f"Organisationen har ingen plan som gäller {YEAR}." in body
    assert "Årets siffror är inte ifyllda ännu." in body
    assert f"Inga händelser i årshjulet är markerade som genomförda {YEAR}." in body
