"""What people do with planner, in a real browser: by roles and labels as a screen reader
announces them, by keyboard, at phone width; axe-core checks every page on the way."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from planner.extensions import db
from tests import factories
from tests.e2e.conftest import assert_accessible, login

AREA_CODES = ["G1", "G2", "G3", "G4", "F1", "F2", "F3", "F4", "F5"]
AREAS_TABLE = "Framsteg per grundläggande förutsättning och fokusområde"


def flash(page: Page):
    return page.locator(".flashes[role=status]")


# --- logging in ----------------------------------------------------------------------------


def test_login_refuses_a_wrong_password_and_lets_the_right_one_in(page: Page, world):
    page.goto("/logga-in")
    expect(page.get_by_role("heading", level=1, name="Logga in")).to_be_visible()
    assert_accessible(page)

    # Nothing filled in: each field says what is missing, next to itself and in the summary.
    page.get_by_role("button", name="Logga in").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Formuläret sparades inte")
    email = page.get_by_label("E-post")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description(re.compile("Fyll i fältet"))
    assert_accessible(page)

    page.get_by_label("E-post").fill(world.editor)
    page.get_by_label("Lösenord").fill("inte rätt lösenord")
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("alert")).to_contain_text("Fel e-postadress eller lösenord.")
    # The generic message: it does not tell which of the two was wrong.
    expect(page.get_by_role("alert")).not_to_contain_text("Lösenordet")
    expect(page.get_by_label("E-post")).to_have_value(world.editor)
    expect(page.get_by_label("Lösenord")).to_have_value("")
    assert_accessible(page)

    page.get_by_label("Lösenord").fill(factories.PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", level=1, name="Organisationer")).to_be_visible()
    expect(page.get_by_role("link", name=world.region)).to_be_visible()
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()
    assert_accessible(page)


# --- a plan from the national template -----------------------------------------------------


def test_create_a_plan_from_the_national_template(page: Page, world):
    login(page, world.editor)
    page.get_by_role("link", name=world.region).click()
    expect(page.get_by_role("heading", level=1, name=world.region)).to_be_visible()
    expect(page.get_by_text("Organisationen har ingen plan ännu.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Ny plan från nationell mall").click()
    expect(page.get_by_role("heading", level=1, name=f"Ny plan för {world.region}")).to_be_visible()
    assert_accessible(page)

    # A mistake first: no title, and a period that ends before it starts.
    page.get_by_label("Titel").fill("")
    page.get_by_label("Period till (år)").fill("2020")
    page.get_by_role("button", name="Skapa planen").click()
    expect(page.get_by_role("alert")).to_contain_text("Formuläret sparades inte")
    expect(page.get_by_label("Titel")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Period till (år)")).to_have_accessible_description(
        re.compile("Perioden kan inte sluta före det år den börjar")
    )
    assert_accessible(page)

    title = "Handlingsplan för ökad patientsäkerhet i Region Testland 2025–2030"
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Period från (år)").fill("2025")
    page.get_by_label("Period till (år)").fill("2030")
    page.get_by_label("Beslutad av (organ)").fill("Regionstyrelsen")
    page.get_by_label("Beslutsnivå").select_option(label="Politisk nivå")
    page.get_by_label("Beslutsdatum").fill("2025-02-18")
    page.get_by_label("Status").select_option(label="Fastställd")
    page.get_by_role("button", name="Skapa planen").click()

    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
    expect(flash(page)).to_contain_text("Planen skapades med de nio områdena")
    areas = page.get_by_role("table", name=AREAS_TABLE)
    rows = areas.get_by_role("rowheader")
    expect(rows).to_have_count(9)
    codes = [text.split()[0] for text in rows.all_inner_texts()]
    assert codes == AREA_CODES
    expect(
        areas.get_by_role("link", name="G1 Engagerad ledning och tydlig styrning")
    ).to_be_visible()
    expect(page.get_by_role("term").filter(has_text="Beslutad av")).to_be_visible()
    expect(page.get_by_text("Regionstyrelsen (Politisk nivå)")).to_be_visible()
    assert_accessible(page)

    # The organisation page now lists it.
    page.get_by_role("navigation", name="Du är här").get_by_role("link", name=world.region).click()
    plans = page.get_by_role("table", name="Organisationens egna planer")
    expect(plans.get_by_role("link", name=title)).to_be_visible()
    assert_accessible(page)


# --- goals and activities ------------------------------------------------------------------


def test_add_a_goal_and_activities_including_a_joint_one(page: Page, plan_world):
    w = plan_world.world
    login(page, w.editor)
    page.goto(f"/planer/{plan_world.plan_id}")
    assert_accessible(page)

    page.get_by_role("link", name="Nytt mål", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Nytt mål")).to_be_visible()
    assert_accessible(page)
    goal = "Alla överlämningar mellan region och kommun sker strukturerat"
    page.get_by_label("Område").select_option(label="G2 En god säkerhetskultur")
    page.get_by_label("Mål", exact=True).fill(goal)
    page.get_by_label("Beskrivning").fill("Mäts med punktprevalens två gånger per år.")
    page.get_by_role("button", name="Spara").click()

    expect(page.get_by_role("heading", level=1, name="G2 En god säkerhetskultur")).to_be_visible()
    expect(flash(page)).to_contain_text("Målet lades till.")
    expect(page.get_by_role("heading", level=3, name=goal)).to_be_visible()
    assert_accessible(page)

    # A joint activity for the goal, region and municipality together.
    page.get_by_role("link", name=f"Ny aktivitet för målet {goal}").click()
    expect(page.get_by_role("heading", level=1, name="Ny aktivitet")).to_be_visible()
    expect(page.get_by_label("Område")).to_have_value(re.compile(r"\d+"))
    expect(page.get_by_label("Mål", exact=True).locator("option:checked")).to_have_text(
        f"G2 – {goal}"
    )
    assert_accessible(page)

    joint = "Gemensam rutin för utskrivning från sluten vård"
    page.get_by_label("Aktivitet", exact=True).fill(joint)
    page.get_by_label("Ansvarig person").fill("Karin Holm")
    page.get_by_label("Roll").fill("MAS")
    page.get_by_label("E-post").fill("karin.holm@testby.se")
    page.get_by_label("Slutdatum").fill(factories.days(120).isoformat())
    organisations = page.get_by_role("group", name="Ansvariga organisationer")
    region_box = organisations.get_by_role("checkbox", name=w.region)
    kommun_box = organisations.get_by_role("checkbox", name=w.kommun)
    expect(region_box).to_be_checked()
    # Forgetting every organisation is caught, and shown on the group.
    region_box.uncheck()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("alert")).to_contain_text("Välj minst en ansvarig organisation.")
    expect(page.get_by_label("Aktivitet", exact=True)).to_have_value(joint)
    assert_accessible(page)

    region_box.check()
    kommun_box.check()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1, name=joint)).to_be_visible()
    expect(flash(page)).to_contain_text("Aktiviteten lades till.")
    expect(page.get_by_text("Gemensam aktivitet")).to_be_visible()
    expect(page.get_by_text(f"{w.region} + {w.kommun}")).to_be_visible()
    expect(page.get_by_role("link", name="karin.holm@testby.se")).to_be_visible()
    assert_accessible(page)

    # A second activity, the region's own, from the plan page.
    page.get_by_role("navigation", name="Planens delar").get_by_role(
        "link", name="Översikt"
    ).click()
    assert_accessible(page)
    page.get_by_role("link", name="Ny aktivitet", exact=True).click()
    assert_accessible(page)
    own = "Utbilda chefer i patientsäkerhetsledning"
    page.get_by_label("Aktivitet", exact=True).fill(own)
    page.get_by_label("Område").select_option(label="G2 En god säkerhetskultur")
    page.get_by_label("Mål", exact=True).select_option(label=f"G2 – {goal}")
    page.get_by_label("Ansvarig person").fill("Per Ek")
    page.get_by_label("Uppföljningsdatum").fill(factories.days(60).isoformat())
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", level=1, name=own)).to_be_visible()
    expect(page.get_by_text("Gemensam aktivitet")).to_have_count(0)
    assert_accessible(page)

    # The area lists both under the goal; the list shows who is responsible.
    page.get_by_role("link", name="G2 En god säkerhetskultur").click()
    table = page.get_by_role("table", name="Aktiviteter i G2")
    expect(table.get_by_role("row").filter(has_text=joint)).to_contain_text(goal)
    expect(table.get_by_role("row").filter(has_text=own)).to_contain_text(goal)
    assert_accessible(page)

    page.get_by_role("navigation", name="Planens delar").get_by_role(
        "link", name="Aktiviteter"
    ).click()
    expect(page.get_by_role("status").filter(has_text="aktiviteter")).to_have_text("3 aktiviteter")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=joint))
    expect(row).to_contain_text(f"{w.region} + {w.kommun}")
    assert_accessible(page)


# --- progress ------------------------------------------------------------------------------


def test_recorded_progress_moves_the_overview(page: Page, plan_world):
    w = plan_world.world
    login(page, w.editor)
    page.goto(f"/planer/{plan_world.plan_id}")
    g1 = page.get_by_role("progressbar", name="Framsteg för G1")
    expect(g1).to_have_attribute("value", "0")
    assert_accessible(page)

    page.get_by_role("navigation", name="Planens delar").get_by_role(
        "link", name="Aktiviteter"
    ).click()
    assert_accessible(page)
    page.get_by_role("link", name="Införa strukturerad överlämning").click()
    expect(
        page.get_by_role("heading", level=1, name="Införa strukturerad överlämning")
    ).to_be_visible()
    expect(page.get_by_text("Inget framsteg registrerat ännu.")).to_be_visible()
    assert_accessible(page)

    form = page.locator("form").filter(has=page.get_by_role("button", name="Registrera"))
    expect(form.get_by_label("Datum")).to_have_value(factories.days(0).isoformat())
    form.get_by_label("Status").select_option(label="Pågår")
    form.get_by_label("Andel klart (%)").fill("150")
    form.get_by_label("Kommentar").fill("Rutinen är utbildad på tre av fem avdelningar.")
    form.get_by_role("button", name="Registrera").click()
    expect(page.get_by_role("alert")).to_contain_text("Ange ett tal mellan 0 och 100.")
    expect(page.get_by_label("Kommentar")).to_have_value(
        "Rutinen är utbildad på tre av fem avdelningar."
    )
    assert_accessible(page)

    page.get_by_label("Andel klart (%)").fill("60")
    page.get_by_role("button", name="Registrera").click()
    expect(flash(page)).to_contain_text("Framsteget registrerades.")
    history = page.locator("ol.history")
    expect(history.get_by_role("listitem").first).to_contain_text("60 %")
    expect(history).to_contain_text("Rutinen är utbildad på tre av fem avdelningar.")
    expect(page.get_by_role("progressbar", name="Andel klart")).to_have_attribute("value", "60")
    assert_accessible(page)

    page.get_by_role("navigation", name="Planens delar").get_by_role(
        "link", name="Översikt"
    ).click()
    expect(page.get_by_role("progressbar", name="Framsteg för G1")).to_have_attribute("value", "60")
    expect(page.get_by_role("progressbar", name="Hela planens framsteg")).to_have_attribute(
        "value", "60"
    )
    areas = page.get_by_role("table", name=AREAS_TABLE)
    expect(areas.get_by_role("row").filter(has_text="G1 Engagerad")).to_contain_text("60 %")
    assert_accessible(page)


# --- finding overdue work ------------------------------------------------------------------


def test_find_overdue_work_with_the_filters(page: Page, seed, plan_world):
    def make():
        from planner.plans.models import Plan

        plan = db.session.get(Plan, plan_world.plan_id)
        factories.make_activity(
            plan,
            "F2",
            title="Följa upp vårdskador i journalgranskning",
            start_date=factories.days(-200),
            due_date=factories.days(-10),
            status="pagar",
            percent=30,
        )
        factories.make_activity(
            plan,
            "F3",
            title="Läkemedelsgenomgångar i hemsjukvården",
            start_date=factories.days(-200),
            due_date=factories.days(-20),
            status="klar",
        )
        factories.make_activity(
            plan, "G3", title="Utbilda i teamträning", due_date=factories.days(5)
        )

    seed(make)
    login(page, plan_world.world.reader)
    page.goto(f"/planer/{plan_world.plan_id}/aktiviteter")
    expect(page.get_by_role("heading", level=1, name="Aktiviteter")).to_be_visible()
    count = page.get_by_role("status").filter(has_text="aktivitet")
    expect(count).to_have_text("4 aktiviteter")
    assert_accessible(page)

    filters = page.get_by_role("search", name="Filtrera aktiviteter")
    filters.get_by_label("Endast försenade").check()
    filters.get_by_role("button", name="Filtrera").click()
    expect(page).to_have_url(re.compile(r"forsenade=y"))
    expect(filters.get_by_label("Endast försenade")).to_be_checked()
    expect(count).to_have_text("1 aktivitet")
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows).to_have_count(2)  # the header and the one late activity
    late = rows.nth(1)
    expect(late).to_contain_text("Följa upp vårdskador i journalgranskning")
    expect(late).to_contain_text("Försenad")
    expect(late).to_contain_text(factories.days(-10).isoformat())
    assert_accessible(page)

    # Narrowed further to an area with no late work: nothing matches, and it says so.
    filters.get_by_label("Område").select_option(label="G1 Engagerad ledning och tydlig styrning")
    filters.get_by_role("button", name="Filtrera").click()
    expect(count).to_have_text("0 aktiviteter")
    expect(page.get_by_text("Inga aktiviteter matchar filtret.")).to_be_visible()
    assert_accessible(page)

    filters.get_by_role("link", name="Rensa filter").click()
    expect(count).to_have_text("4 aktiviteter")

    # The overview says the same: one late activity, listed by name.
    page.get_by_role("navigation", name="Planens delar").get_by_role(
        "link", name="Översikt"
    ).click()
    expect(page.get_by_role("heading", level=2, name="Försenade aktiviteter (1)")).to_be_visible()
    overdue = page.get_by_role("table", name="Aktiviteter vars slutdatum har passerat")
    expect(
        overdue.get_by_role("link", name="Följa upp vårdskador i journalgranskning")
    ).to_be_visible()
    assert_accessible(page)


# --- two editors, one activity -------------------------------------------------------------


def test_second_editor_is_told_of_the_conflict_and_keeps_their_input(
    page: Page, new_context, plan_world
):
    w = plan_world.world
    edit_url = f"/aktiviteter/{plan_world.activity_id}/redigera"
    first = page
    second = new_context().new_page()
    login(first, w.editor)
    login(second, w.other_editor)

    first.goto(edit_url)
    second.goto(edit_url)
    expect(second.get_by_role("heading", level=1, name="Redigera aktivitet")).to_be_visible()
    assert_accessible(second)

    first.get_by_label("Ansvarig person").fill("Anna Andersson")
    first.get_by_role("button", name="Spara").click()
    expect(flash(first)).to_contain_text("Aktiviteten sparades.")
    assert_accessible(first)

    new_title = "Införa strukturerad överlämning enligt SBAR"
    second.get_by_label("Aktivitet", exact=True).fill(new_title)
    second.get_by_label("Ansvarig person").fill("Bo Berg")
    with second.expect_response(lambda r: r.request.method == "POST") as answer:
        second.get_by_role("button", name="Spara").click()
    assert answer.value.status == 409
    alert = second.get_by_role("alert")
    expect(alert).to_contain_text("Någon annan har ändrat detta")
    expect(alert).to_contain_text("Anna Andersson")  # what the other person changed
    # Their own input is still there to merge and save again.
    expect(second.get_by_label("Aktivitet", exact=True)).to_have_value(new_title)
    expect(second.get_by_label("Ansvarig person")).to_have_value("Bo Berg")
    saved = second.get_by_role("region", name="Det som nu är sparat")
    expect(saved).to_contain_text("Anna Andersson")
    assert_accessible(second)

    # Having seen the other change, they save again, deliberately: it goes through.
    second.get_by_role("button", name="Spara").click()
    expect(second.get_by_role("heading", level=1, name=new_title)).to_be_visible()
    expect(flash(second)).to_contain_text("Aktiviteten sparades.")
    responsible = second.get_by_role("definition").filter(has_text="Bo Berg")
    expect(responsible).to_be_visible()
    assert_accessible(second)


# --- a reader ------------------------------------------------------------------------------


def test_a_reader_sees_the_plan_but_cannot_edit_it(page: Page, plan_world):
    w = plan_world.world
    login(page, w.reader)
    page.goto(f"/planer/{plan_world.plan_id}")
    expect(
        page.get_by_role("heading", level=1, name="Handlingsplan Testland 2025–2030")
    ).to_be_visible()
    expect(page.get_by_role("table", name=AREAS_TABLE)).to_be_visible()
    expect(page.get_by_role("link", name="Ny aktivitet")).to_have_count(0)
    expect(page.get_by_role("link", name="Nytt mål")).to_have_count(0)
    expect(page.get_by_role("link", name="Redigera planens uppgifter")).to_have_count(0)
    assert_accessible(page)

    page.goto(f"/aktiviteter/{plan_world.activity_id}")
    expect(
        page.get_by_role("heading", level=1, name="Införa strukturerad överlämning")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Redigera aktiviteten")).to_have_count(0)
    expect(page.get_by_role("button", name="Registrera")).to_have_count(0)
    assert_accessible(page)

    response = page.goto(f"/aktiviteter/{plan_world.activity_id}/redigera")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1, name="Du har inte behörighet")).to_be_visible()
    assert_accessible(page)


# --- keyboard ------------------------------------------------------------------------------

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const s = getComputedStyle(el);
  return {tag: el.tagName, name: el.name || el.textContent.trim(),
          style: s.outlineStyle, width: parseFloat(s.outlineWidth) || 0,
          shadow: s.boxShadow};
}"""


