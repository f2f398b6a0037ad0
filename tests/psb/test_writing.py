"""The writer's own text: a safe formatting (paragraphs, lists, bold) and never raw HTML; the
year's figures with Swedish messages; edits that cross never overwrite each other."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.extensions import db
from planner.plans.models import Plan
from planner.psb import services as psb
from planner.psb.document import BulletList, Document, Paragraph, Run, Section
from planner.psb.writing import parse_text
from tests.factories import commit, make_activity
from tests.html import field_error, page, table_rows, text
from tests.psb.helpers import YEAR, form_with, psb_world

HOSTILE = (
    '<script>alert("x")</script> <img src=x onerror=alert(1)> [länk](javascript:alert(1)) '
    "**fet** <b>inte fet</b>"
)


def test_paragraphs_lists_and_bold_are_read_and_nothing_else():
    blocks = parse_text(
        "Första **viktigt** stycket\nsamma stycke\n\n- ett\n- **två**\n\n1. a\n2. b"
    )
    assert blocks == [
        Paragraph([Run("Första "), Run("viktigt", True), Run(" stycket samma stycke")]),
        BulletList([[Run("ett")], [Run("två", True)]]),
        BulletList([[Run("a")], [Run("b")]]),
    ]
    # Headings, links, HTML and code are the text the person typed.
    (paragraph,) = parse_text("# Rubrik")
    assert paragraph.text == "# Rubrik"
    assert [b.text for b in parse_text(HOSTILE)] == [
        '<script>alert("x")</script> <img src=x onerror=alert(1)> [länk](javascript:alert(1)) '
        "fet <b>inte fet</b>"
    ]


@given(st.text(max_size=300))
def test_any_text_reads_into_blocks_that_survive_freezing(raw):
    blocks = parse_text(raw)
    assert all(isinstance(block, Paragraph | BulletList) for block in blocks)
    document = Document("PSB", "Region", 2026, [Section("k", "Rubrik", 1, blocks)])
    assert Document.from_json(json.loads(json.dumps(document.to_json()))) == document


def test_hostile_text_is_shown_as_text_on_every_page(app, anonymous):
    world = psb_world()
    plan = db.session.get(Plan, world.plan_id)
    make_activity(plan, "G2", title='<script>alert("plan")</script>')
    commit()
    anonymous.login("redaktor@psb.se")
    url = f"{world.url}/avsnitt/summary"
    anonymous.post(url, data={**form_with(anonymous.get(url), "text"), "text": HOSTILE})
    anonymous.post(f"{world.url}/uppdatera")
    report = psb.report_for(world.org_id, YEAR)
    psb.decide(report, "<i>Nämnden</i>")
    psb.set_published(report, True)
    commit()
    for client, path in (
        (anonymous, world.url),
        (app.test_client(), f"/psb/{world.org_id}/{YEAR}"),
    ):
        response = client.get(path)
        html = response.get_data(as_text=True)
        document = page(response).select_one(".psb-document")
        assert document.find("script") is None and document.find("img") is None
        assert document.find("a", href=lambda h: h and "javascript" in h) is None
        assert [s.get_text() for s in document.find_all("strong")].count("fet") == 1
        assert document.find("b") is None
        assert (
            '&lt;script&gt;alert("x")&lt;/script&gt;' in html
            or "&lt;script&gt;alert(&#34;x&#34;)" in html
        )
        assert '<script>alert("plan")</script>' in text(response)  # shown, as text
        assert "<i>Nämnden</i>" in text(response)


def test_the_figures_form_takes_counts_and_comments(app, anonymous):
    world = psb_world()
    anonymous.login("redaktor@psb.se")
    url = f"{world.url}/siffror"
    values = form_with(anonymous.get(url), "deviations")
    response = anonymous.post(
        url, data={**values, "deviations": "-3", "lex_maria": "tre", "complaints": "12"}
    )
    assert response.status_code == 200
    assert field_error(response, "deviations") == "Ange ett heltal, 0 eller större."
    assert field_error(response, "lex_maria")  # not a number: said in Swedish, next to it
    assert "Not a valid" not in field_error(response, "lex_maria")
    assert page(response).find(id="complaints")["value"] == "12"  # the input is kept
    assert psb.report_for(world.org_id, YEAR).figures is None
    data = {
        **values,
        "deviations": "1200",
        "deviations_comment": "Flest gällde läkemedel.",
        "lex_maria": "0",
        "complaints": "",
        "risk_analyses": "4",
        "event_analyses": "7",
    }
    assert anonymous.post(url, data=data).status_code == 302
    shown = anonymous.get(world.url)
    assert table_rows(shown, "Rapporterade avvikelser och anmälningar enligt lex Maria") == [
        ["Rapporterade avvikelser", "1200", "Flest gällde läkemedel."],
        ["Anmälningar enligt lex Maria", "0", "–"],
    ]
    assert table_rows(shown, "Riskanalyser och händelseanalyser") == [
        ["Riskanalyser", "4", "–"],
        ["Händelseanalyser", "7", "–"],
    ]
    assert "Årets siffror är inte ifyllda ännu." in page(shown).find(id="complaints").get_text()
    assert "Rapporterade avvikelser: 1200" in text(shown)  # in the summary too
    # A second edit starts from the saved values.
    again = form_with(anonymous.get(url), "deviations")
    assert again["deviations"] == "1200" and again["version"] == "1"


@pytest.mark.parametrize("path", ["avsnitt/summary", "siffror"])
def test_crossing_edits_are_not_lost(app, anonymous, path):
    world = psb_world()
    report = psb.report_for(world.org_id, YEAR)
    if path == "siffror":
        psb.save_figures(report, {"deviations": 5})
        commit()
    field = "text" if path != "siffror" else "deviations_comment"
    anonymous.login("redaktor@psb.se")
    url = f"{world.url}/{path}"
    stale = form_with(anonymous.get(url), field)
    other = app.test_client()
    other.login("admin@psb.se")
    first = other.post(url, data={**form_with(other.get(url), field), field: "Adas text"})
    assert first.status_code == 302
    response = anonymous.post(url, data={**stale, field: "Ruts text"})
    assert response.status_code == 409
    assert "Någon annan har ändrat detta" in text(response)
    assert "Ruts text" in response.get_data(as_text=True)  # still in the form to merge
    db.session.expire_all()
    report = psb.report_for(world.org_id, YEAR)
    saved = (
        report.section("summary").text if path != "siffror" else report.figures.deviations_comment
    )
    assert saved == "Adas text"
