"""Authorisation matrix generated from the application's URL map: every route × every kind of
visitor → the expected answer. A new route without an expected answer fails this test."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from planner.assessment import services as assessments
from planner.auth import services as accounts
from planner.auth import user_sessions
from planner.auth.models import ADMIN, EDITOR, READER, UserSession
from planner.extensions import db
from planner.feeds import services as subscriptions
from planner.plans import services
from planner.psb import contributions
from planner.psb import services as psb
from planner.sso import groups
from planner.wheel import services as wheel_services
from tests.factories import (
    area_id,
    commit,
    days,
    make_activity,
    make_measure,
    make_org,
    make_plan,
    make_user,
    record,
)

# What each endpoint needs. PUBLIC: anyone; LOGIN: any logged-in user; VIEW/EDIT/MANAGE: that
# right on the region the world's objects belong to; ADMINISTER: system administrators only.
PUBLIC, LOGIN, VIEW, EDIT, MANAGE, ADMINISTER = (
    "public",
    "login",
    "view",
    "edit",
    "manage",
    "administer",
)
TOKEN = "token"  # no login; an unknown or revoked token answers 404 to everyone
PUBLISHED = "published"  # no login; the world's PSB is not published: 404 to everyone
# The provider's answer to a single sign-on: with no login started, a failure page for everyone.
SSO_ANSWER = "sso_answer"
OWNER = "owner"  # one's own rows only: another person's answers 404 to everyone logged in
EXPECTED = {
    "static": PUBLIC,
    "auth.login": PUBLIC,
    "sso.start": PUBLIC,  # single sign-on is off in this app: back to the login page
    "sso.callback": SSO_ANSWER,
    "sso.no_role": LOGIN,
    "sso.link": LOGIN,  # single sign-on is off in this app: back to one's account page
    "sso_groups.index": ADMINISTER,
    "sso_groups.remove": ADMINISTER,
    "web.choose_language": PUBLIC,
    "auth.logout": LOGIN,
    "auth.change_password": LOGIN,
    "account.show": LOGIN,
    "account.end_other_sessions": LOGIN,
    "account.end_session": OWNER,  # the world's session is the member's, no visitor's
    "orgs.index": LOGIN,
    "mywork.index": LOGIN,
    "mywork.record_progress": EDIT,
    "auth.users": ADMINISTER,
    "auth.create_user": ADMINISTER,
    "orgs.create": ADMINISTER,
    "orgs.edit": ADMINISTER,
    "orgs.show": VIEW,
    "members.index": MANAGE,
    "members.add": MANAGE,
    "members.change_role": MANAGE,
    "members.remove": MANAGE,
    "members.withdraw": MANAGE,
    "plans.create": EDIT,
    "plans.show": VIEW,
    "plans.history": VIEW,
    "plans.edit": EDIT,
    "plans.area": VIEW,
    "plans.edit_area": EDIT,
    "plans.create_goal": EDIT,
    "plans.edit_goal": EDIT,
    "plans.delete_goal": EDIT,
    "activities.index": VIEW,
    "activities.create": EDIT,
    "activities.show": VIEW,
    "activities.edit": EDIT,
    "activities.delete": EDIT,
    "activities.record_progress": EDIT,
    "activities.delete_progress": EDIT,
    "wheel.show": VIEW,
    "wheel.svg": VIEW,
    "wheel.pdf": VIEW,
    "wheel.create": EDIT,
    "wheel.edit": EDIT,
    "wheel.delete": EDIT,
    "wheel.mark_done": EDIT,
    "wheel.add_template": EDIT,
    "feeds.index": VIEW,
    "feeds.replace": MANAGE,  # the world's subscription is organisation-wide
    "feeds.revoke": MANAGE,
    "feeds.feed": TOKEN,
    "reports.show": VIEW,
    "reports.pdf": VIEW,
    "reports.rollup": VIEW,
    "reports.rollup_pdf": VIEW,
    "transfer.export_xlsx": VIEW,
    "transfer.export_csv": VIEW,
    "transfer.wheel_xlsx": VIEW,
    "transfer.import_upload": EDIT,
    "transfer.import_review": EDIT,
    "backup.download": MANAGE,
    "psb_files.pdf": VIEW,
    "psb_files.docx": VIEW,
    "psb_files.published_pdf": PUBLISHED,
    "psb_files.published_docx": PUBLISHED,
    "contributions.overview": VIEW,
    "contributions.ask": EDIT,
    "contributions.withdraw": EDIT,
    "contributions.write": EDIT,  # or the part's named writer (tests/psb/test_contributions.py)
    "contributions.mine": LOGIN,
    "psb.index": VIEW,
    "psb.create": EDIT,
    "psb.show": VIEW,
    "psb.section": EDIT,
    "psb.regenerate": EDIT,
    "psb.figures": EDIT,
    "psb.decide": EDIT,
    "psb.reopen": MANAGE,
    "psb.delete": EDIT,
    "psb.publish": EDIT,
    "psb.published": PUBLISHED,
    "backup.restore_page": ADMINISTER,
    "reminders.edit_settings": LOGIN,
    "reminders.edit_policy": MANAGE,
    "reminders.unsubscribe_page": TOKEN,  # a signed link; a forged one answers 404
    "reminders.log": ADMINISTER,
    "assessment.index": VIEW,
    "assessment.start": EDIT,
    "assessment.show": VIEW,
    "assessment.answer": EDIT,
    "assessment.decide": EDIT,
    "assessment.reopen": EDIT,
    "assessment.result": VIEW,
    "assessment.gap_activity": EDIT,
    "assessment.pdf": VIEW,
    "assessment.xlsx": VIEW,
    "assessment.region": VIEW,
    "results.index": VIEW,
    "results.show": VIEW,
    "results.record": EDIT,
    "results.delete_value": EDIT,
    "result_periods.record_period": EDIT,
    "measures.create": EDIT,
    "measures.edit": EDIT,
    "measures.delete": EDIT,
    "measures.add_from_catalogue": EDIT,
    "value_transfer.export_xlsx": VIEW,
    "value_transfer.export_csv": VIEW,
    "value_transfer.fill_in_xlsx": VIEW,
    "value_transfer.measures_csv": VIEW,
    "value_transfer.import_upload": EDIT,
    "value_transfer.import_review": EDIT,
}
RANK = {VIEW: 1, EDIT: 2, MANAGE: 3}
# The visitors: (name, role on the home region or None, system administrator?)
VISITORS = {
    "anonymous": None,
    "reader": READER,
    "editor": EDITOR,
    "org_admin": ADMIN,
    "other_editor": "other",
    "system_admin": "system",
}
ROLE_RANK = {READER: 1, EDITOR: 2, ADMIN: 3}
# Destructive routes run last, so the world the other routes see is intact.
LAST = [
    "psb.delete",
    "sso_groups.remove",
    "activities.delete_progress",
    "members.remove",
    "members.withdraw",
    "activities.delete",
    "plans.delete_goal",
    "feeds.revoke",
    "wheel.delete",
    "assessment.decide",  # then the assessment is read-only
    "results.delete_value",
    "measures.delete",
]


@dataclass
class World:
    ids: dict


def build_world() -> World:
    region = make_org("Hemregionen")
    admin_unit = make_org("Hemförvaltningen", "forvaltning", region)
    other = make_org("Annan region")
    plan = make_plan(region)
    goal = services.create_goal(plan, area_id(plan, "G1"), "Ett mål")
    activity = make_activity(plan, area="G1", goal_id=goal.id)
    update = services.record_progress(activity, days(-1), "pagar", 10, "x", "Test")
    measure = make_measure(plan)
    value = record(measure, admin_unit, "2026-Q1", 85)
    other_plan = make_plan(other)
    make_activity(other_plan)
    make_user("reader@test.se", READER, region)
    make_user("editor@test.se", EDITOR, region)
    make_user("orgadmin@test.se", ADMIN, region)
    make_user("other@test.se", EDITOR, other)
    make_user("sysadmin@test.se", system_admin=True)
    member = make_user("member@test.se", READER, admin_unit)
    event = wheel_services.create_event(
        region, wheel_services.EventData("Temadag", "temadag", days(10))
    )
    subscription, _token = subscriptions.create_subscription(region, "Intranätet", None)
    invitation = accounts.invite("inbjuden@test.se", admin_unit, READER)
    mapping = groups.add_mapping("planner-lasare", region, READER)
    user_sessions.start(member, "Firefox/140", "10.0.0.9")
    report = psb.create_report(region, 2026)
    part_request = contributions.request_parts(
        report, contributions.RequestData(admin_unit.id, member.id, days(30), ["summary"])
    )
    assessment = assessments.start_assessment(region, 2025, from_previous=False)
    assessments.save_answer(assessment, "f1_identify", "no")
    psb.create_report(region, 2025)  # a draft: its public page answers 404 to everyone
    commit()
    return World(
        {
            "org_id": region.id,
            "plan_id": plan.id,
            "code": "G1",
            "goal_id": goal.id,
            "activity_id": activity.id,
            "update_id": update.id,
            "membership_id": member.memberships[0].id,
            "filename": "css/planner.css",
            "event_id": event.id,
            "subscription_id": subscription.id,
            "token": "okand-token-som-inte-finns",
            "invitation_id": invitation.id,
            "mapping_id": mapping.id,
            "session_id": db.session.scalars(select(UserSession.id)).one(),
            "report_id": report.id,
            "unit_id": admin_unit.id,
            "request_id": part_request.id,
            "part_id": part_request.parts[0].id,
            "assessment_id": assessment.id,
            "question": "f3_adapt",  # not answered yet: an empty POST saves it
            "kind": "fraga",
            "target": "f1_identify",
            "year": 2025,
            "key": "summary",
            "measure_id": measure.id,
            "value_id": value.id,
        }
    )


def expected(level: str, visitor: str, method: str, rule) -> set[int]:
    ok = {200} if method == "GET" else {200, 302}
    if level == PUBLIC:
        return {200, 302}
    if level in (TOKEN, PUBLISHED):
        return {404}
    if level == SSO_ANSWER:
        return {400}
    if visitor == "anonymous":
        return {302}
    if level == OWNER:
        return {404}
    if level == LOGIN or visitor == "system_admin":
        return ok
    role = VISITORS[visitor]
    if visitor == "other_editor":
        # Nothing of the home region is visible: 404. Class-level pages are 403.
        return {403} if level == ADMINISTER and "<" not in rule.rule else {404}
    if level == ADMINISTER:
        return {403}
    return ok if ROLE_RANK[role] >= RANK[level] else {403}


LOGINS = {
    "reader": "reader@test.se",
    "editor": "editor@test.se",
    "org_admin": "orgadmin@test.se",
    "other_editor": "other@test.se",
    "system_admin": "sysadmin@test.se",
}


def test_every_route_has_an_expected_answer(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - set(EXPECTED) == set(), "add the new routes to EXPECTED"
    assert set(EXPECTED) - endpoints == set(), "remove routes that no longer exist"


@pytest.mark.parametrize("visitor", list(VISITORS))
def test_authorisation_matrix(app, anonymous, visitor):
    world = build_world()
    client = anonymous
    if visitor != "anonymous":
        client.login(LOGINS[visitor])
    rules = sorted(
        (r for r in app.url_map.iter_rules() if r.endpoint not in ("auth.logout",)),
        key=lambda r: (r.endpoint in LAST, LAST.index(r.endpoint) if r.endpoint in LAST else 0),
    )
    wrong = []
    for rule in rules:
        url = rule.build({k: world.ids[k] for k in rule.arguments}, append_unknown=False)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            status = client.open(url, method=method).status_code
            want = expected(EXPECTED[rule.endpoint], visitor, method, rule)
            if status not in want:
                wrong.append(f"{method} {url} ({rule.endpoint}): {status}, expected {want}")
    if visitor == "anonymous":
        response = client.get(f"/planer/{world.ids['plan_id']}")
        assert response.headers["Location"].startswith("/logga-in?next=")
    assert wrong == []
