"""Files that must not be restored are refused with a clear Swedish message and nothing is
written; older formats go through the upgrade table; the CLI and the web pages."""

from __future__ import annotations

import copy
import io
import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from planner.audit.models import AuditEvent
from planner.auth.models import ADMIN, READER
from planner.backup import format as backup_format
from planner.backup.dump import dump, dump_bytes
from planner.backup.format import BackupError, parse, to_bytes
from planner.backup.restore import restore
from planner.extensions import db
from planner.feeds import services as subscriptions
from planner.orgs.models import Organisation
from planner.plans import services
from planner.wheel import services as wheel
from tests.factories import area_id, commit, make_activity, make_org, make_plan, make_user
from tests.html import page

AT = datetime(2026, 5, 4, 3, 2, 1, tzinfo=UTC)


@pytest.fixture
def region(app):
    region = make_org("Region Väst")
    unit = make_org("Enhet Ett", "enhet", region)
    plan = make_plan(region)
    activity = make_activity(plan, organisation_ids=[region.id, unit.id])
    services.record_progress(activity, date(2026, 1, 5), "pagar", 20, "Igång", "Anna")
    wheel.create_event(region, wheel.EventData("APT", "apt", date(2026, 2, 2)))
    make_user("admin@vast.se", ADMIN, region)
    make_user("lasare@vast.se", READER, unit)
    commit()
    return region


def rows() -> int:
    return db.session.scalar(select(func.count()).select_from(Organisation)) + db.session.scalar(
        select(func.count()).select_from(AuditEvent)
    )


def refused(document_or_bytes, parent=None) -> str:
    """Restore must refuse, leave the database as it was, and say why."""
    before = rows()
    data = (
        document_or_bytes if isinstance(document_or_bytes, bytes) else to_bytes(document_or_bytes)
    )
    with pytest.raises(BackupError) as error:
        restore(parse(data), parent)
    db.session.rollback()
    assert rows() == before
    return str(error.value)


def test_a_newer_version_is_refused_naming_the_version(region):
    document = dump(region, AT)
    document["version"] = 8
    assert refused(document) == (
        "Säkerhetskopian har formatversion 8; den här versionen av planner läser version 1–7."
    )


def test_an_older_version_without_an_upgrade_is_refused(region):
    document = dump(region, AT)
    document["version"] = 0
    assert "formatversion 0" in refused(document)


def test_a_version_1_file_reads_with_one_day_per_wheel_event(region):
    """Version 1 had no span_days: its events each covered one day, and still do."""
    document = dump(region, AT)
    document["version"] = 1
    for event in document["wheel_events"]:
        del event["span_days"], event["owner_user_id"]  # nor accounts linked (version 6)
    for activity in document["activities"]:
        del activity["responsible_user_id"]
    for key in ("measures", "measure_values"):
        del document[key]  # version 3's
    for key in ("assessments", "assessment_answers", "assessment_gap_activities"):
        del document[key]  # version 4's
    for key in backup_format.PSB_SECTIONS:
        del document[key]  # version 5's
    upgraded = parse(to_bytes(document))
    assert upgraded["version"] == 7
    assert [e["span_days"] for e in upgraded["wheel_events"]] == [1]
    parent = make_org("Region Återställd")
    restore(upgraded, parent)
    commit()
    restored = wheel.organisation_events(parent.children[0].id)
    assert [(e.title, e.span_days, e.owner_user_id) for e in restored] == [("APT", 1, None)]


def test_a_version_3_file_reads_without_assessments(region):
    """Version 3 had no self-assessments: such a file restores, with none."""
    document = dump(region, AT)
    document["version"] = 3
    for key in ("assessments", "assessment_answers", "assessment_gap_activities"):
        del document[key]
    upgraded = parse(to_bytes(document))
    assert upgraded["version"] == 7 and upgraded["assessments"] == []
    parent = make_org("Region Återställd")
    summary = restore(upgraded, parent)
    commit()
    assert summary.counts["assessments"] == 0


def test_an_older_version_is_upgraded_through_the_table(region, monkeypatch):
    """Pretend the format moved to version 8: a version-7 file still reads, through
    UPGRADES[7]."""
    old_file = dump_bytes(region, AT)
    calls = []

    def upgrade_7_to_8(document: dict) -> dict:
        calls.append(document["version"])
        return document  # (a real upgrade would reshape the document here)

    monkeypatch.setattr(backup_format, "VERSION", 8)
    monkeypatch.setitem(backup_format.UPGRADES, 7, upgrade_7_to_8)
    document = parse(old_file)
    assert calls == [7] and document["version"] == 8
    assert backup_format.readable_versions() == "1–8"
    document["version"] = 9
    assert "läser version 1–8" in refused(document)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Filen är inte giltig JSON"),
        (b'{"format": ', "Filen är inte giltig JSON"),
        (b"\xff\xfe not utf-8", "Filen är inte giltig JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "Filen är inte giltig JSON"),
        (b"[1, 2]", "Filen är ingen säkerhetskopia från planner."),
        (b'{"format": "other"}', "Filen är ingen säkerhetskopia från planner."),
        (b'{"format": "planner-backup", "version": "1"}', "saknar ett giltigt versionsnummer"),
    ],
)
def test_what_is_not_a_backup_is_refused(region, data, message):
    assert message in refused(data)


