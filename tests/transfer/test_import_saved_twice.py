"""A double click on "Spara" in the import preview saves its new rows once."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from planner.extensions import db
from planner.plans.models import Activity
from tests.factories import commit, make_org, make_plan, make_user
from tests.transfer.helpers import form_values, upload, xlsx_bytes

SAVES = 4


def test_parallel_saves_of_one_preview_add_its_rows_once(shared_app):
    region = make_org("Region Öst")
    plan = make_plan(region)
    make_user("red@test.se", "redaktor", region)
    commit()
    plan_id = plan.id
    header = ["Område", "Aktivitet", "Slutdatum"]
    rows = [header] + [["G1", f"Import {n}", "2026-05-01"] for n in range(20)]
    first = shared_app.test_client()
    first.login("red@test.se")
    values = {**form_values(upload(first, plan_id, xlsx_bytes(rows))), "atgard": "spara"}
    clients = []
    for _ in range(SAVES):
        client = shared_app.test_client()
        client.login("red@test.se")
        clients.append(client)
    start = threading.Barrier(SAVES)
    codes = []

    def save(client):
        start.wait()
        codes.append(client.post(f"/planer/{plan_id}/importera/granska", data=values).status_code)

    threads = [threading.Thread(target=save, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    db.session.commit()  # a fresh look at what the requests wrote
    count = select(func.count(Activity.id)).where(Activity.plan_id == plan_id)
    assert db.session.scalar(count) == 20
    assert all(code < 500 for code in codes), codes
    assert codes.count(302) >= 1  # one save went through and was answered as saved
