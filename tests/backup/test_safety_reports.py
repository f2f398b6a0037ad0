"""The patient-safety reports travel with their organisation in the backup: drafts, decided
and published ones with their frozen copy, their text and figures. A version-2 file (before
the reports) still restores; a file whose stored document is not one we can show is refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from planner.backup.dump import dump, dump_bytes
from planner.backup.format import parse, to_bytes
from planner.backup.restore import restore
from planner.psb import services as psb
from tests.backup.test_refusals import refused
from tests.factories import commit, make_org, make_plan

AT = datetime(2026, 5, 4, 3, 2, 1, tzinfo=UTC)


def _parent(name: str):
    parent = make_org(name)
    commit()
    return parent


@pytest.fixture
def region(app):
    region = make_org("Region PSB")
    make_plan(region)
    draft = psb.create_report(region, 2026)
    psb.write_section(draft.section("summary"), "Vår **egen** text.", "Rut")
    psb.save_figures(draft, {"deviations": 12, "deviations_comment": "Från systemet"})
    decided = psb.create_report(region, 2025)
    psb.decide(decided, "Nämnden")
    psb.set_published(decided, True)
    commit()
    return region


def test_reports_round_trip_with_text_figures_and_the_frozen_copy(region):
    exported = dump_bytes(region, AT)
    parent = make_org("Region Kopia")
    summary = restore(parse(exported), parent)
    commit()
    copy = summary.root
    reports = {r.year: r for r in psb.reports_of(copy)}
    assert reports[2026].section("summary").text == "Vår **egen** text."
    assert reports[2026].figures.deviations == 12
    original = psb.report_for(region.id, 2025)
    assert reports[2025].document == original.document and reports[2025].published
    assert psb.build_document(reports[2025]) == psb.build_document(original)
    again = dump(copy, AT)
    for key in ("safety_reports", "report_sections", "report_figures"):
        mine = [{k: v for k, v in r.items() if k != "organisation_id"} for r in again[key]]
        theirs = [
            {k: v for k, v in r.items() if k != "organisation_id"} for r in parse(exported)[key]
        ]
        assert mine == theirs


def test_a_version_2_file_restores_without_reports(region):
    document = dump(region, AT)
    document["version"] = 2
    for key in ("safety_reports", "report_sections", "report_figures"):
        del document[key]
    psb_kinds = {"SafetyReport", "ReportSection", "ReportFigures"}  # unknown before version 5
    document["history"] = [e for e in document["history"] if e["entity_type"] not in psb_kinds]
    upgraded = parse(to_bytes(document))
    # upgraded through the measures (3), the self-assessments (4), the PSB (5), the
    # responsible accounts (6) and the measures' responsible people (7)
    assert upgraded["safety_reports"] == [] and upgraded["version"] == 7
    summary = restore(upgraded, make_org("Region Gammal"))
    commit()
    assert psb.reports_of(summary.root) == []


@pytest.mark.parametrize(
    "svg",
    [
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><g onload="alert(1)"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:x"><text>x</text></a></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
        '<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg">&x;</svg>',
        "<div>not svg</div>",
    ],
)
def test_a_stored_chart_that_is_more_than_a_drawing_is_refused(region, svg):
    document = dump(region, AT)
    (decided,) = [r for r in document["safety_reports"] if r["document"]]
    chart = {"type": "chart", "svg": svg, "alt_text": "a", "caption": "c"}
    decided["document"]["sections"][0]["blocks"].append(chart)
    assert "safety_reports, rad" in refused(document, _parent("Region Elak"))


def test_a_stored_document_that_is_no_document_is_refused(region):
    document = dump(region, AT)
    (decided,) = [r for r in document["safety_reports"] if r["document"]]
    decided["document"] = {"title": "bara en titel"}
    assert "är inte en berättelse som kan visas" in refused(document, _parent("Region Trasig"))
    document = dump(region, AT)
    document["report_sections"][0]["generated"] = {"blocks": [{"type": "video"}]}
    assert "report_sections, rad 1" in refused(document, _parent("Region Trasig"))