def mutated(region, change) -> dict:
    document = copy.deepcopy(dump(region, AT))
    change(document)
    return document


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("activities"), "saknar listan ”activities”"),
        (lambda d: d.update(extra=[]), "Okänd del i säkerhetskopian: extra."),
        (lambda d: d["plans"][0].pop("title"), "plans, rad 1: fältet ”title” saknas"),
        (lambda d: d["plans"][0].update(colour="red"), "fältet ”colour” saknas eller är okänt"),
        (lambda d: d["plans"][0].update(period_start="2025"), "ska vara ett heltal"),
        (lambda d: d["plans"][0].update(period_start=2**40), "heltal inom 32 bitar"),
        (lambda d: d["plans"][0].update(title=None), "plans, rad 1, fältet ”title”: värde saknas"),
        (lambda d: d["plans"][0].update(title="x" * 301), "högst 300 tecken"),
        (lambda d: d["plans"][0].update(title="a\x00b"), "NUL-tecken"),
        (lambda d: d["plans"][0].update(decision_date="18 februari"), "ISO-format"),
        (lambda d: d["users"][0].update(active="ja"), "sant eller falskt"),
        (lambda d: d["wheel_events"][0].update(skipped="2026-01-01"), "en lista med texter"),
        (lambda d: d["history"][0].update(changes=[]), "ska vara ett objekt"),
        (lambda d: d["activities"][0].update(plan_id=9), "hänvisar till en rad som inte finns"),
        (lambda d: d["activities"][0].update(organisations=[1, 1]), "olika id"),
        (lambda d: d["organisations"][0].update(parent_id=2), "hänvisar till en rad som inte"),
        (lambda d: d["organisations"][1].update(parent_id=None), "mer än en organisation överst"),
        (lambda d: d["organisations"][0].update(kind="stat"), "okänt värde"),
        (lambda d: d["memberships"][0].update(role="kung"), "okänt värde"),
        (lambda d: d["wheel_events"][0].update(recurrence="weekly"), "okänt värde"),
        (lambda d: d["progress_updates"][0].update(percent=101), "okänt värde"),
        (lambda d: d["wheel_events"][0].update(skipped=["2026-13-01"]), "ISO-format"),
        (lambda d: d["plans"].append(dict(d["plans"][0])), "plans, rad 2: ogiltigt id"),
        (lambda d: d["plans"][0].update(id=True), "ogiltigt id"),
        (lambda d: d["users"].append({**d["users"][0], "id": 99}), "e-postadressen finns redan"),
        (lambda d: d["history"][0].update(entity_id=999), "history, rad 1, fältet ”entity_id”"),
        (lambda d: d["history"][0].update(entity_type="Okänd"), "fältet ”entity_id”"),
        (lambda d: d["activities"].__setitem__(0, "aktivitet"), "ska vara ett objekt"),
        (
            lambda d: (
                d["plans"].append({**d["plans"][0], "id": 2})
                or d["activities"][0].update(plan_id=2)
            ),
            "activities, rad 1, fältet ”area_id”: hör till en annan plan.",
        ),
    ],
)
def test_corrupted_files_are_refused_with_the_place_named(region, change, message):
    assert message in refused(mutated(region, change))


def test_restoring_the_same_file_twice_is_refused(region, tmp_path):
    data = dump_bytes(region, AT)
    parent = make_org("Samverkan", "forum")
    restore(parse(data), parent)
    commit()
    assert "Det finns redan en organisation som heter Region Väst på den platsen" in refused(
        data, parent
    )
    # A copy next to an organisation with calendar subscriptions is refused anywhere: a
    # secret link must lead to one calendar only.
    subscriptions.create_subscription(region, "Intranätet", None)
    elsewhere = make_org("Ny plats", "forum")
    commit()
    data = dump_bytes(region, AT)
    assert "kalenderprenumeration" in refused(data, elsewhere)


# --- the commands ------------------------------------------------------------------------


