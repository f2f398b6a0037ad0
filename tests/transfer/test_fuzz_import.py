"""Random files and random cells: the import answers with a page, never a 500, and a preview
saves nothing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select

from planner.extensions import db
from planner.plans.models import Activity
from tests.factories import commit, make_activity, make_org, make_plan
from tests.test_fuzz import DATES, HOSTILE_TEXT, NUMBERS
from tests.transfer.helpers import csv_bytes, upload, xlsx_bytes

HEADERS = st.lists(
    st.one_of(
        st.sampled_from(["ID", "Område", "Aktivitet", "Slutdatum", "Status", "Procent", "Mål"]),
        HOSTILE_TEXT,
    ),
    min_size=1,
    max_size=8,
)
CELL = st.one_of(HOSTILE_TEXT, DATES, NUMBERS, st.sampled_from(["G1", "F5", "Pågår", "Klar"]))


@pytest.fixture
def plan_id(app, client):
    plan = make_plan(make_org("Fuzzregionen"))
    make_activity(plan, "G1", title="Finns redan")
    commit()
    return plan.id


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Activity))


@given(data=st.binary(max_size=3000), name=st.sampled_from(["a.xlsx", "a.csv", "a.txt", "a"]))
def test_random_bytes(client, plan_id, data, name):
    before = count()
    response = upload(client, plan_id, data, name)
    assert response.status_code == 200
    assert count() == before


@given(
    headers=HEADERS,
    cells=st.lists(st.lists(CELL, max_size=8), min_size=1, max_size=4),
    kind=st.sampled_from(["xlsx", "csv"]),
)
def test_random_cells(client, plan_id, headers, cells, kind):
    before = count()
    rows = [headers, *cells]
    if kind == "xlsx":
        # Characters XML cannot hold are refused by openpyxl before the file exists.
        clean = [[_xml_safe(v) for v in row] for row in rows]
        data = xlsx_bytes(clean)
    else:
        data = csv_bytes(rows)
    response = upload(client, plan_id, data, f"a.{kind}")
    assert response.status_code == 200
    assert count() == before


def _xml_safe(value: str) -> str:
    return "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 0x20)[:32000]
