"""Every PDF planner makes passes the pdfua checker (the machine-checkable part of PDF/UA-1
and WCAG 2.1): above all, each table's header cells are tied to their data cells (UA-15-003),
so a screen reader can say which header a number belongs to."""

from __future__ import annotations

import pikepdf
import pytest
from pdfua import validate

from planner.wheel import services as wheel
from tests.factories import (
    commit,
    days,
    make_activity,
    make_measure,
    make_org,
    make_plan,
    record,
)


@pytest.fixture
def documents(app, client, tmp_path):
    region = make_org("Region Tabell")
    town = make_org("Kommun Tabell", "kommun", region)
    plan = make_plan(region)
    make_activity(plan, area="F1", title="I tid")
    make_activity(plan, area="G1", title="Sen", due_date=days(-3), start_date=days(-30))
    wheel.create_event(region, wheel.EventData("Temadag", "temadag", days(4)))
    # The results chapter (a chart, a table of values) and the roll-up's shared measure.
    for org, value in ((region, 85), (town, 92)):
        measure = make_measure(make_plan(org) if org is town else plan, name="BHK", on_wheel=True)
        record(measure, org, f"{days(0).year}-Q1", value, comment="Mätt vecka 12–13")
    commit()
    urls = {
        "report": f"/planer/{plan.id}/rapport.pdf",
        "rollup": f"/organisationer/{region.id}/sammanstallning.pdf",
        "wheel": f"/organisationer/{region.id}/arshjul.pdf",
    }
    paths = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200 and response.mimetype == "application/pdf", url
        paths[name] = tmp_path / f"{name}.pdf"
        paths[name].write_bytes(response.data)
    return paths


def header_scopes(path) -> list[str]:
    """Each header cell's /Scope, read back from the structure tree."""
    scopes: list[str] = []

    def walk(element) -> None:
        if not isinstance(element, pikepdf.Dictionary):
            return
        if element.get("/S") == "/TH":
            scopes.append(str(element.get("/A", {}).get("/Scope", "")))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            walk(kid)

    with pikepdf.open(path) as pdf:
        walk(pdf.Root.StructTreeRoot)
    return scopes


def test_every_pdf_passes_the_pdfua_checker(documents):
    for name, path in documents.items():
        report = validate(str(path))
        findings = [(f.rule_id, f.severity.name, f.message) for f in report.findings]
        assert findings == [], name


def test_row_and_column_headers_keep_their_scope(documents):
    for name in ("report", "rollup"):
        scopes = header_scopes(documents[name])
        assert scopes and "" not in scopes, name
        assert {"/Row", "/Column"} <= set(scopes), name
