"""The backup format's version and how an older file is lifted to it.

Each time the format changes, VERSION goes up by one and UPGRADES gets the function that turns
a file of the previous version into the new one (planner/backup/format.py's ``parse`` applies
them in turn), so every older backup file still restores.
"""

from __future__ import annotations

from collections.abc import Callable

FORMAT = "planner-backup"
VERSION = 7
# Upgrades of older files, by the version they read: UPGRADES[n] turns a version-n document
# into a version-(n + 1) one. When the format changes, bump VERSION and add the function that
# lifts the previous version.


def _wheel_events_span_days(document: dict) -> dict:
    """Version 2 gave wheel events a number of days; every older event covered one day."""
    for event in document.get("wheel_events") or []:
        if isinstance(event, dict):
            event.setdefault("span_days", 1)
    return document


def _no_measures(document: dict) -> dict:
    """Version 3 carries measures and their values; an older file had none."""
    for key in ("measures", "measure_values"):
        document.setdefault(key, [])
    return document


def _no_assessments(document: dict) -> dict:
    """Version 4 added self-assessments; an older file has none."""
    for key in ("assessments", "assessment_answers", "assessment_gap_activities"):
        document.setdefault(key, [])
    return document


PSB_SECTIONS = (
    "safety_reports",
    "report_sections",
    "report_figures",
    "psb_part_requests",
    "psb_contributions",
)


def _no_safety_reports(document: dict) -> dict:
    """Version 5 added the patient-safety reports; an older file has none."""
    for key in PSB_SECTIONS:
        document.setdefault(key, [])
    return document


def _responsible_accounts(document: dict) -> dict:
    """Version 6 links an activity's responsible person and a wheel event's owner to an
    account; older files named the person only by the typed name and e-mail (no link)."""
    for key, column in (("activities", "responsible_user_id"), ("wheel_events", "owner_user_id")):
        for row in document.get(key) or []:
            if isinstance(row, dict):
                row.setdefault(column, None)
    return document


def _measure_responsible(document: dict) -> dict:
    """Version 7 names a measure's responsible account; older measures had none."""
    for row in document.get("measures") or []:
        if isinstance(row, dict):
            row.setdefault("responsible_user_id", None)
    return document


UPGRADES: dict[int, Callable[[dict], dict]] = {
    1: _wheel_events_span_days,
    2: _no_measures,
    3: _no_assessments,
    4: _no_safety_reports,
    5: _responsible_accounts,
    6: _measure_responsible,
}
