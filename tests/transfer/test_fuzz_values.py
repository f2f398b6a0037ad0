"""Random cells in a measure-value file: the import answers with a preview, never a 500, and
a preview saves nothing; confirming what it offers never breaks a rule of the values."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from planner.extensions import db
from planner.results.models import MeasureValue
from tests.factories import commit, make_measure, make_org, make_plan
from tests.test_fuzz import DATES, HOSTILE_TEXT, NUMBERS
from tests.transfer import helpers
from tests.transfer.helpers import csv_bytes, xlsx_bytes
from tests.transfer.test_fuzz_import import _xml_safe

WHERE = "matvarden/importera"
HEADERS = st.lists(
    st.sampled_from(
        ["Mått", "Organisation", "Period", "Värde", "Täljare", "Nämnare", "Enhet", "Mått-ID"]
    ),
    min_size=3,
    max_size=8,
)
CELL = st.one_of(
    HOSTILE_TEXT,
    DATES,
    NUMBERS,
    st.sampled_from(["BHK", "Fall", "Fuzz Norr", "2026-Q1", "2026-03", "2026", "%", "Antal"]),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)


@pytest.fixture
def plan_id(app, client):
    region = make_org("Fuzz Region")
    make_org("Fuzz Norr", "enhet", region)
    plan = make_plan(region)
    make_measure(plan, name="BHK")
    make_measure(
        plan, name="Fall", unit="count", direction="lower", rhythm="monthly", target=None,
        warning=None,
    )  # fmt: skip
    commit()
    return plan.id


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(MeasureValue))


@given(
    headers=HEADERS,
    cells=st.lists(st.lists(CELL, max_size=8), min_size=1, max_size=4),
    kind=st.sampled_from(["xlsx", "csv"]),
)
def test_random_value_cells(client, plan_id, headers, cells, kind):
    before = count()
    rows = [headers, *cells]
    if kind == "xlsx":
        data = xlsx_bytes([[_xml_safe(v) for v in row] for row in rows])
    else:
        data = csv_bytes(rows)
    response = helpers.upload(client, plan_id, data, f"a.{kind}", WHERE)
    assert response.status_code == 200
    assert count() == before
    if b'value="spara"' in response.data:
        saved = helpers.confirm(client, plan_id, response, WHERE)
        assert saved.status_code in (302, 409), saved.data[:2000]
