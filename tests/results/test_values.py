"""What a value may be, per unit, and the value a numerator and denominator give; refusals are
Swedish messages next to the field, and nothing is saved."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from planner.extensions import db
from planner.results.models import MeasureValue
from planner.results.values import UnitError, computed_value
from tests.factories import commit, make_measure, make_org, make_plan
from tests.html import page


def D(text: str) -> Decimal:  # noqa: N802
    return Decimal(text)


@pytest.mark.parametrize(
    ("unit", "value", "numerator", "denominator", "expected"),
    [
        ("percent", None, "17", "19", "89.4737"),
        ("percent", None, "0", "12", "0.0000"),
        ("percent", None, "40", "40", "100.0000"),
        ("percent", "89.5", "17", "19", "89.4737"),  # a rounded value that agrees is fine
        ("percent", "85.5", None, None, "85.5000"),
        ("rate_1000", None, "3", "620", "4.8387"),
        ("count", "12", None, None, "12.0000"),
        ("index", "77", None, None, "77.0000"),
        ("number", "-3.25", None, None, "-3.2500"),
    ],
)
def test_the_value_stored(app, unit, value, numerator, denominator, expected):
    parts = [None if x is None else D(x) for x in (value, numerator, denominator)]
    assert computed_value(unit, *parts) == D(expected)


@pytest.mark.parametrize(
    ("unit", "value", "numerator", "denominator", "field", "message"),
    [
        ("percent", "100.5", None, None, "value", "mellan 0 och 100"),
        ("percent", "-1", None, None, "value", "mellan 0 och 100"),
        ("index", "101", None, None, "value", "mellan 0 och 100"),
        ("count", "-1", None, None, "value", "heltal"),
        ("count", "2.5", None, None, "value", "heltal"),
        ("rate_1000", "-0.1", None, None, "value", "negativt"),
        ("percent", None, "3", "0", "denominator", "Nämnaren kan inte vara 0"),
        ("percent", None, "5", "4", "numerator", "större än nämnaren"),
        ("percent", None, "3", None, "denominator", "nämnaren"),
        ("percent", None, None, "3", "numerator", "täljaren"),
        ("percent", None, "2.5", "10", "numerator", "heltal"),
        ("percent", "50", "17", "19", "value", "stämmer inte"),
        ("count", None, "3", "10", "numerator", "inte som täljare"),
        ("percent", None, None, None, "value", "Ange ett värde"),
        ("number", "1e20", None, None, "value", "för stort"),
    ],
)
def test_a_value_the_unit_does_not_allow_is_refused_next_to_its_field(
    app, unit, value, numerator, denominator, field, message
):
    parts = [None if x is None else D(x) for x in (value, numerator, denominator)]
    with pytest.raises(UnitError) as refused:
        computed_value(unit, *parts)
    assert refused.value.field == field
    assert message in str(refused.value)


def _values() -> int:
    return db.session.scalar(select(func.count()).select_from(MeasureValue))


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"value": "120"}, "value", "En procentsats ligger mellan 0 och 100."),
        ({"numerator": "3", "denominator": "0"}, "denominator", "Nämnaren kan inte vara 0."),
        ({"value": "åttio"}, "value", "Skriv ett tal, till exempel 85,5."),
        ({"value": "85", "period": "2026-03"}, "period", "Skriv till exempel 2026-Q1."),
    ],
)
def test_the_form_shows_the_message_next_to_the_field_and_keeps_the_input(
    client, form, field, message
):
    region = make_org("Region Form")
    plan = make_plan(region)
    measure = make_measure(plan)
    commit()
    data = {"organisation_id": str(region.id), "period": "2026-Q1", "version": "0", **form}
    response = client.post(f"/matt/{measure.id}/varde", data=data)
    doc = page(response)
    error = doc.find(id=f"{field}-error")
    assert error is not None and message in error.get_text()
    assert doc.find(id=field).get("aria-invalid") == "true"
    if field == "value":
        assert doc.find(id="value")["value"] == form["value"]
    assert _values() == 0


def test_a_value_typed_with_a_decimal_comma_and_a_fraction_are_stored_and_shown(client):
    region = make_org("Region Komma")
    unit = make_org("Avd 7", "enhet", region)
    plan = make_plan(region)
    measure = make_measure(plan, name="BHK")
    commit()
    base = {"organisation_id": str(unit.id), "version": "0", "started_for": ""}
    client.post(f"/matt/{measure.id}/varde", data={**base, "period": "2026-Q1", "value": "85,5"})
    client.post(
        f"/matt/{measure.id}/varde",
        data={**base, "period": "2026-Q2", "numerator": "17", "denominator": "19"},
    )
    stored = db.session.scalars(select(MeasureValue).order_by(MeasureValue.period)).all()
    assert [(v.period, v.value) for v in stored] == [
        ("2026-Q1", D("85.5")),
        ("2026-Q2", D("89.4737")),
    ]
    assert stored[1].period_start.isoformat() == "2026-04-01"
    assert stored[1].recorded_by == "Systemadmin"
    shown = page(client.get(f"/matt/{measure.id}?enhet={unit.id}")).find(
        "table", class_="values-table"
    )
    cells = [" ".join(td.get_text(" ").split()) for td in shown.find_all("td")]  # nbsp as space
    assert "89,5 %" in cells and "85,5 %" in cells and "17 / 19" in cells


def test_a_value_for_an_organisation_outside_the_plan_is_refused(client):
    region = make_org("Region Egen")
    stranger = make_org("Region Främmande")
    measure = make_measure(make_plan(region))
    commit()
    data = {"organisation_id": str(stranger.id), "period": "2026-Q1", "value": "80", "version": "0"}
    response = client.post(f"/matt/{measure.id}/varde", data=data)
    assert response.status_code == 200 and _values() == 0


def test_a_dated_measure_takes_a_day_as_its_period(client):
    region = make_org("Region Datum")
    measure = make_measure(
        make_plan(region), rhythm="dated", unit="count", target=None, warning=None
    )
    commit()
    data = {"organisation_id": str(region.id), "period": "2026-03-15", "value": "4", "version": "0"}
    assert client.post(f"/matt/{measure.id}/varde", data=data).status_code == 302
    value = db.session.scalars(select(MeasureValue)).one()
    assert (value.period, value.value) == ("2026-03-15", D(4))
