"""Results in the benchmark: measures and their values in the national data set, and a quick
in-process timing of the results pages.

bench/generate.py calls ``write_results``: in Region Mätby, the large plan gets 50 measures, one
of them BHK with ten years of monthly values from 50 units (6,000 values) and the others a
quarterly series from ten units; every national plan gets three measures with two years of
quarterly values of its own organisation. bench/run.py then times the large plan's results page
and the BHK page against the login page (the floor): each within 4× the floor. Both keep their
content per data state (planner/results/page_cache.py), so the repeated requests time the kept
content; the rows "built" time the first view after a change (the cache turned off).

    .venv/bin/python -m bench.results [--requests 50]     (in process, Region Mätby alone)
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from planner.results.periods import latest_ended, periods_between

UNITS = 50
MEASURES = 50
MEASURE_COLUMNS = (
    "id",
    "plan_id",
    "name",
    "definition",
    "numerator_text",
    "denominator_text",
    "unit",
    "direction",
    "target",
    "warning",
    "rhythm",
    "source",
    "area_code",
    "on_wheel",
    "position",
    "version",
    "created_at",
    "updated_at",
)
VALUE_COLUMNS = (
    "id",
    "measure_id",
    "organisation_id",
    "period",
    "period_start",
    "period_end",
    "value",
    "numerator",
    "denominator",
    "comment",
    "recorded_by",
    "recorded_at",
    "version",
)
AREAS = ("G1", "G2", "G3", "G4", "F1", "F2", "F3", "F4", "F5")


def bench_units(generator, parent: int) -> list[int]:
    """The 50 units under ``parent`` whose values the BHK page compares (made before the
    organisations are written)."""
    return [generator.org(f"Mätby avdelning {n + 1:02d}", "enhet", parent) for n in range(UNITS)]


def _periods(rhythm: str, today: date, years: int):
    last = latest_ended(rhythm, today)
    return periods_between(rhythm, last.end - timedelta(days=365 * years - 1), last.end)


def write_results(generator, large_plan: int, units: list[int], national_plans: list) -> dict:
    """Measures and values (see the module's docstring); the ids the benchmark measures."""
    rng, now, ids = generator.rng, generator.now, generator.ids
    measures: list[tuple] = []
    values: list[tuple] = []

    def measure(plan_id: int, name: str, rhythm: str, position: int) -> int:
        ident = ids("measure")
        target, warning = Decimal(90), Decimal(80)
        area = AREAS[position % len(AREAS)]
        measures.append(
            (ident, plan_id, name, "", "Antal rätt", "Antal observationer", "percent", "higher",
             target, warning, rhythm, "Egen mätning", area, False, position, 1, now, now)
        )  # fmt: skip
        return ident

    def value(measure_id: int, org_id: int, period, observed: int) -> None:
        compliant = min(observed, max(0, int(observed * rng.uniform(0.6, 1.0))))
        share = (Decimal(compliant) / Decimal(observed) * 100).quantize(Decimal("0.0001"))
        values.append(
            (ids("measure_value"), measure_id, org_id, period.key, period.start, period.end,
             share, Decimal(compliant), Decimal(observed), "", "Bänk Redaktör", now, 1)
        )  # fmt: skip

    today = generator.today
    bhk = measure(large_plan, "Följsamhet till basala hygien- och klädregler (BHK)", "monthly", 0)
    months = _periods("monthly", today, 10)
    for org_id in units:
        for period in months:
            value(bhk, org_id, period, 20)
    quarters = _periods("quarterly", today, 2)
    for n in range(1, MEASURES):
        other = measure(large_plan, f"Mått {n + 1}", "quarterly", n)
        for org_id in units[:10]:
            for period in quarters:
                value(other, org_id, period, 30)
    for plan_id, org_id, _count in national_plans:
        for n in range(3):
            other = measure(plan_id, f"Nationellt mått {n + 1}", "quarterly", n)
            for period in quarters:
                value(other, org_id, period, 40)
    t = generator.t
    generator.w.write(t["measure"], MEASURE_COLUMNS, measures)
    generator.w.write(t["measure_value"], VALUE_COLUMNS, values)
    return {"measure_id": bhk, "measure_values": len(months) * len(units)}


def main() -> None:
    from bench.common import report, timed
    from bench.generate import generate
    from planner import create_app

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'results.db'}"
        facts = generate(url, seed=1, scale=0)
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench"})
        client = app.test_client()
        floor, _ = timed(client, "/logga-in", args.requests)
        report("login page, anonymous (floor)", floor)
        token = client.get("/logga-in").get_data(as_text=True)
        token = token.split('name="csrf_token" type="hidden" value="')[1].split('"', 1)[0]
        data = {"email": facts["reader"], "password": facts["password"], "csrf_token": token}
        assert client.post("/logga-in", data=data).status_code == 302
        results = f"/planer/{facts['large_plan_id']}/resultat"
        measure = f"/matt/{facts['measure_id']}"
        for label, path in (
            ("plan overview, 500 activities (compare)", f"/planer/{facts['large_plan_id']}"),
            ("results page, 50 measures", results),
            (f"measure page, {facts['measure_values']:,} values", measure),
        ):
            times, response = timed(client, path, args.requests)
            assert response.status_code == 200, path
            report(label, times)
        # The first view after a change: the content built anew (the kept content turned off).
        app.config["RESULTS_CACHE_BYTES"] = 0
        for label, path in (("results page, built", results), ("measure page, built", measure)):
            times, response = timed(client, path, max(5, args.requests // 5))
            assert response.status_code == 200, path
            report(label, times)


if __name__ == "__main__":
    main()
