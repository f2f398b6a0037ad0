"""Assessments for tests: answer sets by hand, through the services."""

from __future__ import annotations

from planner.assessment.models import Assessment


def text(response) -> str:
    """A page's text with its no-break spaces as plain spaces (73,6 % is written 73,6\xa0%)."""
    from bs4 import BeautifulSoup

    body = BeautifulSoup(response.get_data(as_text=True), "html.parser").get_text(" ")
    return " ".join(body.replace("\xa0", " ").split())


def reload(assessment_id: int) -> Assessment:
    from planner.extensions import db

    db.session.expire_all()
    return db.session.get(Assessment, assessment_id)
