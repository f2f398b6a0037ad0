"""Assessments are plan data: in the backup, restored with their answers, decision and the
activities their gaps became, byte for byte."""

from __future__ import annotations

from datetime import UTC, date, datetime

from planner.assessment import services
from planner.assessment.results import result_for
from planner.backup.dump import dump_bytes
from planner.backup.format import parse
from planner.backup.restore import restore
from planner.plans.services import ActivityData
from tests.factories import commit, make_assessment, make_org, make_plan, make_user

AT = datetime(2026, 5, 4, 3, 2, 1, tzinfo=UTC)


def test_assessments_round_trip_with_their_gap_activities(app):
    region = make_org("Region Kopia")
    town = make_org("Åsby kommun", "kommun", region)
    plan = make_plan(town)
    mas = make_user("mas@test.se", "redaktor", town, name="Maja Mas")
    make_assessment(town, 2025, {"f1_identify": "yes", "f1_identify_ms": "yes"}, decided_by=mas)
    current = make_assessment(town, 2026, {"f1_identify": "yes", "f1_identify_ms": "no"})
    current.answers[0].link = "https://intranat.asby.se/mjg"
    data = ActivityData(
        "Rutinen in i ledningssystemet", 0, due_date=date(2026, 12, 31), organisation_ids=[town.id]
    )
    services.create_gap_activity(current, plan, "indicator", "1", data)
    commit()
    before = result_for(town, 2026)
    exported = dump_bytes(region, AT)
    parent = make_org("Återställt här")
    summary = restore(parse(exported), parent)
    commit()
    assert summary.counts["assessments"] == 2
    assert summary.counts["assessment_answers"] == 4
    assert summary.counts["assessment_gap_activities"] == 1
    restored_town = summary.root.children[0]
    after = result_for(restored_town, 2026)
    assert [(i.number, i.state, i.change) for i in after.indicators] == [
        (i.number, i.state, i.change) for i in before.indicators
    ]
    assert after.indicators[0].activities[0].title == "Rutinen in i ledningssystemet"
    decided = result_for(restored_town, 2025)
    assert decided.decided and decided.decided_by == "Maja Mas"
    assert dump_bytes(summary.root, AT) == exported
