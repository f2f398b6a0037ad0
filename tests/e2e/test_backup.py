"""Moving an organisation: its administrator downloads the backup from the organisation's
page, a system administrator restores it through the upload form."""

from __future__ import annotations

import json

from playwright.sync_api import Page, expect

from planner.extensions import db
from planner.orgs.models import Organisation
from tests import factories
from tests.e2e.conftest import assert_accessible, login


def test_download_a_backup_and_restore_it_elsewhere(page: Page, world, seed, tmp_path):
    def make() -> None:
        factories.make_user("system@test.se", system_admin=True, name="Sigrid System")
        factories.make_plan(db.session.get(Organisation, world.region_id))

    seed(make)

    login(page, world.admin)
    page.get_by_role("link", name=world.region).click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Säkerhetskopia (JSON)").click()
    download = info.value
    assert download.suggested_filename.startswith("sakerhetskopia-region-testland-")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    document = json.loads(saved.read_bytes())
    assert document["root"] == world.region and len(document["plans"]) == 1
    page.get_by_role("button", name="Logga ut").click()

    login(page, "system@test.se")
    page.get_by_role("link", name="Återställ en säkerhetskopia").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Återställ en säkerhetskopia")
    assert_accessible(page)

    # Without a file: the message next to the field, and in the summary.
    page.get_by_role("button", name="Återställ").click()
    expect(page.get_by_role("alert")).to_contain_text("Välj en fil.")
    assert_accessible(page)

    # The same file beside the original, at the top of the tree: refused, the name clashes.
    page.get_by_label("Säkerhetskopia (JSON-fil)").set_input_files(saved)
    page.get_by_role("button", name="Återställ").click()
    expect(page.locator("#file-error")).to_contain_text("Det finns redan en organisation")
    assert_accessible(page)

    page.get_by_label("Säkerhetskopia (JSON-fil)").set_input_files(saved)
    page.get_by_label("Lägg under").select_option(label=world.kommun)
    page.get_by_role("button", name="Återställ").click()
    # The region's people already have accounts here: named before they get roles.
    accounts = page.get_by_role("table")
    expect(accounts).to_contain_text(world.admin)
    expect(accounts).to_contain_text("Administratör, " + world.region)
    expect(page.locator("#confirm_accounts-error")).to_contain_text("Inget har återställts")
    assert_accessible(page)
    page.get_by_label("Jag har kontrollerat kontona ovan").check()
    page.get_by_label("Säkerhetskopia (JSON-fil)").set_input_files(saved)
    page.get_by_role("button", name="Återställ").click()
    expect(page.locator(".flashes[role=status]")).to_contain_text(
        f"{world.region} återställdes med 1 planer"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(world.region)
    expect(page.get_by_text(f"ingår i {world.kommun}")).to_be_visible()
    assert_accessible(page)
