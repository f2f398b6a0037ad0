"""Downloading the PSB: whoever may read it gets both files; a draft is rendered fresh from
the plan (with the units' ready parts), a decided PSB from its frozen copy, kept and served
again without rendering."""

from __future__ import annotations

from io import BytesIO

import docx
import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from planner.auth.models import EDITOR, READER
from planner.documents.models import KeptDocument
from planner.extensions import db
from planner.psb import contributions, services
from planner.psb.template import load_template
from tests.factories import commit, make_activity, make_org, make_plan, make_user
from tests.psb.units_world import ask, region_with_units

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def headings(content: bytes) -> list[tuple[str, str]]:
    word = docx.Document(BytesIO(content))
    return [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Head")]


@pytest.fixture
def report(app):
    region = make_org("Region Fil")
    plan = make_plan(region)
    make_activity(plan, title="Hygienronder på alla vårdavdelningar")
    report = services.create_report(region, 2026)
    make_user("lasare@test.se", READER, region)
    make_user("annan@test.se", EDITOR, make_org("Annan region"))
    commit()
    return report


def urls(report) -> dict[str, str]:
    base = f"/psb/{report.id}/patientsakerhetsberattelse"
    return {PDF: f"{base}.pdf", DOCX: f"{base}.docx"}


def login(app, email):
    client = app.test_client()
    client.login(email)
    return client


def test_readers_download_both_files_others_do_not(app, report, anonymous):
    reader, stranger = login(app, "lasare@test.se"), login(app, "annan@test.se")
    for mimetype, url in urls(report).items():
        response = reader.get(url)
        assert response.status_code == 200 and response.mimetype == mimetype
        assert "patientsakerhetsberattelse-2026" in response.headers["Content-Disposition"]
        assert stranger.get(url).status_code == 404
        assert anonymous.get(url).status_code == 302  # to the login page


def test_the_word_file_has_the_templates_headings_in_order(app, report, client):
    content = client.get(urls(report)[DOCX]).data
    top = [text for style, text in headings(content) if style == "Heading 1"]
    assert top == [s.heading for s in load_template(report.template_key).sections]
    word = docx.Document(BytesIO(content))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert "Hygienronder på alla vårdavdelningar" in cells


def test_the_pdf_has_the_templates_headings_in_order(app, report, client):
    reader = PdfReader(BytesIO(client.get(urls(report)[PDF]).data))
    assert reader.trailer["/Root"]["/Lang"] == "sv"
    titles = []

    def walk(outline):
        for item in outline:
            walk(item) if isinstance(item, list) else titles.append(item.title)

    walk(reader.outline)
    template = [s.heading for s in load_template(report.template_key).sections]
    assert [t for t in titles if t in template] == template


def test_a_draft_is_fresh_and_a_decided_psb_is_kept(app, report, client):
    first = client.get(urls(report)[DOCX]).data
    assert db.session.scalar(select(func.count(KeptDocument.id))) == 0  # drafts are not kept
    services.decide(report, "Regionstyrelsen")
    commit()
    decided = client.get(urls(report)[DOCX]).data
    assert decided != first  # the decision is printed
    kept = db.session.scalars(select(KeptDocument).where(KeptDocument.kind == "psb-docx")).one()
    assert kept.content == decided
    rendered_at = kept.rendered_at
    # Served from the kept copy, also after the plan changed: the frozen copy did not.
    make_activity(report.organisation.plans[0], title="Efter beslutet")
    commit()
    again = client.get(urls(report)[DOCX]).data
    assert again == decided
    db.session.expire_all()
    assert db.session.get(KeptDocument, kept.id).rendered_at == rendered_at
    word = docx.Document(BytesIO(again))
    everything = [p.text for p in word.paragraphs]
    everything += [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert "Efter beslutet" not in everything
    assert any(p.startswith("Beslutad ") and "Regionstyrelsen" in p for p in everything)
    pdf = client.get(urls(report)[PDF]).data
    assert client.get(urls(report)[PDF]).data == pdf
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages)
    assert "Regionstyrelsen" in text and "Efter beslutet" not in text


def test_a_kept_file_is_served_from_memory_until_the_psb_is_decided_again(
    app, report, client, count_queries
):
    """Once served, a decided PSB's file comes from the process's memory: the request asks
    only who is asking, the report and the roles, never the kept file's bytes. Reopened and
    decided again, it is another file."""
    services.decide(report, "Regionstyrelsen")
    commit()
    first = client.get(urls(report)[DOCX]).data
    with count_queries() as counter:
        assert client.get(urls(report)[DOCX]).data == first
    assert not [s for s in counter.statements if "kept_document" in s]
    assert counter.count <= 3, counter.statements
    services.reopen(report)
    commit()
    services.decide(report, "Hälso- och sjukvårdsnämnden")
    commit()
    again = client.get(urls(report)[DOCX]).data
    paragraphs = [p.text for p in docx.Document(BytesIO(again)).paragraphs]
    assert any("Hälso- och sjukvårdsnämnden" in p for p in paragraphs)
    assert not any("Regionstyrelsen" in p for p in paragraphs)


def test_the_region_psb_compiles_its_units_ready_parts(app, client):
    world = region_with_units()
    request = ask(world, keys=("summary", "deviations"))
    contributions.save_part(request.parts[0], "Akutens **viktigaste** år.", True, "Sara")
    contributions.save_part(request.parts[1], "Inte klart ännu.", False, "Sara")
    commit()
    found = headings(client.get(urls(world.report)[DOCX]).data)
    summary = found.index(("Heading 1", "Sammanfattning"))
    assert found[summary + 1] == ("Heading 2", "Akutkliniken")
    assert found.count(("Heading 2", "Akutkliniken")) == 1  # the unready part is not there


def test_the_frozen_copy_keeps_the_parts_as_they_were_decided(app, client):
    world = region_with_units()
    request = ask(world, keys=("summary",))
    contributions.save_part(request.parts[0], "Beslutad text.", True, "Sara")
    commit()
    services.decide(world.report, "Regionstyrelsen")
    commit()
    # The part cannot change now; even a change behind the services' back shows nowhere.
    request.parts[0].text = "Ändrad efteråt."
    commit()
    word = docx.Document(BytesIO(client.get(urls(world.report)[DOCX]).data))
    texts = [p.text for p in word.paragraphs]
    assert "Beslutad text." in texts and "Ändrad efteråt." not in texts


def test_anyone_downloads_a_published_psb_and_nothing_else(app, report, anonymous):
    base = f"/psb/{report.organisation_id}/2026/patientsakerhetsberattelse"
    assert anonymous.get(f"{base}.pdf").status_code == 404  # a draft
    services.decide(report, "Regionstyrelsen")
    commit()
    assert anonymous.get(f"{base}.docx").status_code == 404  # decided, not published
    services.set_published(report, True)
    commit()
    for suffix, mimetype in ((".pdf", PDF), (".docx", DOCX)):
        response = anonymous.get(base + suffix)
        assert response.status_code == 200 and response.mimetype == mimetype
    page = anonymous.get(f"/psb/{report.organisation_id}/2026").get_data(as_text=True)
    assert f"{base}.pdf" in page and f"{base}.docx" in page
    other_year = f"/psb/{report.organisation_id}/2025/patientsakerhetsberattelse.pdf"
    assert anonymous.get(other_year).status_code == 404
    assert anonymous.get("/psb/999999/2026/patientsakerhetsberattelse.pdf").status_code == 404
