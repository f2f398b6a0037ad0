"""Every PDF is kept until its data changes, rendered by one request at a time (the others
wait for it), and heavy renders never take the turns light ones need."""

from __future__ import annotations

import io
import logging
import threading
from datetime import date, timedelta

from pypdf import PdfReader
from sqlalchemy import func, select

from planner.documents.models import KeptDocument, RenderClaim
from planner.documents.store import Document, kept_pdf
from planner.extensions import db
from planner.models import utcnow
from planner.pdf import render_turns
from planner.plans.services import record_progress
from planner.wheel import services as wheel_services
from planner.wheel import views as wheel_views
from tests.factories import PASSWORD, commit, days, make_activity, make_org, make_plan, make_user


def count_renders(monkeypatch, module) -> list[int]:
    """Each call of ``module.render_pdf`` (the real one still renders)."""
    renders: list[int] = []
    real = module.render_pdf

    def counting(html, **kwargs):
        renders.append(1)
        return real(html, **kwargs)

    monkeypatch.setattr(module, "render_pdf", counting)
    return renders


def test_the_wheel_pdf_is_kept_per_choice_until_its_data_changes(app, client, monkeypatch):
    renders = count_renders(monkeypatch, wheel_views)
    region = make_org("Region Öst")
    wheel_services.add_national_template(region, 2026)
    plan = make_plan(region)
    activity = make_activity(
        plan, title="Rena händer", start_date=date(2026, 1, 1), due_date=date(2026, 5, 10)
    )
    commit()
    plain = f"/organisationer/{region.id}/arshjul.pdf?ar=2026"
    dated = plain + "&aktiviteter=1"
    first, again = client.get(plain), client.get(plain)
    assert first.status_code == again.status_code == 200
    assert first.data == again.data and len(renders) == 1
    client.get(dated)
    client.get(dated)
    assert len(renders) == 2  # another choice is another document, kept as well
    activity.title = "Rena händer överallt"  # an activity edit: only the dated wheel changes
    commit()
    assert client.get(plain).data == first.data and len(renders) == 2
    assert "Rena händer överallt" in pdf_text(client.get(dated).data)
    assert len(renders) == 3
    wheel_services.create_event(
        region, wheel_services.EventData("Ny temadag", "temadag", date(2026, 9, 1))
    )
    commit()
    assert "Ny temadag" in pdf_text(client.get(plain).data)
    assert len(renders) == 4


def test_the_rollup_pdf_is_kept_until_a_plan_in_the_tree_changes(app, client, monkeypatch):
    from planner.reports import views as report_views

    renders = count_renders(monkeypatch, report_views)
    region = make_org("Region Öst")
    town = make_org("Åby kommun", "kommun", parent=region)
    activity = make_activity(make_plan(town, title="Åbys plan"))
    commit()
    url = f"/organisationer/{region.id}/sammanstallning.pdf"
    assert client.get(url).data == client.get(url).data
    assert len(renders) == 1
    record_progress(activity, days(0), "pagar", 40, "", "A")
    commit()
    client.get(url)
    assert len(renders) == 2
    town.name = "Åby stad"
    commit()
    assert "Åby stad" in pdf_text(client.get(url).data)
    assert len(renders) == 3


def test_a_kept_document_goes_with_its_organisation(app, client):
    region = make_org("Region Öst")
    commit()
    assert client.get(f"/organisationer/{region.id}/arshjul.pdf").status_code == 200
    db.session.delete(region)
    commit()
    assert db.session.scalar(select(func.count()).select_from(KeptDocument)) == 0


def pdf_text(data: bytes) -> str:
    """The PDF's words, each run of whitespace (line breaks included) as one space."""
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.split())


# --- one render at a time, across threads and processes ----------------------------------