def test_login_form_is_usable_by_keyboard_with_a_visible_focus(page: Page, world):
    page.goto("/logga-in")
    assert_accessible(page)
    email = page.get_by_label("E-post")

    # Tab from the top of the page: every stop shows where focus is, and the e-mail field
    # is reached after the skip link and the header's few controls.
    stops = []
    for _ in range(6):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        stops.append(focus)
        assert focus["style"] != "none" and focus["width"] > 0, f"no visible focus: {focus}"
        if email.evaluate("el => el === document.activeElement"):
            break
    expect(email).to_be_focused()
    assert stops[0]["name"] == "Hoppa till innehållet", stops

    # The skip link goes straight to the content: one Tab from there is the e-mail field.
    page.goto("/logga-in")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Hoppa till innehållet")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(email).to_be_focused()
    focus = page.evaluate(FOCUS_STYLE)
    assert focus["style"] != "none" and focus["width"] > 0, focus

    page.keyboard.type(world.editor)
    page.keyboard.press("Tab")
    password = page.get_by_label("Lösenord")
    expect(password).to_be_focused()
    assert page.evaluate(FOCUS_STYLE)["style"] != "none"
    page.keyboard.type(factories.PASSWORD)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Logga in")).to_be_focused()
    assert page.evaluate(FOCUS_STYLE)["style"] != "none"
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Organisationer")).to_be_visible()
    assert_accessible(page)


