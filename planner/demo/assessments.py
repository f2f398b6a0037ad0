"""The demo's self-assessments: Åsby kommun's 2025 (decided) and 2026 (started from it, with
gaps, one already an activity in the municipality's own plan), an administration's 2025, and
the municipality's MAS who answers them."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from planner.assessment import services as assessments
from planner.auth.models import EDITOR
from planner.auth.services import add_membership, create_user
from planner.orgs.models import Organisation
from planner.plans import services
from planner.plans.services import ActivityData

CONTENT = Path(__file__).with_name("assessments.json")


def load_assessments(orgs: dict[str, Organisation], today: date, password: str) -> tuple:
    """Create them; returns the MAS's account as (e-mail, label) for the demo's summary."""
    content = json.loads(CONTENT.read_text(encoding="utf-8"))
    email, name, label = content["mas"]
    town = orgs["kommun"]
    mas = create_user(email, name, password)
    add_membership(mas, town, EDITOR)
    plan = services.create_plan_from_template(
        town, period_start=2025, period_end=2030, status="faststalld", **content["plan"]
    )
    made = {}
    for item in content["assessments"]:
        org = orgs[item["organisation"]]
        assessment = assessments.start_assessment(
            org, item["year"], from_previous=item.get("from_previous", False)
        )
        for code, value in item["answers"].items():
            comment, link = item.get("comments", {}).get(code, ("", ""))
            assessments.save_answer(assessment, code, value, comment, link, name)
        for code in item.get("unanswer", ()):
            assessments.save_answer(assessment, code, None, "", "", name)
        for code, (comment, link) in item.get("comments", {}).items():
            if code not in item["answers"]:
                answer = next(a for a in assessment.answers if a.question_code == code)
                answer.comment, answer.link = comment, link
        if item["decided"]:
            assessments.decide(assessment, mas)
        made[(item["organisation"], item["year"])] = assessment
    gap = content["gap_activity"]
    activity = assessments.create_gap_activity(
        made[(gap["organisation"], gap["year"])],
        plan,
        "indicator",
        gap["indicator"],
        ActivityData(
            title=gap["title"],
            area_id=0,
            description=gap["description"],
            responsible_name=gap["responsible"],
            organisation_ids=[town.id],
            start_date=today - timedelta(days=40),
            due_date=today + timedelta(days=gap["due"]),
        ),
    )
    offset, status, percent, comment = gap["progress"]
    services.record_progress(
        activity, today + timedelta(days=offset), status, percent, comment, name
    )
    return email, label