def test_export_and_import_commands(app, region, tmp_path):
    runner = app.test_cli_runner()
    target = tmp_path / "vast.json"
    result = runner.invoke(args=["export-org", "Region Väst", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "Säkerhetskopian av Region Väst skrevs till" in result.output
    assert "     1 aktiviteter" in result.output
    assert json.loads(target.read_bytes())["root"] == "Region Väst"

    by_id = runner.invoke(args=["export-org", str(region.id)])
    assert json.loads(by_id.output)["organisations"][0]["name"] == "Region Väst"

    make_org("Samverkan", "forum")
    commit()
    result = runner.invoke(args=["import-org", str(target), "--parent", "Samverkan"])
    assert result.exit_code == 0, result.output
    assert "Region Väst återställdes" in result.output
    assert "     2 organisationer" in result.output
    assert "admin@vast.se" in result.output  # the accounts already existed here
    db.session.expire_all()
    copies = db.session.scalars(select(Organisation).where(Organisation.name == "Region Väst"))
    assert sorted(o.parent.name if o.parent else "" for o in copies) == ["", "Samverkan"]


def test_commands_refuse_clearly(app, region, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["export-org", "Finns inte"])
    assert result.exit_code == 1
    assert "Ingen organisation har id eller namn 'Finns inte'." in result.output
    bad = tmp_path / "trasig.json"
    bad.write_text('{"format": "planner-backup", "version": 8}')
    result = runner.invoke(args=["import-org", str(bad)])
    assert result.exit_code == 1
    assert "Ingenting återställdes: Säkerhetskopian har formatversion 8" in result.output


# --- the web pages -----------------------------------------------------------------------


def test_an_organisation_administrator_downloads_the_backup(app, region):
    client = app.test_client()
    client.login("admin@vast.se")
    html = page(client.get(f"/organisationer/{region.id}"))
    link = html.find("a", string="Säkerhetskopia (JSON)")
    response = client.get(link["href"])
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "sakerhetskopia-region-v" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    document = json.loads(response.data)
    assert [o["name"] for o in document["organisations"]] == ["Region Väst", "Enhet Ett"]
    assert len(document["activities"]) == 1


def test_a_reader_sees_no_backup_link(app, region):
    client = app.test_client()
    client.login("lasare@vast.se")
    unit = db.session.scalars(select(Organisation).where(Organisation.name == "Enhet Ett")).one()
    assert (
        page(client.get(f"/organisationer/{unit.id}")).find("a", string="Säkerhetskopia (JSON)")
        is None
    )
    assert client.get(f"/organisationer/{unit.id}/sakerhetskopia").status_code == 403


def upload(client, data: bytes, parent_id="", name="vast.json", **fields):
    return client.post(
        "/sakerhetskopia/aterstall",
        data={"file": (io.BytesIO(data), name), "parent_id": str(parent_id), **fields},
        content_type="multipart/form-data",
    )


def test_a_system_administrator_restores_through_the_web(app, client, region):
    data = dump_bytes(region, AT)
    forum = make_org("Samverkan", "forum")
    commit()
    # Its two accounts exist here: named first (tests/backup/test_restore_names_accounts.py),
    # restored once confirmed.
    fingerprint = page(upload(client, data, forum.id)).find(id="accounts_fingerprint")["value"]
    response = upload(
        client, data, forum.id, confirm_accounts="y", accounts_fingerprint=fingerprint
    )
    assert response.status_code == 302
    shown = page(client.get(response.headers["Location"]))
    assert "Region Väst återställdes med 1 planer, 1 aktiviteter och 2 konton" in shown.text
    assert shown.find("h1").text == "Region Väst"


def test_a_bad_upload_is_explained_next_to_the_field(app, client, region):
    response = upload(client, b'{"format": "planner-backup", "version": 99}')
    assert response.status_code == 200
    error = page(response).find(id="file-error")
    assert "formatversion 99" in error.text
    response = client.post("/sakerhetskopia/aterstall", data={"parent_id": ""})
    assert "Välj en fil." in page(response).find(id="file-error").text


@pytest.mark.parametrize("app", [{"BACKUP_MAX_BYTES": 1024 * 1024}], indirect=True)
def test_an_upload_over_the_cap_is_refused(app, client, region):
    response = upload(client, b" " * (1024 * 1024 + 1))
    assert "Filen är större än 1 MB" in page(response).find(id="file-error").text


@pytest.mark.parametrize("app", [{"WTF_CSRF_ENABLED": True}], indirect=True)
def test_the_restore_form_needs_its_csrf_token(app, client, region):
    before = rows()
    assert upload(client, dump_bytes(region, AT)).status_code == 400
    assert rows() == before


def test_hostile_names_are_escaped_on_the_restore_page(app, client):
    make_org('<script>alert("x")</script>')
    commit()
    html = client.get("/sakerhetskopia/aterstall").get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_the_restored_goal_and_area_texts_are_intact(app, region, tmp_path):
    plan = region.plans[0]
    services.create_goal(plan, area_id(plan, "F1"), "Mål med “citat” och ✓", "Beskrivning\nrad 2")
    commit()
    data = dump_bytes(region, AT)
    summary = restore(parse(data), make_org("Kopior", "forum"))
    commit()
    goals = [g.title for p in summary.root.plans for g in p.goals]
    assert goals == ["Mål med “citat” och ✓"]
