"""The demo's results: measures from the catalogue with two years of values across the
region's units, some meeting their target and some not, one period still waiting for values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from planner.orgs.models import Organisation
from planner.orgs.services import create_organisation
from planner.plans.models import Plan
from planner.results import services
from planner.results.periods import latest_ended, periods_between
from planner.results.services import ValueEntry

# Units under the administrations: (administration key, name).
UNITS = (
    ("hsf", "Medicinkliniken, avdelning 12"),
    ("hsf", "Kirurgkliniken, avdelning 31"),
    ("hsf", "Ortopedkliniken, avdelning 21"),
    ("hsf", "Geriatriska kliniken, avdelning 5"),
    ("pvf", "Vårdcentralen Norr"),
    ("pvf", "Vårdcentralen Söder"),
)
WARDS = 4  # the first four units are hospital wards


@dataclass(frozen=True)
class Author:
    name: str
    id: int | None = None


def _wiggle(unit: int, step: int) -> Decimal:
    """A small, repeatable variation (−2 … +2) so the lines look measured, not drawn."""
    return Decimal((unit * 37 + step * 11) % 5 - 2)


def _ended(rhythm: str, today: date, years: int = 2):
    last = latest_ended(rhythm, today)
    if last is None:
        return []
    return periods_between(rhythm, today - timedelta(days=365 * years), last.end)


def load_results(plan: Plan, orgs: dict[str, Organisation], today: date, authors: list) -> int:
    """Add the demo's measures and values to ``plan``; the number of values entered."""
    units = [create_organisation(name, "enhet", orgs[parent]) for parent, name in UNITS]
    measures = {
        m.catalogue_key: m
        for m in services.add_from_catalogue(
            plan, ["bhk", "trycksar", "vri", "mjg", "hse", "riskbedomning", "fallskador"]
        )
    }
    measures["bhk"].baseline_value, measures["bhk"].baseline_date = Decimal(78), date(2024, 12, 31)
    count = 0

    def enter(key: str, org: Organisation, period, value: Decimal, comment: str = "", **kw):
        nonlocal count
        author = Author(authors[count % len(authors)])
        entry = ValueEntry(org.id, period.key, value, comment=comment, **kw)
        services.record_value(measures[key], entry, author)
        count += 1

    # BHK per unit and quarter: most wards improve towards 90 %, the orthopaedic ward stays
    # under the warning limit, one primary-care centre has not reported the latest quarter.
    quarters = _ended("quarterly", today)
    starts = (82, 80, 70, 86, 84, 79)
    for u, unit in enumerate(units):
        for q, period in enumerate(quarters):
            if u == 5 and q == len(quarters) - 1:
                continue
            gain = 0 if u == 2 else q * 1.5
            observed = Decimal(40)
            value = min(Decimal(100), Decimal(starts[u]) + Decimal(str(gain)) + _wiggle(u, q))
            compliant = (value * observed / 100).to_integral_value()
            comment = ""
            if u == 2 and q == len(quarters) - 1:
                comment = "Handlingsplan startad: utbildning i klädregler på APT."
            enter("bhk", unit, period, None, comment, numerator=compliant, denominator=observed)
    # Pressure ulcers and infections on the wards, twice a year (lower is better).
    for h, period in enumerate(_ended("half_yearly", today)):
        for u, unit in enumerate(units[:WARDS]):
            patients = Decimal(24 + 3 * u)
            ulcers = Decimal(max(0, 5 - h + (u % 3) - (1 if u == 3 else 0)))
            enter("trycksar", unit, period, None, numerator=ulcers, denominator=patients)
            infected = Decimal(max(1, 3 + (u + h) % 3 - h // 2))
            enter("vri", unit, period, None, numerator=infected, denominator=patients)
    # The region's own yearly figures: MJG care injuries and the staff survey's HSE index.
    region = plan.organisation
    for y, period in enumerate(_ended("yearly", today)):
        enter(
            "mjg",
            region,
            period,
            Decimal("7.8") - Decimal("0.6") * y,
            "Granskning av 240 vårdtillfällen.",
        )
    for y, period in enumerate(_ended("biennial_even", today, years=4)):
        enter("hse", region, period, Decimal(74) + 3 * y)
    # Senior alert's risk assessments per administration, monthly; the last month still due.
    months = _ended("monthly", today)[:-1]
    for m, period in enumerate(months):
        for a, key in enumerate(("hsf", "pvf")):
            enter(
                "riskbedomning",
                orgs[key],
                period,
                Decimal(84 + a * 4) + Decimal(m) / 4 + _wiggle(a, m),
            )
    # Falls with injury per 1,000 care days on the wards, monthly (no target: followed).
    for m, period in enumerate(_ended("monthly", today)):
        for u, unit in enumerate(units[:WARDS]):
            days_cared = Decimal(620 + 40 * u)
            falls = Decimal((u + m) % 4)
            enter("fallskador", unit, period, None, numerator=falls, denominator=days_cared)
    return count
