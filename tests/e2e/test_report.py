"""Management's journey: from the plan to its yearly report, on screen and as a downloaded PDF,
and from the region to the roll-up of its organisations."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.e2e.conftest import assert_accessible, login


def test_read_the_report_and_download_it_from_the_plan_page(page: Page, plan_world):
    w = plan_world.world
    login(page, w.reader)
    page.goto(f"/planer/{plan_world.plan_id}")
    page.get_by_role("link", name="Årsrapport", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Uppföljning av handlingsplan för ökad patientsäkerhet"
    )
    expect(page.get_by_role("heading", name="Införa strukturerad överlämning")).to_be_visible()
    assert_accessible(page)
    # The browser's print shows the report without the web-only links.
    page.emulate_media(media="print")
    expect(page.get_by_role("link", name="Ladda ner som PDF")).to_be_hidden()
    page.emulate_media(media="screen")

    page.get_by_role("link", name="Tillbaka till planen").click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Årsrapport som PDF").click()
    download = info.value
    assert download.suggested_filename.startswith("uppfoljning-")
    reader = PdfReader(download.path())
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Handlingsplan Testland 2025–2030" in text
    assert "Införa strukturerad överlämning" in text
    assert reader.trailer["/Root"]["/Lang"] == "sv"


def test_open_the_roll_up_from_the_region(page: Page, seed, plan_world):
    def make():
        from planner.extensions import db
        from planner.orgs.models import Organisation
        from tests import factories

        region = db.session.get(Organisation, plan_world.world.region_id)
        factories.make_org("Norra förvaltningen", "forvaltning", region)

    seed(make)
    login(page, plan_world.world.reader)
    page.goto(f"/organisationer/{plan_world.world.region_id}")
    page.get_by_role("link", name="Sammanställning av underorganisationernas planer").click()
    table = page.get_by_role("table", name="Varje organisations plan")

    def row(name: str):  # the row whose own header starts with the organisation's name
        header = page.get_by_role("rowheader", name=re.compile("^" + re.escape(name)))
        return table.get_by_role("row").filter(has=header)

    expect(row("Norra förvaltningen")).to_contain_text("Saknar plan för")
    expect(row("Norra förvaltningen")).to_contain_text("under Region Testland")
    expect(row("Region Testland")).to_contain_text("Handlingsplan Testland 2025–2030")
    assert_accessible(page)
    with page.expect_download() as info:
        page.get_by_role("link", name="Ladda ner som PDF").click()
    reader = PdfReader(info.value.path())
    assert "Norra förvaltningen" in " ".join(p.extract_text() for p in reader.pages)
