"""The yearly report, read back from the PDF with pypdf and from the web page."""

from __future__ import annotations

import http.server
import io
import multiprocessing
import threading
from datetime import date

from pypdf import PdfReader

from planner.clock import local_today
from planner.demo.loader import load_content, load_demo
from planner.extensions import db
from planner.pdf import render_pdf
from planner.plans.models import Plan
from planner.plans.services import record_progress
from tests.factories import commit, days, make_activity, make_plan
from tests.html import page


def demo_plan() -> Plan:
    plan = load_demo(local_today(), "ett långt demolösenord").plan  # the region's
    commit()
    return plan


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

    def counting(html, **kwargs):
        renders.append(1)
        return real(html, **kwargs)

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


def test_a_render_that_takes_too_long_is_stopped_with_a_clear_message(app, client):
    plan = make_plan()
    make_activity(plan, title="Basala hygienrutiner", area="F3")
    commit()
    # No time at all: the answer is looked for once, right after the render process starts,
    # so this holds on any machine, however fast.
    app.config["PDF_TIMEOUT"] = 0
    response = client.get(f"/planer/{plan.id}/rapport.pdf")
    assert response.status_code == 503
    assert "PDF:en kunde inte skapas" in page(response).h1.text
    assert multiprocessing.active_children() == []  # the render process was killed
    app.config["PDF_MEMORY_MB"] = 64  # WeasyPrint cannot even start in 64 MiB
    app.config["PDF_TIMEOUT"] = 60
    assert client.get(f"/planer/{plan.id}/rapport.pdf").status_code == 503
    app.config["PDF_MEMORY_MB"] = 2048
    # Nothing half-made was kept: the next download renders and succeeds.
    response = client.get(f"/planer/{plan.id}/rapport.pdf")
    assert response.status_code == 200
    assert "Basala hygienrutiner" in pdf_text(response.data)[1]


class CountingHandler(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 - the stdlib's name
        CountingHandler.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args):
        pass


def test_the_fetcher_refuses_files_and_network_even_in_raw_html(app, tmp_path):
    """Escaping keeps user text out of the markup; the fetcher is the second wall. Raw HTML
    that asks for a local file, an attachment, a stylesheet and an image over the network
    renders without any of them."""
    secret = tmp_path / "hemligt.txt"
    secret.write_text("HEMLIG-RAD-4711")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), CountingHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    remote = f"http://127.0.0.1:{server.server_port}"
    html = f"""<html lang="sv"><head><title>t</title>
      <link rel="stylesheet" href="{remote}/a.css">
      <style>@import url("{remote}/b.css"); @import url("file://{secret}");
             p {{ background: url("{remote}/c.png") }}</style></head>
      <body><p>Synlig text</p><img src="file://{secret}" alt="x"><img src="{remote}/d.png" alt="y">
      <a rel="attachment" href="file://{secret}">bilaga</a>
      <object data="file://{secret}"></object><iframe src="{remote}/e"></iframe></body></html>"""
    try:
        with app.app_context():
            reader, text = pdf_text(render_pdf(html))
    finally:
        server.shutdown()
    assert "Synlig text" in text and "HEMLIG-RAD-4711" not in text
    assert CountingHandler.requests == []
    assert "/EmbeddedFiles" not in str(reader.trailer["/Root"].get("/Names", {}))
    assert b"HEMLIG" not in b"".join(
        page.get_contents().get_data() for page in reader.pages if page.get_contents()
    )


def test_hostile_activity_texts_come_out_as_plain_text(app, client):
    plan = make_plan()
    hostile = [
        "@import url(https://angripare.example/x.css); body { display: none }",
        '<link rel="attachment" href="file:///etc/passwd">',
        "</p><style>* { color: white }</style>",
        "url(file:///etc/shadow) https://angripare.example/spårning.png",
    ]
    for n, text in enumerate(hostile):
        activity = make_activity(plan, title=f"Fientlig {n}", area="G1", description=text)
        record_progress(activity, days(0), "pagar", 10, text, "Angripare")
    commit()
    reader, text = pdf_text(client.get(f"/planer/{plan.id}/rapport.pdf").data)
    for n, hostile_text in enumerate(hostile):
        assert f"Fientlig {n}" in text
        assert " ".join(hostile_text.split()) in text  # the comment printed as written
    assert "root:" not in text
    assert "/EmbeddedFiles" not in str(reader.trailer["/Root"].get("/Names", {}))


def test_an_activity_block_is_never_split_across_pages(app, client):
    plan = make_plan()
    for n in range(40):
        activity = make_activity(plan, title=f"Aktivitet nummer {n:02}", area="F2")
        comment = f"Slutet av kommentar {n:02}. " + "Lång förklaring av läget. " * 12
        record_progress(activity, days(0), "pagar", 30, comment, "A")
    commit()
    reader, _text = pdf_text(client.get(f"/planer/{plan.id}/rapport.pdf").data)
    texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    area_pages = [t for t in texts if "Aktivitet nummer" in t and "Sammanfattning" not in t]
    assert len(area_pages) >= 3
    for n in range(40):
        holding = [t for t in area_pages if f"Aktivitet nummer {n:02}" in t]
        assert len(holding) >= 1
        assert f"Slutet av kommentar {n:02}" in holding[0], f"activity {n} was split"
        assert "Lång förklaring av läget." in holding[0].split(f"Aktivitet nummer {n:02}", 1)[1]


def test_the_kept_report_follows_every_change_it_prints(app, client):
    """A review found four changes that left the data key alone: each now renders anew."""
    from planner.orgs.services import update_organisation
    from planner.plans.services import delete_progress
    from planner.reports.keys import data_key
    from planner.wheel import services as wheel
    from tests.factories import make_org

    plan = make_plan()
    town = make_org("Åsby kommun", "kommun")
    activity = make_activity(plan, area="F1", organisation_ids=[plan.organisation_id, town.id])
    record_progress(activity, days(0), "pagar", 40, "Skrivfel här", "A")
    event = wheel.create_event(
        plan.organisation,
        wheel.EventData("APT", "apt", date(2026, 1, 15), recurrence="monthly_day"),
    )
    wheel.set_done(event, date(2026, 2, 15), True)
    commit()
    today = local_today()

    def key():
        db.session.expire_all()
        return data_key(db.session.get(Plan, plan.id), 2026, today)

    keys = [key()]
    delete_progress(activity.updates[0])  # a typo deleted and written again: same id on SQLite
    record_progress(activity, days(0), "pagar", 40, "Rättad kommentar", "A")
    commit()
    keys.append(key())
    update_organisation(town, "Åsby kommun (ny)", "kommun", None)  # printed on the activity
    commit()
    keys.append(key())
    wheel.set_done(event, date(2026, 2, 15), False)  # the mark moves to another month
    wheel.set_done(event, date(2026, 1, 15), True)
    commit()
    keys.append(key())
    assert len(set(keys)) == len(keys)


def test_the_report_is_swedish_whatever_the_interface_language(app, client):
    plan = make_plan()
    make_activity(plan, area="F1", title="Händelseanalyser", status="pagar", percent=30)
    commit()
    client.post("/sprak", data={"lang": "en", "csrf_token": client.csrf_token()})
    assert "In progress" in client.get(f"/planer/{plan.id}/aktiviteter").get_data(as_text=True)
    _reader, text = pdf_text(client.get(f"/planer/{plan.id}/rapport.pdf").data)
    assert "Pågår" in text and "In progress" not in text
    assert "Pågår" in client.get(f"/planer/{plan.id}/rapport").get_data(as_text=True)
