"""Units' parts of a PSB: the lead asks a unit (writer, due date, sections), the due date is
in the unit's wheel, only the named writer and the unit's editors write a part, a ready part
leaves the writer's due list, the lead sees completion per section and unit, and the region's
PSB compiles the ready parts under their sections, headed by the unit's name."""

from __future__ import annotations

from datetime import date

import pytest

from planner.extensions import db
from planner.psb import contributions
from planner.psb.compiling import with_unit_parts
from planner.psb.contribution_models import Contribution
from planner.psb.document import Document, Paragraph, Run, Section
from planner.rules import RuleError
from planner.wheel.models import WheelEvent
from tests.factories import commit
from tests.html import field_error, page, table_rows, text
from tests.psb.units_world import ask, region_with_units


@pytest.fixture
def world(app):
    return region_with_units()


def login(app, user):
    client = app.test_client()
    client.login(user.email)
    return client


def test_asking_a_unit_puts_the_due_date_in_its_wheel(app, world):
    request = ask(world, keys=("summary", "deviations"), due=date(2027, 2, 1))
    assert [p.section_key for p in request.parts] == ["summary", "deviations"]
    event = db.session.get(WheelEvent, request.wheel_event_id)
    assert event.organisation_id == world.unit.id
    assert event.start_date == date(2027, 2, 1)
    assert event.title == "PSB 2026: underlag till Region Underlag"
    client = login(app, world.unit_reader)
    wheel = text(client.get(f"/organisationer/{world.unit.id}/arshjul?ar=2027"))
    assert "PSB 2026: underlag till Region Underlag" in wheel
    # A later due date moves the event with it.
    ask(world, keys=("summary", "deviations"), due=date(2027, 2, 8))
    assert db.session.get(WheelEvent, request.wheel_event_id).start_date == date(2027, 2, 8)


def test_the_writer_must_be_a_member_of_the_unit(app, world):
    with pytest.raises(RuleError) as refused:
        ask(world, writer=world.lead)
    assert refused.value.field == "writer_id"
    client = login(app, world.lead)
    url = f"/psb/{world.report.id}/underlag/enhet/{world.unit.id}"
    response = client.post(
        url,
        data={
            "writer_id": str(world.lead.id),
            "due_date": "2027-02-01",
            "section_keys": ["summary"],
        },
    )
    assert response.status_code == 200
    assert field_error(response, "writer_id")  # a person outside the unit is no choice
    assert contributions.parts_due_for(world.lead.id) == []
    options = [o.get_text() for o in page(client.get(url)).select("#writer_id option")]
    assert options == [
        "– Välj skribent –",
        "Enhetslasare (enhetslasare@test.se)",
        "Enhetsredaktor (enhetsredaktor@test.se)",
        "Sara Skribent (skribent@test.se)",
    ]


def test_the_lead_asks_through_the_form(app, world):
    client = login(app, world.lead)
    url = f"/psb/{world.report.id}/underlag/enhet/{world.unit.id}"
    response = client.post(
        url,
        data={
            "writer_id": str(world.writer.id),
            "due_date": "2027-02-01",
            "section_keys": ["summary", "self_monitoring"],
        },
    )
    assert response.status_code == 302
    due = contributions.parts_due_for(world.writer.id)
    assert [(d.section_heading, d.unit, d.due_date) for d in due] == [
        ("Sammanfattning", "Akutkliniken", date(2027, 2, 1)),
        ("Egenkontroll", "Akutkliniken", date(2027, 2, 1)),
    ]


