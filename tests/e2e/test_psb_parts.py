"""The units' parts of a PSB in a real browser: the lead asks a unit, the unit's writer fills
in their part and marks it ready, the lead sees it complete and downloads both files with the
part compiled under its section."""

from __future__ import annotations

import docx
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.e2e.conftest import assert_accessible, login


def logout(page: Page) -> None:
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("button", name="Logga in")).to_be_visible()


def test_a_unit_writes_its_part_and_the_lead_downloads_the_psb(page: Page, seed, plan_world):
    w = plan_world.world

    def make():
        from planner.extensions import db
        from planner.orgs.models import Organisation
        from planner.psb import services
        from tests import factories

        region = db.session.get(Organisation, w.region_id)
        unit = factories.make_org("Akutkliniken", "enhet", region)
        factories.make_user("skribent@test.se", "lasare", unit, name="Sara Skribent")
        services.create_report(region, 2026)

    seed(make)
    login(page, w.editor)
    page.goto(f"/organisationer/{w.region_id}/psb/2026")
    page.get_by_role("link", name="Underlag från enheter").click()
    page.get_by_role("link", name="Be Akutkliniken om underlag").click()
    assert_accessible(page)
    page.get_by_label("Skribent").select_option(label="Sara Skribent (skribent@test.se)")
    page.get_by_label("Senast klart").fill("2027-02-01")
    page.get_by_label("Sammanfattning").check()
    page.get_by_role("button", name="Spara begäran").click()
    expect(page.get_by_role("status")).to_contain_text("Begäran till Akutkliniken sparades")
    expect(page.get_by_role("table", name="Klara delar per enhet")).to_contain_text("0 av 1 klara")
    logout(page)

    login(page, "skribent@test.se")
    page.get_by_role("link", name="Mitt arbete").first.click()
    page.get_by_role("link", name="Mitt PSB-underlag").click()
    page.get_by_role("link", name="Sammanfattning").click()
    page.get_by_label("Enhetens text").fill(
        "Akuten har infört **triage** dygnet runt.\n\n- Väntetiden halverad\n- Inga lex Maria"
    )
    page.get_by_label("Klar att ta med i berättelsen").check()
    assert_accessible(page)
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("status")).to_contain_text("markerat som klart")
    logout(page)

    login(page, w.editor)
    page.goto(f"/organisationer/{w.region_id}/psb/2026")
    page.get_by_role("link", name="Underlag från enheter").click()
    completion = page.get_by_role("table", name="Klara delar per avsnitt")
    expect(completion).to_contain_text("1 av 1 klara")
    assert_accessible(page)

    with page.expect_download() as info:
        page.get_by_role("link", name="Ladda ner som Word-fil").click()
    word = docx.Document(info.value.path())
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Head")]
    at = headings.index(("Heading 1", "Sammanfattning"))
    assert headings[at + 1] == ("Heading 2", "Akutkliniken")
    bullets = [p.text for p in word.paragraphs if p.style.name == "List Bullet"]
    assert "Väntetiden halverad" in bullets

    with page.expect_download() as info:
        page.get_by_role("link", name="Ladda ner som PDF").click()
    reader = PdfReader(info.value.path())
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Akutkliniken Akuten har infört triage dygnet runt." in text
    assert reader.trailer["/Root"]["/Lang"] == "sv"
