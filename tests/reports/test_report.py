"""The yearly report, read back from the PDF with pypdf and from the web page."""

from __future__ import annotations

import io

from pypdf import PdfReader

from planner.clock import local_today
from planner.demo.loader import load_content, load_demo
from planner.extensions import db
from planner.plans.models import Plan
from tests.factories import commit, days, make_activity, make_plan
from tests.html import page


def demo_plan() -> Plan:
    load_demo(local_today(), "ett långt demolösenord")
    commit()
    return db.session.scalars(db.select(Plan)).one()


def pdf_text(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(p.extract_text() for p in reader.pages)
    return reader, " ".join(text.split())


def test_demo_report_pdf_has_every_section_area_activity_and_comment(app, anonymous):
    plan = demo_plan()
    client = anonymous
    client.login("lasare@exempel.se", "ett långt demolösenord")
    year = local_today().year
    response = client.get(f"/planer/{plan.id}/rapport.pdf?ar={year}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader, text = pdf_text(response.data)
    for heading in (
        "Uppföljning av handlingsplan för ökad patientsäkerhet",
        "Innehåll",
        "Sammanfattning",
        "Försenade aktiviteter",
        f"Det som kommer {year + 1}",
    ):
        assert heading in text, heading
    for area in plan.areas:
        assert " ".join(area.title.split()) in text, area.title
    content = load_content()
    for item in content["activities"]:
        assert " ".join(item["title"].split())[:40] in text, item["title"]
        if item["progress"]:
            latest = " ".join(item["progress"][-1][3].split())
            assert latest[:30] in text, latest
    assert f"Sida 1 av {len(reader.pages)}" in text
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/Lang"] == "sv"
    assert reader.metadata.title.startswith("Uppföljning av handlingsplan")


def test_report_web_page_and_hostile_text_stays_text(app, client):
    plan = make_plan()
    make_activity(
        plan,
        title='<img src="file:///etc/passwd"> <a rel="attachment" href="file:///etc/passwd">x</a>',
        area="F2",
        start_date=days(-30),
        due_date=days(-2),
        description="@import url(file:///etc/passwd);",
    )
    commit()
    html = client.get(f"/planer/{plan.id}/rapport")
    assert html.status_code == 200
    assert page(html).find("img") is None  # the title stayed text
    response = client.get(f"/planer/{plan.id}/rapport.pdf")
    reader, text = pdf_text(response.data)
    assert 'src="file:///etc/passwd"' in text  # printed, not fetched
    assert "root:x:0:0" not in text
    assert "/EmbeddedFiles" not in str(reader.trailer["/Root"].get("/Names", {}))


def test_second_download_is_served_from_the_kept_pdf_until_data_changes(app, client, monkeypatch):
    from planner import pdf as pdf_module
    from planner.plans.services import record_progress
    from planner.reports import views

    plan = make_plan()
    activity = make_activity(plan, title="Basala hygienrutiner", area="F3")
    commit()
    renders = []
    real = pdf_module.render_pdf

    def counting(html):
        renders.append(1)
        return real(html)

    monkeypatch.setattr(views, "render_pdf", counting)
    url = f"/planer/{plan.id}/rapport.pdf"
    first = client.get(url)
    second = client.get(url)
    assert len(renders) == 1 and first.data == second.data
    record_progress(activity, days(0), "pagar", 40, "Mätning gjord på två avdelningar", "A")
    commit()
    third = client.get(url)
    assert len(renders) == 2
    assert "Mätning gjord på två avdelningar" in pdf_text(third.data)[1]


def test_report_includes_the_annual_wheel(app, client):
    from planner.wheel import services

    plan = make_plan()
    services.add_national_template(plan.organisation, 2026)
    commit()
    _reader, text = pdf_text(client.get(f"/planer/{plan.id}/rapport.pdf?ar=2026").data)
    assert "Årshjul 2026" in text and "Stoppa trycksår-dagen" in text