def test_only_the_named_writer_and_the_units_editors_write_a_part(app, world):
    part = ask(world).parts[0]
    url = f"/psb/underlag/del/{part.id}"
    data = {"text": "Vi har **infört** hygienronder.", "version": "1"}
    assert login(app, world.unit_reader).post(url, data=data).status_code == 403
    assert login(app, world.writer).post(url, data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(Contribution, part.id).text == "Vi har **infört** hygienronder."
    data = {"text": "Ändrat av redaktören.", "version": "2"}
    assert login(app, world.unit_editor).post(url, data=data).status_code == 302
    # Someone of another unit does not even see it.
    from tests.factories import make_user

    stranger = make_user("annan@test.se", "redaktor", world.other_unit)
    commit()
    assert login(app, stranger).get(url).status_code == 404


def test_a_stale_form_does_not_overwrite_the_part(app, world):
    part = ask(world).parts[0]
    url = f"/psb/underlag/del/{part.id}"
    writer = login(app, world.writer)
    assert writer.post(url, data={"text": "Först", "version": "1"}).status_code == 302
    response = writer.post(url, data={"text": "Gammalt formulär", "version": "1"})
    assert response.status_code == 409
    db.session.expire_all()
    assert db.session.get(Contribution, part.id).text == "Först"


def test_ready_parts_leave_the_due_list_and_mark_the_wheel_done(app, world):
    request = ask(world, keys=("summary", "deviations"))
    first, second = request.parts
    contributions.save_part(first, "Text", True, "Sara Skribent")
    commit()
    assert [d.section_key for d in contributions.parts_due_for(world.writer.id)] == ["deviations"]
    event = db.session.get(WheelEvent, request.wheel_event_id)
    assert event.done_days() == set()
    contributions.save_part(second, "Mer text", True, "Sara Skribent")
    commit()
    assert contributions.parts_due_for(world.writer.id) == []
    assert event.done_days() == {date(2027, 2, 1)}
    # Taking one back makes it due again, and the wheel's mark goes.
    contributions.save_part(second, "Mer text", False, "Sara Skribent")
    commit()
    assert event.done_days() == set()
    assert contributions.parts_due_for(world.writer.id, until=date(2027, 1, 31)) == []
    assert len(contributions.parts_due_for(world.writer.id, until=date(2027, 2, 1))) == 1


def test_an_empty_part_cannot_be_ready(app, world):
    part = ask(world).parts[0]
    response = login(app, world.writer).post(
        f"/psb/underlag/del/{part.id}", data={"text": "", "ready": "y", "version": "1"}
    )
    assert response.status_code == 200
    assert "Skriv underlaget" in field_error(response, "text")


def test_written_parts_are_never_dropped(app, world):
    request = ask(world, keys=("summary", "deviations"))
    contributions.save_part(request.parts[0], "Skrivet", False, "Sara Skribent")
    commit()
    with pytest.raises(RuleError, match="Sammanfattning"):
        ask(world, keys=("deviations",))
    db.session.rollback()
    with pytest.raises(RuleError):
        contributions.withdraw_request(request)
    db.session.rollback()
    assert db.session.get(Contribution, request.parts[0].id).text == "Skrivet"


def test_withdrawing_an_untouched_request_removes_its_wheel_event(app, world):
    request = ask(world)
    event_id = request.wheel_event_id
    client = login(app, world.lead)
    response = client.post(f"/psb/underlag/{request.id}/ta-bort", data={"bekrafta": "ja"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(WheelEvent, event_id) is None
    assert contributions.parts_due_for(world.writer.id) == []


def test_the_lead_sees_completion_per_section_and_unit(app, world):
    first = ask(world, keys=("summary", "deviations"))
    ask(world, unit=world.other_unit, writer=_user("barnskribent@test.se"), keys=("summary",))
    contributions.save_part(first.parts[0], "Klar text", True, "Sara Skribent")
    commit()
    response = login(app, world.lead).get(f"/psb/{world.report.id}/underlag")
    assert response.status_code == 200
    assert table_rows(response, "per avsnitt") == [
        ["Sammanfattning", "1/2 1 av 2 klara"],
        ["Avvikelser", "0/1 0 av 1 klara"],
    ]
    assert table_rows(response, "per enhet") == [
        ["Akutkliniken", "1/2 1 av 2 klara"],
        ["Barnkliniken", "0/1 0 av 1 klara"],
    ]
    bars = page(response).select("table.completion progress")
    assert [(b["value"], b["max"]) for b in bars][:2] == [("1", "2"), ("0", "1")]
    assert all(b.get("aria-label") for b in bars)


def _user(email):
    from sqlalchemy import select

    from planner.auth.models import User

    return db.session.scalars(select(User).where(User.email == email)).one()


def test_ready_parts_are_compiled_under_their_section(app, world):
    first = ask(world, keys=("summary",))
    second = ask(
        world, unit=world.other_unit, writer=_user("barnskribent@test.se"), keys=("summary",)
    )
    contributions.save_part(first.parts[0], "Akutens **viktigaste** år.", True, "Sara")
    contributions.save_part(second.parts[0], "Inte klar än.", False, "Bo")
    commit()
    document = Document(
        "PSB",
        "Region Underlag",
        2026,
        [
            Section("summary", "Sammanfattning", 1, [Paragraph([Run("Regionens text.")])]),
            Section("deviations", "Avvikelser", 1),
        ],
    )
    compiled = with_unit_parts(document, contributions.ready_parts(world.report))
    summary = compiled.sections[0]
    assert summary.blocks == [Paragraph([Run("Regionens text.")])]
    (unit,) = summary.subsections
    assert (unit.heading, unit.level) == ("Akutkliniken", 2)
    assert unit.blocks == [Paragraph([Run("Akutens "), Run("viktigaste", True), Run(" år.")])]
    assert compiled.sections[1].subsections == []


def test_a_decided_psb_takes_no_more_parts(app, world):
    part = ask(world).parts[0]
    world.report.status = "decided"
    commit()
    with pytest.raises(RuleError):
        contributions.save_part(part, "Sent", True, "Sara")
    db.session.rollback()
    assert contributions.parts_due_for(world.writer.id) == []


def test_my_parts_page_lists_what_i_write(app, world):
    ask(world, keys=("summary", "deviations"))
    response = login(app, world.writer).get("/psb-underlag")
    rows = table_rows(response, "Delar att skriva")
    assert [r[0] for r in rows] == ["Sammanfattning", "Avvikelser"]
    assert rows[0][1:4] == ["Akutkliniken", "PSB 2026, Region Underlag", "2027-02-01"]
    # A reader of the unit who is not its writer has nothing to write.
    assert "inga delar" in text(login(app, world.unit_reader).get("/psb-underlag"))