class Signal(logging.Handler):
    """Sets ``event`` when a log message contains ``text``."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text, self.event = text, threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if self.text in record.getMessage():
            self.event.set()


def test_a_second_request_waits_for_the_render_in_progress(shared_app, caplog):
    caplog.set_level(logging.INFO, logger=shared_app.logger.name)
    org_id = make_org("Region Öst").id
    commit()
    document = Document("wheel", org_id, "ar=2026", org_id)
    waiting = Signal("waits for the render in progress")
    shared_app.logger.addHandler(waiting)
    rendering = threading.Event()
    renders: list[str] = []
    served: dict[str, bytes] = {}

    def first_render() -> bytes:
        renders.append("first")
        rendering.set()
        assert waiting.event.wait(30), "the second request never waited"
        return b"%PDF from the first request"

    def second_render() -> bytes:
        renders.append("second")
        return b"%PDF from the second request"

    def request(name: str, render) -> None:
        with shared_app.app_context():
            served[name] = kept_pdf(document, "data-1", render)
            db.session.remove()

    first = threading.Thread(target=request, args=("first", first_render))
    first.start()
    assert rendering.wait(30)  # the first request holds the claim and renders
    second = threading.Thread(target=request, args=("second", second_render))
    second.start()
    first.join(60)
    second.join(60)
    shared_app.logger.removeHandler(waiting)
    assert renders == ["first"]
    assert served == {
        "first": b"%PDF from the first request",
        "second": b"%PDF from the first request",
    }
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(RenderClaim)) == 0


def test_parallel_requests_for_one_pdf_render_it_once(shared_app, monkeypatch):
    renders = count_renders(monkeypatch, wheel_views)
    region = make_org("Region Öst")
    wheel_services.add_national_template(region, 2026)
    make_user("lasare@test.se", "lasare", region)
    commit()
    url = f"/organisationer/{region.id}/arshjul.pdf?ar=2026"
    clients = []
    for _ in range(4):
        client = shared_app.test_client()
        client.login("lasare@test.se", PASSWORD)
        clients.append(client)
    start = threading.Barrier(len(clients))
    responses = []

    def fetch(client) -> None:
        start.wait()
        response = client.get(url)
        responses.append((response.status_code, response.data))

    threads = [threading.Thread(target=fetch, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert [status for status, _data in responses] == [200] * 4
    assert len({data for _status, data in responses}) == 1
    assert len(renders) == 1


def test_a_claim_left_by_a_dead_process_is_taken_over_when_it_expires(app, client):
    region = make_org("Region Öst")
    commit()
    parameters = "ar=2026&ringar=kategori&aktiviteter=0"
    db.session.add(
        RenderClaim(
            kind="wheel",
            subject_id=region.id,
            parameters=parameters,
            token="dead",
            expires_at=utcnow() - timedelta(seconds=1),
        )
    )
    commit()
    response = client.get(f"/organisationer/{region.id}/arshjul.pdf?ar=2026")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    db.session.expire_all()
    assert db.session.scalars(select(RenderClaim.token)).all() == []


def test_a_render_in_progress_that_never_ends_gives_a_clear_503(app, client):
    app.config["PDF_TIMEOUT"] = 1
    region = make_org("Region Öst")
    db.session.add(
        RenderClaim(
            kind="rollup",
            subject_id=region.id,
            parameters="ar=2026",
            token="alive",
            expires_at=utcnow() + timedelta(minutes=5),
        )
    )
    commit()
    response = client.get(f"/organisationer/{region.id}/sammanstallning.pdf?ar=2026")
    assert response.status_code == 503
    assert "PDF" in response.get_data(as_text=True)


# --- heavy renders have their own turns ---------------------------------------------------


def test_a_light_pdf_is_rendered_while_heavy_renders_hold_every_heavy_turn(app, client):
    app.config["PDF_HEAVY_ITEMS"] = 10  # the national wheel (17 dates and markers) is heavy
    region = make_org("Region Öst")
    wheel_services.add_national_template(region, 2026)
    commit()
    heavy = render_turns(heavy=True)
    held = 0
    for _ in range(app.config["PDF_HEAVY_PARALLEL"]):
        assert heavy.acquire(timeout=60)
        held += 1
    try:
        light = client.get(f"/organisationer/{region.id}/sammanstallning.pdf?ar=2026")
        assert light.status_code == 200 and light.data.startswith(b"%PDF")
        app.config["PDF_TIMEOUT"] = 1  # the heavy one waits for a heavy turn, then gives up
        wheel = client.get(f"/organisationer/{region.id}/arshjul.pdf?ar=2026")
        assert wheel.status_code == 503
    finally:
        for _ in range(held):
            heavy.release()


def test_a_deleted_newest_row_replaced_by_another_is_a_change(app, client):
    """SQLite gives the new row the deleted one's id: count, ids and versions stay the same."""
    from planner.plans import services as plan_services
    from planner.reports.keys import data_key

    region = make_org("Region Öst")
    plan = make_plan(region)
    old = make_activity(plan, title="Gammal aktivitet")
    event = wheel_services.create_event(
        region, wheel_services.EventData("Gammal temadag", "temadag", date(2026, 9, 1))
    )
    commit()
    url = f"/organisationer/{region.id}/arshjul.pdf?ar=2026"
    assert "Gammal temadag" in pdf_text(client.get(url).data)
    before = data_key(plan, 2026, date(2026, 6, 1))

    plan_services.delete_activity(old)
    wheel_services.delete_event(event)
    commit()
    make_activity(plan, title="Ny aktivitet")
    wheel_services.create_event(
        region, wheel_services.EventData("Ny temadag", "temadag", date(2026, 9, 1))
    )
    commit()
    assert data_key(plan, 2026, date(2026, 6, 1)) != before
    assert "Ny temadag" in pdf_text(client.get(url).data)