# --- phone width ---------------------------------------------------------------------------

OVERFLOW = """() => {
  // The page's scroll width, and the outermost elements that stick out past the viewport
  // (ones whose parent fits), outside any .table-scroll container: what to fix.
  const width = document.documentElement.clientWidth;
  const sticksOut = (el) => el.getBoundingClientRect().right > width + 0.5;
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.parentElement.closest('.table-scroll')) continue;
    if (sticksOut(el) && !sticksOut(el.parentElement)) {
      const what = el.tagName.toLowerCase() + (el.className ? '.' + el.className : '');
      const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50);
      wide.push(`${what} (right edge ${Math.round(el.getBoundingClientRect().right)} px): ${text}`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, wide};
}"""


def test_plan_pages_fit_a_phone_without_sideways_scrolling(page: Page, seed, plan_world):
    def make():
        from planner.plans.models import Plan

        plan = db.session.get(Plan, plan_world.plan_id)
        # Something in every table of the overview: late, due soon, without anyone responsible.
        factories.make_activity(
            plan,
            "F2",
            title="Följa upp vårdskador med markörbaserad journalgranskning",
            start_date=factories.days(-200),
            due_date=factories.days(-10),
            status="pagar",
            percent=30,
        )
        factories.make_activity(
            plan,
            "G4",
            title="Patientkontrakt och patientmedverkan i vårdplanering",
            due_date=factories.days(12),
            responsible_name="",
        )
        for n in range(3):
            factories.make_activity(plan, "F5", title=f"Riskanalys inför införande {n + 1}")

    seed(make)
    login(page, plan_world.world.editor)
    page.set_viewport_size({"width": 360, "height": 740})

    page.goto(f"/planer/{plan_world.plan_id}")
    expect(page.get_by_role("table", name=AREAS_TABLE)).to_be_visible()
    for caption in (
        "Aktiviteter vars slutdatum har passerat",
        "Aktiviteter med slutdatum inom 30 dagar",
        "Pågående eller ej påbörjade aktiviteter utan ansvarig person",
    ):
        expect(page.get_by_role("table", name=caption)).to_be_visible()
    overview = page.evaluate(OVERFLOW)
    assert_accessible(page)

    page.get_by_role("navigation", name="Planens delar").get_by_role(
        "link", name="Aktiviteter"
    ).click()
    expect(page.get_by_role("status").filter(has_text="aktiviteter")).to_have_text("6 aktiviteter")
    activity_list = page.evaluate(OVERFLOW)
    # The wide table scrolls inside its own container, not the page.
    expect(page.locator(".table-scroll > table")).to_have_count(1)
    assert_accessible(page)

    # Both pages measured before either is judged, so one failure reports both.
    wide = {
        name: layout
        for name, layout in (("plan overview", overview), ("activity list", activity_list))
        if layout["scrollWidth"] > 360
    }
    assert not wide, "pages scroll sideways at 360 px:\n" + "\n".join(
        f"{name}: scrollWidth {layout['scrollWidth']}\n  " + "\n  ".join(layout["wide"])
        for name, layout in wide.items()
    )
