"""Time spreadsheet export and import for plans of 1,000 and 5,000 activities (the row cap).

.venv/bin/python bench/transfer.py [--sizes 1000 5000]

For each size: a fresh SQLite file, a plan with that many activities, then as an editor:
export xlsx and CSV; upload the CSV export as a file of new activities into an empty plan
(preview), save it (all or nothing), and import it again (preview: all unchanged). Also the
size of the signed table the preview carries, which must stay under the 400 kB limit.
Last, how fast a 100,000-row CSV and xlsx are refused.
"""

from __future__ import annotations

import argparse
import io
import re
import tempfile
import time
from pathlib import Path

from planner import create_app
from planner.auth.models import EDITOR
from planner.auth.services import add_membership, create_user
from planner.clock import local_today
from planner.extensions import db
from planner.orgs.services import create_organisation
from planner.plans import services
from planner.plans.template import AREA_CODES

PASSWORD = "bench-password-1"


def _setup(folder: str, size: int):
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'bench.db'}",
            "SECRET_KEY": "bench",
            "WTF_CSRF_ENABLED": False,  # timing the work, not the token round trip
        }
    )
    with app.app_context():
        db.create_all()
        region = create_organisation("Region Bänk", "region")
        plan = services.create_plan_from_template(region, "Stor plan", 2025, 2030)
        empty = services.create_plan_from_template(region, "Tom plan", 2025, 2030)
        areas = {a.code: a.id for a in plan.areas}
        today = local_today()
        for n in range(size):
            activity = services.create_activity(
                plan,
                services.ActivityData(
                    title=f"Aktivitet nummer {n} om patientsäkerhet",
                    area_id=areas[AREA_CODES[n % 9]],
                    description="Beskrivning av vad som ska göras och varför. " * 3,
                    responsible_name=f"Person {n % 40}",
                    organisation_ids=[region.id],
                    due_date=today.replace(year=today.year + 1),
                ),
            )
            if n % 3 == 0:
                services.record_progress(activity, today, "pagar", 40, "Går enligt plan", "B")
        user = create_user("redaktor@bench.se", "Rebecka", PASSWORD)
        add_membership(user, region, EDITOR)
        db.session.commit()
        ids = plan.id, empty.id
    client = app.test_client()
    login = client.post("/logga-in", data={"email": "redaktor@bench.se", "password": PASSWORD})
    assert login.status_code == 302
    return app, client, ids


def _timed(call):
    start = time.perf_counter()
    result = call()
    return (time.perf_counter() - start) * 1000, result


def _values(html: str) -> dict[str, str]:
    values = dict(re.findall(r'name="(table|granskning)"[^>]*value="([^"]*)"', html))
    values.update(re.findall(r'<select[^>]*name="(kolumn_\d+)".*?selected value="(\w*)"', html))
    values.update(
        (name, value)
        for name, value in re.findall(
            r'<select[^>]*name="(kolumn_\d+)"[^>]*>.*?<option selected value="(\w*)"', html, re.S
        )
    )
    return values


def run(size: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        app, client, (plan_id, empty_id) = _setup(folder, size)
        ms, xlsx = _timed(lambda: client.get(f"/planer/{plan_id}/aktiviteter.xlsx"))
        print(f"{size:5} activities  export xlsx   {ms:8.0f} ms  {len(xlsx.data) / 1024:7.0f} KiB")
        ms, csv = _timed(lambda: client.get(f"/planer/{plan_id}/aktiviteter.csv"))
        print(f"{size:5} activities  export csv    {ms:8.0f} ms  {len(csv.data) / 1024:7.0f} KiB")
        # The export without its ID column: every row is new in the empty plan.
        lines = csv.data.decode("utf-8-sig").split("\r\n")
        stripped = "\r\n".join(line.split(";", 1)[1] if line else line for line in lines)

        def upload(data: bytes, plan: int, name: str):
            return client.post(
                f"/planer/{plan}/importera",
                data={"file": (io.BytesIO(data), name)},
                content_type="multipart/form-data",
            )

        ms, preview = _timed(lambda: upload(stripped.encode(), empty_id, "ny.csv"))
        html = preview.get_data(as_text=True)
        values = _values(html)
        token = len(values.get("table", ""))
        print(
            f"{size:5} activities  preview new   {ms:8.0f} ms  page {len(html) / 1024:5.0f} KiB"
            f"  signed table {token / 1024:5.0f} KiB"
        )
        ms, saved = _timed(
            lambda: client.post(
                f"/planer/{empty_id}/importera/granska", data={**values, "atgard": "spara"}
            )
        )
        assert saved.status_code == 302, saved.get_data(as_text=True)[:3000]
        print(f"{size:5} activities  save          {ms:8.0f} ms")
        ms, again = _timed(lambda: upload(xlsx.data, plan_id, "export.xlsx"))
        body = again.get_data(as_text=True)
        assert "Allt i filen finns redan i planen" in body, (
            re.findall(r"Filen [^<]*", body),
            re.findall(r"import-uppdateras.{0,900}", body, re.S)[:1],
        )
        print(f"{size:5} activities  re-import xlsx (all unchanged) preview {ms:8.0f} ms")
        with app.app_context():
            db.engine.dispose()


def refusal() -> None:
    """How fast a 100,000-row file is refused (the cap is 5,000)."""
    from openpyxl import Workbook

    lines = ["Område;Aktivitet;Slutdatum"] + [
        f"G1;Aktivitet {n};2027-01-31" for n in range(100_000)
    ]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for line in lines:
        sheet.append(line.split(";"))
    out = io.BytesIO()
    workbook.save(out)
    files = {"stor.csv": "\r\n".join(lines).encode(), "stor.xlsx": out.getvalue()}
    with tempfile.TemporaryDirectory() as folder:
        app, client, (_plan_id, empty_id) = _setup(folder, 0)
        for name, data in files.items():
            ms, response = _timed(
                lambda name=name, data=data: client.post(
                    f"/planer/{empty_id}/importera",
                    data={"file": (io.BytesIO(data), name)},
                    content_type="multipart/form-data",
                )
            )
            assert "fler än 5 000 rader" in response.get_data(as_text=True)
            print(f"100 000 rows {name:10} {len(data) / 1024:6.0f} KiB  refused in {ms:6.0f} ms")
        with app.app_context():
            db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    for size in parser.parse_args().sizes:
        run(size)
    refusal()


if __name__ == "__main__":
    main()
