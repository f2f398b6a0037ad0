"""A municipality's MAS answers the 2026 survey in a real browser, by keyboard alone, sees the
three gaps furthest below the country on one screen, turns one into an activity and decides the
assessment; axe checks every state of the pages on the way."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests import factories
from tests.e2e.conftest import assert_accessible, login

FOCUSED = "document.activeElement"


def tab_to(page: Page, condition: str, limit: int = 400) -> None:
    """Press Tab until ``condition`` (JavaScript about the focused element ``e``) holds."""
    for _ in range(limit):
        if page.evaluate(f"(() => {{ const e = {FOCUSED}; return !!({condition}); }})()"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached: {condition}")


def answer_by_keyboard(page: Page, code: str, arrows: int) -> None:
    """From wherever focus is: Tab to the question's answers, pick one with the arrow keys (or
    Space for the first), Tab to its button and press Enter."""
    tab_to(page, f"e.name === '{code}-value'")
    if arrows:
        for _ in range(arrows):
            page.keyboard.press("ArrowDown")
    else:
        page.keyboard.press("Space")
    tab_to(page, f"e.tagName === 'BUTTON' && e.form && e.form.action.includes('/svar/{code}')")
    with page.expect_navigation():  # the saves on the way (JavaScript) first, then the page
        page.keyboard.press("Enter")
    expect(page.locator(".flashes")).to_contain_text("Svaret sparades.")


def test_the_mas_answers_the_2026_survey_by_keyboard(page: Page, seed):
    def make():
        town = factories.make_org("Åsby kommun", "kommun")
        factories.make_plan(town, title="Åsbys handlingsplan 2025–2030")
        factories.make_user("mas@test.se", "redaktor", town, name="Maja Mas")
        return town.id

    town_id = seed(make)
    login(page, "mas@test.se")
    page.goto(f"/organisationer/{town_id}")
    # Start: to the link, Enter; the year offered is the newest survey; Enter on the button.
    tab_to(page, "e.tagName === 'A' && e.textContent.includes('Självskattning mot')")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Självskattning mot Socialstyrelsens enkät"
    )
    assert_accessible(page)
    expect(page.get_by_label("Enkätår")).to_have_value("2026")
    tab_to(page, "e.tagName === 'BUTTON' && e.textContent.trim() === 'Påbörja'")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Självskattning 2026: Åsby kommun")
    assert_accessible(page)

    # Indicator 1 (F1): a documented routine (Ja), not in the management system (Nej: the
    # follow-up appears only after the main answer is saved).
    answer_by_keyboard(page, "f1_identify", 0)
    assert page.url.endswith("#fraga-f1_identify_ms")
    answer_by_keyboard(page, "f1_identify_ms", 2)  # Ja → Delvis → Nej
    # Indicator 8 (F4): no joint forum for risks.
    answer_by_keyboard(page, "f4_forum_risks", 2)
    # Indicator 3 (F3): "don't know" on the daily team risk assessment.
    answer_by_keyboard(page, "f3_daily_risk", 3)
    expect(page.get_by_text("4 av 31 frågor")).to_be_visible()
    assert_accessible(page)

    # A link that is no web address is refused next to the field, nothing lost.
    page.locator("#fraga-f3_adapt summary").click()
    page.locator("#f3_adapt-link").fill("intranat/rutin")
    page.locator("#f3_adapt-comment").fill("Rutin finns i kvalitetshandboken")
    page.locator("#fraga-f3_adapt").get_by_role("button", name="Spara svaret").click()
    link = page.locator("#f3_adapt-link")
    expect(link).to_have_attribute("aria-invalid", "true")
    expect(link).to_have_accessible_description(re.compile("Ange en webbadress"))
    expect(page.locator("#f3_adapt-comment")).to_have_value("Rutin finns i kvalitetshandboken")
    assert_accessible(page)

    # The result: the three gaps furthest below the country, on one screen.
    page.get_by_role("link", name="Visa resultatet").click()
    result = page.url
    gaps = page.locator(".top-gaps ol > li")
    expect(gaps).to_have_count(3)
    expect(gaps.nth(0)).to_contain_text("Indikator 8 (F4): Gemensamma forum i vårdkedjor")
    expect(gaps.nth(0)).to_contain_text("Ni: ej uppfyllt — riket 83,9 % av kommunerna, n = 255")
    expect(gaps.nth(1)).to_contain_text("Indikator 1 (F1)")
    expect(gaps.nth(2)).to_contain_text("Indikator 3 (F3)")
    assert (
        page.evaluate("document.querySelector('.top-gaps').getBoundingClientRect().bottom") <= 900
    )
    assert_accessible(page)

    # The first gap becomes an activity in F4 of the municipality's plan, linked back.
    gaps.nth(0).get_by_role("link", name=re.compile("Skapa aktivitet")).click()
    expect(page.get_by_text("F4 Stärka analys, lärande och utveckling")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Ansvarig person").fill("Maja Mas")
    page.get_by_role("button", name="Lägg till aktiviteten").click()
    expect(page.locator(".flashes")).to_contain_text("Aktiviteten lades till i F4")
    page.goto(result)
    expect(page.locator(".top-gaps ol > li").nth(0)).to_contain_text("Ej påbörjad")

    # Decided: read-only, the answers still shown.
    page.get_by_role("link", name="Svaren").click()
    page.get_by_role("button", name="Markera som beslutad").click()
    expect(page.locator(".flashes")).to_contain_text("markerad som beslutad")
    page.get_by_role("link", name="Svaren").click()
    expect(page.get_by_role("button", name="Spara svaret")).to_have_count(0)
    expect(page.get_by_role("button", name="Öppna för ändringar")).to_be_visible()
    assert_accessible(page)


def test_the_regions_view_passes_axe(page: Page, seed):
    def make():
        region = factories.make_org("Region Testland", "region")
        decider = factories.make_user("system@test.se", system_admin=True)
        for n in range(3):
            town = factories.make_org(f"Kommun {n}", "kommun", region)
            if n:
                factories.make_assessment(town, 2025, {"f1_identify": "yes"}, decided_by=decider)
        return region.id

    region_id = seed(make)
    login(page, "system@test.se")
    page.goto(f"/organisationer/{region_id}/sjalvskattning/2025/underorganisationer")
    expect(page.get_by_role("heading", level=1)).to_contain_text("2025")
    expect(page.get_by_text("Kommun 0 – inte påbörjad")).to_be_visible()
    assert_accessible(page)


def test_a_choice_is_saved_at_once_and_its_follow_up_appears(page: Page, seed):
    def make():
        town = factories.make_org("Åsby kommun", "kommun")
        factories.make_user("mas@test.se", "redaktor", town, name="Maja Mas")
        return factories.make_assessment(town, 2026).id

    assessment_id = seed(make)
    login(page, "mas@test.se")
    page.goto(f"/sjalvskattningar/{assessment_id}")
    question = page.locator("#fraga-f1_identify")
    follow_up = page.locator("#fraga-f1_identify_ms")
    expect(follow_up).to_contain_text("besvara huvudfrågan först")
    question.get_by_label("Ja").check()  # no button pressed
    expect(question.get_by_role("status")).to_have_text("Svaret sparades.")
    expect(follow_up.get_by_label("Nej")).to_be_visible()
    follow_up.get_by_label("Nej").check()
    expect(follow_up.get_by_role("status")).to_have_text("Svaret sparades.")
    question.get_by_label("Delvis").check()  # a second save of the same question: no conflict
    expect(question.get_by_role("status")).to_have_text("Svaret sparades.")
    assert_accessible(page)
    page.reload()
    expect(page.locator("#fraga-f1_identify").get_by_label("Delvis")).to_be_checked()
    expect(page.locator("#fraga-f1_identify_ms").get_by_label("Nej")).to_be_checked()
