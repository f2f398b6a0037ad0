"""The headings are data: a new template file changes them without code; the document every
output renders is frozen to JSON and read back unchanged."""

from __future__ import annotations

import json

import pytest

from planner.psb import services as psb
from planner.psb import template as templates
from planner.psb.document import (
    BulletList,
    Chart,
    Document,
    Paragraph,
    Run,
    Section,
    Table,
)
from planner.psb.generators import load_all
from planner.rules import RuleError
from tests.factories import make_org, make_plan


def test_the_first_template_follows_the_law_and_real_reports():
    first = templates.load_template("2025")
    assert [s.key for s in first.sections] == [
        "summary",
        "goals_strategies",
        "organisational_responsibility",
        "follow_up_structure",
        "measures_taken",
        "self_monitoring",
        "cooperation",
        "risk_event_analyses",
        "deviations",
        "complaints",
        "participation",
        "results_analysis",
        "goals_next_year",
    ]
    responsibility = first.section("organisational_responsibility")
    assert responsibility.law == "3 kap. 9 § patientsäkerhetslagen" and responsibility.guidance
    # Every generator a template names exists.
    registry = load_all()
    for section in first.walk():
        for call in section.generators:
            assert call.name in registry, call.name


@pytest.fixture
def template_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(templates, "TEMPLATE_DIR", tmp_path)
    templates.load_template.cache_clear()
    yield tmp_path
    templates.load_template.cache_clear()


def test_a_new_template_file_changes_the_headings(app, template_dir):
    (template_dir / "2027.json").write_text(
        json.dumps(
            {
                "key": "2027",
                "title": "Patientsäkerhetsberättelse enligt ny mall",
                "sections": [
                    {"key": "intro", "heading": "Inledning", "generators": ["summary"]},
                    {
                        "key": "work",
                        "heading": "Arbetet",
                        "sections": [
                            {
                                "key": "figures",
                                "heading": "Siffror",
                                "generators": [{"name": "figures", "keys": ["complaints"]}],
                            }
                        ],
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    region = make_org()
    make_plan(region)
    report = psb.create_report(region, 2026, template_key="2027")
    document = psb.build_document(report)
    assert [(s.heading, s.level) for s in document.walk()] == [
        ("Inledning", 1),
        ("Arbetet", 1),
        ("Siffror", 2),
    ]
    assert document.title == "Patientsäkerhetsberättelse enligt ny mall 2026"


def test_a_template_naming_an_unknown_generator_is_refused(app, template_dir):
    (template_dir / "fel.json").write_text(
        json.dumps(
            {"title": "T", "sections": [{"key": "a", "heading": "A", "generators": ["nej"]}]}
        ),
        encoding="utf-8",
    )
    with pytest.raises(RuleError):
        psb.create_report(make_org(), 2026, template_key="fel")


def test_the_document_freezes_to_json_and_back():
    chart = Chart('<svg role="img"><title>T</title><desc>D</desc></svg>', "Andel 80 %", "BHK")
    document = Document(
        title="Patientsäkerhetsberättelse 2026",
        organisation="Region Å",
        year=2026,
        decided_by="Nämnden",
        decided_on="2027-02-20",
        sections=[
            Section(
                "a",
                "Rubrik",
                1,
                [
                    Paragraph([Run("vanlig "), Run("fet", True)]),
                    BulletList([[Run("ett")], [Run("två", True)]]),
                    Table("Tabell", ["Namn", "Antal"], [["x", "3"]], [1]),
                    chart,
                ],
                [Section("a.b", "Under", 2, [Paragraph([Run("text")])])],
            )
        ],
    )
    frozen = json.loads(json.dumps(document.to_json()))
    assert Document.from_json(frozen) == document
    assert [s.key for s in document.walk()] == ["a", "a.b"]
