"""EXPLAIN ANALYZE of the hot paths' queries on a generated PostgreSQL database.

    .venv/bin/python -m bench.explain --database-url URL

Prints each query's plan and time; a sequential scan of a large table is marked. These are the
statements the pages and the feed send (taken from the SQL log), with the generated ids."""

from __future__ import annotations

import argparse
import re

from sqlalchemy import create_engine, text

from planner.config import normalise_database_url

LARGE_TABLES = ("activity", "plan_area", "progress_update", "wheel_event", "subscription",
                "audit_event", "activity_organisation", "membership",
                "measure_value")  # fmt: skip

QUERIES = {
    "översiktens tabell (aktiviteter per område och status)": """
        SELECT area_id, status, count(*), sum(percent) FROM activity WHERE plan_id = :plan
        GROUP BY area_id, status""",
    "översiktens lista (försenade, de tio första)": """
        SELECT * FROM activity WHERE plan_id = :plan AND status NOT IN ('klar', 'avbruten')
        AND due_date < current_date ORDER BY due_date IS NULL, due_date, id LIMIT 10""",
    "aktivitetslistan med filter (appens egen fråga, sida 1)": None,  # see list_statement
    "ansvariga organisationer i planen (listans filter)": """
        SELECT DISTINCT organisation.* FROM organisation
        JOIN activity_organisation ao ON ao.organisation_id = organisation.id
        JOIN activity ON activity.id = ao.activity_id WHERE activity.plan_id = :plan""",
    "en aktivitets framsteg": """
        SELECT * FROM progress_update WHERE activity_id = :activity
        ORDER BY date DESC, id DESC""",
    "historik för planen (50 senaste)": """
        SELECT * FROM audit_event WHERE plan_id = :plan ORDER BY at DESC, id DESC LIMIT 50""",
    "prenumeration från länkens hash": """
        SELECT * FROM subscription WHERE token_hash = :hash""",
    "flödets händelser (organisationens)": """
        SELECT * FROM wheel_event WHERE organisation_id IN (:org)""",
    "flödets validator (antal, senast ändrad)": """
        SELECT count(*), max(updated_at), sum(id) FROM wheel_event
        WHERE organisation_id IN (:org)""",
    "flödets aktiviteter (regionens planer, fönstret)": """
        SELECT activity.* FROM activity JOIN plan ON activity.plan_id = plan.id
        WHERE plan.organisation_id IN (:region) AND plan.status != 'arkiverad'
        AND (activity.due_date BETWEEN current_date - 61 AND current_date + 427
             OR activity.follow_up_date BETWEEN current_date - 61 AND current_date + 427)""",
    "användarens medlemskap": """
        SELECT * FROM membership WHERE user_id = :user""",
    "årsrapportens framsteg under året": """
        SELECT progress_update.* FROM progress_update
        JOIN activity ON activity.id = progress_update.activity_id
        WHERE activity.plan_id = :report AND progress_update.date >= date_trunc('year', now())""",
    "resultatsidans nyckel (planens värden: antal, id, versioner, senast)": """
        SELECT count(id), sum(id), sum(version), max(recorded_at) FROM measure_value
        WHERE measure_id IN (SELECT id FROM measure WHERE plan_id = :plan)""",
    "måttsidans nyckel (måttets värden: antal, id, versioner, senast)": """
        SELECT count(id), sum(id), sum(version), max(recorded_at) FROM measure_value
        WHERE measure_id = :measure""",
    "sparad årsrapport": """
        SELECT id, data_key FROM kept_document
        WHERE kind = 'report' AND subject_id = :report AND parameters = 'ar=2026'""",
}


def list_statement(plan_id: int) -> str:
    """The activity list's statement as the app builds it (planner/plans/queries.py)."""
    from datetime import date

    from sqlalchemy.dialects import postgresql

    from planner.plans.queries import ActivityFilter, activity_statement

    stmt = activity_statement(plan_id, ActivityFilter(area="F1", status="pagar"), date.today())
    compiled = stmt.limit(25).compile(
        dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}
    )
    return str(compiled)


def explain(url: str) -> str:
    engine = create_engine(normalise_database_url(url))
    out: list[str] = []
    with engine.connect() as conn:
        params = {
            "plan": 1,
            "report": 2,
            "activity": 1,
            "org": 2,
            "region": 1,
            "user": 1,
            "measure": 1,
            "hash": conn.execute(text("SELECT token_hash FROM subscription WHERE id = 1")).scalar(),
        }
        for label, sql in QUERIES.items():
            sql = sql or list_statement(params["plan"])
            used = {k: v for k, v in params.items() if f":{k}" in sql}
            plan = conn.execute(text(f"EXPLAIN (ANALYZE, BUFFERS OFF) {sql}"), used).scalars()
            lines = list(plan)
            seq = [
                t for t in LARGE_TABLES if any(re.search(rf"Seq Scan on {t}\b", ln) for ln in lines)
            ]
            flag = f"   ⚠ sekventiell läsning av {', '.join(seq)}" if seq else ""
            out.append(f"-- {label}{flag}")
            out.extend("   " + ln for ln in lines)
    engine.dispose()
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    print(explain(parser.parse_args().database_url))


if __name__ == "__main__":
    main()
