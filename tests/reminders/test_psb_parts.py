"""The named writer of a unit's PSB parts is reminded before they are due and when late,
until each part is marked ready; nothing once the PSB is decided."""

from __future__ import annotations

from datetime import timedelta

from planner.auth.models import READER
from planner.clock import local_today
from planner.psb import contributions, services
from tests.factories import commit, days, make_org, make_user
from tests.reminders.conftest import text_of
from tests.reminders.test_sending import BASE, send

TODAY = local_today()


def _part(due_in: int):
    region = make_org("Region PSB")
    unit = make_org("Akutkliniken", "enhet", region)
    writer = make_user("skribent@test.se", READER, unit, name="Sara Skribent")
    report = services.create_report(region, 2026)
    data = contributions.RequestData(unit.id, writer.id, days(due_in), ["summary"])
    part = contributions.request_parts(report, data).parts[0]
    commit()
    return report, part


def test_the_writer_is_reminded_before_the_part_is_due_and_when_late(app, smtp):
    report, part = _part(14)
    send(app, smtp)
    (mail,) = smtp.to("skribent@test.se")
    subject = str(mail["Subject"])
    assert subject.startswith("Påminnelse: ") and subject.endswith(f"ska vara klar {days(14)}")
    text = text_of(mail)
    assert "PSB 2026 för Region PSB" in text
    assert f"{BASE}/psb/underlag/del/{part.id}" in text
    send(app, smtp, TODAY + timedelta(days=15))  # a day late
    assert str(smtp.to("skribent@test.se")[-1]["Subject"]).startswith("Försenad: ")
    assert len(smtp.to("skribent@test.se")) == 2


def test_no_reminder_for_a_ready_part_or_a_decided_psb(app, smtp):
    report, part = _part(1)
    contributions.save_part(part, "Klart.", True, "Sara Skribent")
    commit()
    send(app, smtp)
    assert smtp.messages == []
    _report, other = _part_in_another_region()
    services.decide(other.request.report, "Nämnden")
    commit()
    send(app, smtp)
    assert smtp.messages == []


def _part_in_another_region():
    region = make_org("Region Beslutad")
    unit = make_org("Enhet", "enhet", region)
    writer = make_user("skribent2@test.se", READER, unit)
    report = services.create_report(region, 2026)
    data = contributions.RequestData(unit.id, writer.id, days(1), ["summary"])
    return report, contributions.request_parts(report, data).parts[0]
