"""A restore gives the file's roles to accounts that already exist here (matched by
e-mail, a system administrator's included): the page names them and writes nothing until a
system administrator confirmed exactly that list."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from planner.auth.models import ADMIN, READER, Membership, User
from planner.backup.dump import dump_bytes
from planner.extensions import db
from planner.orgs.models import Organisation
from tests.backup.test_refusals import upload
from tests.factories import commit, make_org, make_plan, make_user
from tests.html import page


@pytest.fixture
def backup(app, client):
    """A region's backup in which the logged-in system administrator is a reader, and an
    organisation to restore it under."""
    region = make_org("Region Väst")
    make_plan(region)
    make_user("admin@vast.se", ADMIN, region, name="Ada Väst")
    system_admin = db.session.scalar(select(User).where(User.email == "systemadmin@test.se"))
    membership = Membership(user=system_admin, organisation=region, role=READER)
    db.session.add(membership)
    forum = make_org("Samverkan", "forum")
    commit()
    return dump_bytes(region), forum.id


def organisations() -> int:
    return db.session.scalar(select(func.count()).select_from(Organisation))


def test_the_existing_accounts_are_named_and_nothing_is_written(client, backup):
    data, forum_id = backup
    before = organisations()
    response = upload(client, data, forum_id)
    assert response.status_code == 200
    assert organisations() == before
    shown = page(response)
    table = shown.find(id="befintliga-konton").find_parent("section").find("table")
    rows = {
        tr.find_all("td")[1].get_text(strip=True): [td.get_text(" ", strip=True) for td in tr("td")]
        for tr in table.find("tbody").find_all("tr")
    }
    assert set(rows) == {"admin@vast.se", "systemadmin@test.se"}
    assert rows["admin@vast.se"][0] == "Ada Väst"
    assert "Administratör, Region Väst" in rows["admin@vast.se"][2]
    assert rows["admin@vast.se"][3] == "Nej"
    assert "Läsare, Region Väst" in rows["systemadmin@test.se"][2]
    assert rows["systemadmin@test.se"][3] == "Ja – systemadministratör"
    error = shown.find(id="confirm_accounts-error").get_text()
    assert "Inget har återställts" in error and "kryssa i rutan" in error


def test_confirmed_accounts_get_their_roles(client, backup):
    data, forum_id = backup
    fingerprint = page(upload(client, data, forum_id)).find(id="accounts_fingerprint")["value"]
    response = upload(
        client, data, forum_id, confirm_accounts="y", accounts_fingerprint=fingerprint
    )
    assert response.status_code == 302
    shown = page(client.get(response.headers["Location"]))
    assert "Region Väst återställdes" in shown.text
    restored = db.session.scalar(
        select(Organisation).where(
            Organisation.name == "Region Väst", Organisation.parent_id == forum_id
        )
    )
    roles = {
        (m.user.email, m.role)
        for m in db.session.scalars(
            select(Membership).where(Membership.organisation_id == restored.id)
        )
    }
    assert roles == {("admin@vast.se", "administrator"), ("systemadmin@test.se", "lasare")}


def test_the_box_alone_does_not_confirm_a_list_never_shown(client, backup):
    data, forum_id = backup
    before = organisations()
    # Ticked, but for another list (or none): refused, the list is shown again.
    response = upload(client, data, forum_id, confirm_accounts="y", accounts_fingerprint="0" * 32)
    assert response.status_code == 200
    assert organisations() == before
    error = page(response).find(id="confirm_accounts-error").get_text()
    assert re.search(r"har ändrats sedan du bekräftade", error)
