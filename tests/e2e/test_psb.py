"""The patient-safety report's journey: the lead drafts the year's PSB from the plan, writes
under a heading, enters the year's figures, decides it and publishes it; anyone reads it
without logging in."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import assert_accessible, login

YEAR = "2026"


def test_draft_write_decide_and_publish_the_psb(page: Page, browser: Browser, plan_world, base_url):
    w = plan_world.world
    login(page, w.editor)
    page.goto(f"/organisationer/{w.region_id}")
    page.get_by_role("link", name="Patientsäkerhetsberättelser").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Patientsäkerhetsberättelser")
    assert_accessible(page)
    page.get_by_label("År som berättelsen gäller").fill(YEAR)
    page.get_by_role("button", name="Skapa utkast från planen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Patientsäkerhetsberättelse {YEAR}")
    expect(
        page.get_by_role(
            "heading", level=2, name="Organisatoriskt ansvar för patientsäkerhetsarbetet"
        )
    ).to_be_visible()
    # The plan's open activity is in the time plan for the coming year.
    expect(page.get_by_role("table", name="Åtgärder som återstår")).to_contain_text(
        "Införa strukturerad överlämning"
    )
    assert_accessible(page)

    page.get_by_role("link", name="Skriv under ”Sammanfattning”").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sammanfattning")
    assert_accessible(page)
    page.get_by_label("Egen text").fill("Året präglades av **säkra övergångar**.\n\n- ett\n- två")
    page.get_by_role("button", name="Spara texten").click()
    summary = page.locator("#summary")
    expect(summary.locator("strong").first).to_have_text("säkra övergångar")
    expect(summary.get_by_role("listitem").first).to_have_text("ett")

    page.get_by_role("link", name="Årets siffror").click()
    page.get_by_label("Rapporterade avvikelser").fill("-1")
    page.get_by_role("button", name="Spara siffrorna").click()
    expect(page.get_by_text("Ange ett heltal, 0 eller större.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Rapporterade avvikelser").fill("312")
    page.get_by_role("button", name="Spara siffrorna").click()
    expect(page.locator("#deviations").get_by_role("table")).to_contain_text("312")

    page.get_by_role("link", name="Besluta berättelsen …").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Besluta patientsäkerhetsberättelsen {YEAR}"
    )
    assert_accessible(page)
    page.get_by_label("Beslutad av").fill("Regionstyrelsen")
    page.get_by_role("button", name="Besluta och lås berättelsen").click()
    expect(page.get_by_text("Beslutad av Regionstyrelsen")).to_be_visible()
    page.get_by_role("button", name="Publicera för alla utan inloggning").click()
    page.get_by_role("link", name="Publik sida").click()
    public_url = page.url

    visitor = browser.new_page(base_url=base_url)
    visitor.goto(public_url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        f"Patientsäkerhetsberättelse {YEAR}"
    )
    expect(visitor.locator("#summary strong").first).to_have_text("säkra övergångar")
    expect(visitor.get_by_role("button", name="Logga ut")).to_have_count(0)
    assert_accessible(visitor)
    visitor.close()
