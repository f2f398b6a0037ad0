"""A region with two units, their people and a draft PSB, for the contribution tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.auth.models import EDITOR, READER
from planner.extensions import db
from planner.psb import contributions
from planner.psb.models import SafetyReport
from tests.factories import commit, days, make_org, make_user


@dataclass
class Region:
    region: object
    unit: object
    other_unit: object
    report: SafetyReport
    writer: object  # reader of the unit, named as its writer
    unit_editor: object
    unit_reader: object
    lead: object  # editor of the region


def make_report(org, year: int = 2026) -> SafetyReport:
    """A draft PSB without generated text (the contribution tests need none)."""
    report = SafetyReport(organisation=org, year=year, template_key="2025", status="draft")
    db.session.add(report)
    db.session.flush()
    return report


def region_with_units() -> Region:
    region = make_org("Region Underlag")
    unit = make_org("Akutkliniken", "enhet", region)
    other_unit = make_org("Barnkliniken", "enhet", region)
    report = make_report(region)
    world = Region(
        region,
        unit,
        other_unit,
        report,
        writer=make_user("skribent@test.se", READER, unit, name="Sara Skribent"),
        unit_editor=make_user("enhetsredaktor@test.se", EDITOR, unit),
        unit_reader=make_user("enhetslasare@test.se", READER, unit),
        lead=make_user("ledare@test.se", EDITOR, region),
    )
    make_user("barnskribent@test.se", READER, other_unit, name="Bo Barn")
    commit()
    return world


def ask(world: Region, unit=None, writer=None, keys=("summary",), due=date(2027, 2, 1)):
    unit = unit or world.unit
    writer = writer or world.writer
    data = contributions.RequestData(unit.id, writer.id, due, list(keys))
    request = contributions.request_parts(world.report, data)
    commit()
    return request


def make_unit_part(region, year: int = 2021):
    """A draft PSB of ``region`` that asks two new units for a part: Akutkliniken's begun
    (returned), Barnkliniken's untouched (it can still be withdrawn)."""
    from planner.psb import services

    unit = make_org("Akutkliniken", "enhet", region)
    writer = make_user("skribent@test.se", READER, unit, name="Sara Skribent")
    # A year no other test world and no "new report" form (this year or last) uses.
    report = services.create_report(region, year)
    data = contributions.RequestData(unit.id, writer.id, days(30), ["summary"])
    part = contributions.request_parts(report, data).parts[0]
    other = make_org("Barnkliniken", "enhet", region)
    other_writer = make_user("barnskribent@test.se", READER, other, name="Bo Barn")
    data = contributions.RequestData(other.id, other_writer.id, days(30), ["summary"])
    contributions.request_parts(report, data)
    return contributions.save_part(part, "Akutens **första** utkast.", False, writer.name)
