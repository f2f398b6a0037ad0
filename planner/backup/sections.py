"""What a backup file holds: one section per table, in the order they are restored, with the
columns that name rows of other sections."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Column, Table

from planner.assessment.models import Answer, Assessment, GapActivity
from planner.audit.models import AuditEvent
from planner.auth.models import Membership, User
from planner.feeds.models import Subscription
from planner.orgs.models import Organisation
from planner.plans.models import Activity, Goal, Plan, PlanArea, ProgressUpdate
from planner.psb.contribution_models import Contribution, PartRequest
from planner.psb.models import ReportFigures, ReportSection, SafetyReport
from planner.results.models import Measure, MeasureValue
from planner.wheel.models import OccurrenceDone, WheelEvent


@dataclass(frozen=True)
class Section:
    """One list in the file: which table's rows, which columns name other sections' rows."""

    key: str
    table: Table
    refs: dict[str, str] = field(default_factory=dict)
    # Columns left out: ids, secrets, and what the server decides for itself.
    skip: frozenset[str] = frozenset({"id"})

    @property
    def columns(self) -> list[Column]:
        return [c for c in self.table.columns if c.key not in self.skip]


# In the order they are restored: a section refers only to sections before it.
SECTIONS = (
    Section("organisations", Organisation.__table__, {"parent_id": "organisations"}),
    Section(
        "external_organisations",
        Organisation.__table__,
        skip=frozenset({"id", "parent_id", "created_at", "updated_at"}),
    ),
    # No password hashes, no system-administrator flag: what a person may do
    # on the new server is the memberships below plus what its own administrators decide.
    Section(
        "users",
        User.__table__,
        skip=frozenset({"id", "password_hash", "is_system_admin"}),
    ),
    Section(
        "memberships",
        Membership.__table__,
        {"user_id": "users", "organisation_id": "organisations"},
        # Whether single sign-on's group mapping gave it belongs to this server's provider:
        # restored memberships are hand-made, and the format stays version 1-2.
        skip=frozenset({"id", "from_group"}),
    ),
    Section("plans", Plan.__table__, {"organisation_id": "organisations"}),
    Section("plan_areas", PlanArea.__table__, {"plan_id": "plans"}),
    Section("goals", Goal.__table__, {"plan_id": "plans", "area_id": "plan_areas"}),
    Section(
        "activities",
        Activity.__table__,
        # A responsible account without a role in the tree is left out (the typed name and
        # e-mail stay), as the file holds only the tree's members.
        {
            "plan_id": "plans",
            "area_id": "plan_areas",
            "goal_id": "goals",
            "responsible_user_id": "users",
        },
    ),
    Section(
        "progress_updates",
        ProgressUpdate.__table__,
        {"activity_id": "activities", "author_id": "users"},
    ),
    # A measure's goal is the goal link (a goal's measures are those that name it).
    # A responsible account without a role in the tree is left out, as for activities.
    # values_version only counts changes in this database (it keys kept pages), not data.
    Section(
        "measures",
        Measure.__table__,
        {"plan_id": "plans", "goal_id": "goals", "responsible_user_id": "users"},
        skip=frozenset({"id", "values_version"}),
    ),
    Section(
        "measure_values",
        MeasureValue.__table__,
        {
            "measure_id": "measures",
            "organisation_id": "organisations",
            "recorded_by_id": "users",
        },
    ),
    Section(
        "wheel_events",
        WheelEvent.__table__,
        {"organisation_id": "organisations", "plan_id": "plans", "owner_user_id": "users"},
        # Which national-template event it is guards only against adding the template
        # twice at once on this server; left out, version-1 files stay readable.
        skip=frozenset({"id", "template_key"}),
    ),
    Section("occurrences_done", OccurrenceDone.__table__, {"event_id": "wheel_events"}),
    Section(
        "subscriptions",
        Subscription.__table__,
        {"organisation_id": "organisations", "user_id": "users"},
    ),
    Section(
        "assessments",
        Assessment.__table__,
        {"organisation_id": "organisations", "decided_by_id": "users"},
    ),
    Section("assessment_answers", Answer.__table__, {"assessment_id": "assessments"}),
    Section(
        "assessment_gap_activities",
        GapActivity.__table__,
        {"assessment_id": "assessments", "activity_id": "activities"},
    ),
    Section("safety_reports", SafetyReport.__table__, {"organisation_id": "organisations"}),
    Section("report_sections", ReportSection.__table__, {"report_id": "safety_reports"}),
    Section("report_figures", ReportFigures.__table__, {"report_id": "safety_reports"}),
    Section(
        "psb_part_requests",
        PartRequest.__table__,
        {
            "report_id": "safety_reports",
            "organisation_id": "organisations",
            "writer_id": "users",
            "wheel_event_id": "wheel_events",
        },
    ),
    Section("psb_contributions", Contribution.__table__, {"request_id": "psb_part_requests"}),
    Section("history", AuditEvent.__table__),
)
BY_KEY = {s.key: s for s in SECTIONS}
# The lists of responsible organisations per activity (the many-to-many table).
ACTIVITY_ORG_KEYS = {
    "organisations": "organisations",
    "external_organisations": "external_organisations",
}
# The history's references: which section an id column or an entity type points into.
ENTITY_SECTIONS = {
    "Organisation": "organisations",
    "User": "users",
    "Membership": "memberships",
    "Plan": "plans",
    "PlanArea": "plan_areas",
    "Goal": "goals",
    "Activity": "activities",
    "ProgressUpdate": "progress_updates",
    "Measure": "measures",
    "MeasureValue": "measure_values",
    "WheelEvent": "wheel_events",
    "OccurrenceDone": "occurrences_done",
    "Subscription": "subscriptions",
    "Assessment": "assessments",
    "Answer": "assessment_answers",
    "GapActivity": "assessment_gap_activities",
    "SafetyReport": "safety_reports",
    "ReportSection": "report_sections",
    "PartRequest": "psb_part_requests",
    "Contribution": "psb_contributions",
    "ReportFigures": "report_figures",
}
HISTORY_REFS = {
    "actor_id": "User",
    "organisation_id": "Organisation",
    "plan_id": "Plan",
    "activity_id": "Activity",
}
