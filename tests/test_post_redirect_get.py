"""Post/redirect/get: every form that changes something answers a successful submit with a
redirect, so the browser's reload button never sends it again.

The test finds the forms itself: it visits the pages, collects every ``<form method="post">``,
and submits each as a person would (what the page filled in, the empty required fields filled,
the confirmation boxes ticked). It then checks that every POST route of the application was
reached this way, so a new form without a redirect, or a POST route no page offers, fails here.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

from bs4 import BeautifulSoup
from werkzeug.datastructures import MultiDict

from planner.auth.services import invite, user_by_email
from planner.feeds import services as subscriptions
from planner.plans.services import create_goal, record_progress
from planner.reminders import unsubscribe
from planner.sso.groups import add_mapping
from planner.wheel import services as wheel
from tests.factories import (
    PASSWORD,
    area_id,
    commit,
    days,
    make_activity,
    make_assessment,
    make_measure,
    make_org,
    make_plan,
    make_safety_report,
    make_user,
    record,
)
from tests.pages import PAGES as EVERY_PAGE
from tests.pages import PSB_DECIDED_YEAR, PSB_DRAFT_YEAR, PSB_PUBLISHED_YEAR
from tests.psb.units_world import make_unit_part

# POST routes that answer a successful submit with a page, on purpose: the first step of an
# import saves nothing and answers with the preview, whose form (the next step) saves and
# redirects. Reloading the preview only re-reads the same file.
NEXT_STEP = {
    "transfer.import_upload": "transfer.import_review",
    "value_transfer.import_upload": "value_transfer.import_review",
}
# Submitted last, in this order: they take away what the other forms work on (a new password
# or an ended session logs the tester out; the test logs in again).
LAST = (
    "delete",
    "remove",
    "revoke",
    "withdraw",
    "end_session",
    "end_other_sessions",
    "change_password",
    "logout",
)

BY_NAME = {"current": PASSWORD, "email": "ny.person@test.se"}  # the admin's own password
FILLS = {
    "email": "ny.person@test.se",
    "password": "ett långt nytt lösenord",
    "date": (date.today() + timedelta(days=60)).isoformat(),  # after any start the page shows
    "url": "https://example.org",
}

PAGES = [
    *EVERY_PAGE,
    "/organisationer/{org}/arshjul/ny",
    "/organisationer/{town}/arshjul",  # an empty wheel offers the national template
    "/paminnelser/avsluta/{unsubscribe}",  # a mail's one-click unsubscribe (no login needed)
    "/sjalvskattningar/{decided}",  # a decided assessment offers to reopen it
]


def world() -> dict:
    region = make_org("Region Formulär")
    town = make_org("Kommun Formulär", "kommun", region)
    spare = make_org("Region Reserv")  # its backup is restored (a copy under the town)
    make_plan(spare)
    plan = make_plan(region)
    activity = make_activity(plan, title="Aktivitet med framsteg")
    record_progress(activity, days(-1), "pagar", 10, "Första", "Test")
    activity.responsible_user_id = user_by_email("systemadmin@test.se").id  # in My work
    goal = create_goal(plan, area_id(plan, "G2"), "Ett mål")
    event = wheel.create_event(region, wheel.EventData("Temadag", "temadag", days(4)))
    member = make_user("medlem@test.se", "lasare", region)
    subscriptions.create_subscription(region, "Befintlig", None)
    invite("inbjuden@test.se", region, "lasare")
    assessment = make_assessment(region, 2025, {"f1_identify": "yes", "f1_identify_ms": "no"})
    admin = make_user("beslutare@test.se", "redaktor", region)
    decided = make_assessment(town, 2025, {"f1_identify": "no"}, decided_by=admin)
    part = make_unit_part(region)
    make_safety_report(region, PSB_DRAFT_YEAR)
    make_safety_report(region, PSB_DECIDED_YEAR)
    make_safety_report(region, PSB_PUBLISHED_YEAR, decided_by="Nämnden", published=True)
    add_mapping("befintlig-grupp", region, "lasare")
    measure = make_measure(plan, name="BHK")
    record(measure, region, "2026-Q1", 85)
    commit()
    return {
        "measure": measure.id,
        "org": region.id,
        "plan": plan.id,
        "activity": activity.id,
        "goal": goal.id,
        "event": event.id,
        "town": town.id,
        "spare": spare.id,
        "unsubscribe": unsubscribe.token(member.id),
        "assessment": assessment.id,
        "decided": decided.id,
        "report": part.request.report_id,
        "unit": part.request.organisation_id,
        "part": part.id,
    }


def _post_forms(html: str):
    for form in BeautifulSoup(html, "html.parser").find_all("form"):
        if (form.get("method") or "get").lower() == "post":
            yield form


def _select(element, name: str, data: MultiDict) -> None:
    chosen = element.find_all("option", selected=True) or [
        next((o for o in element.find_all("option") if o.get("value")), None)
    ]
    for option in filter(None, chosen):
        data.add(name, option.get("value", option.get_text()))


def _filled(form, files: dict) -> MultiDict:
    """What a person submits: the page's values, empty required fields filled in, boxes
    ticked (a deletion's confirmation among them)."""
    data = MultiDict()
    for element in form.find_all(["input", "select", "textarea"]):
        name = element.get("name")
        if not name or element.has_attr("disabled"):
            continue
        kind = (element.get("type") or "text").lower() if element.name == "input" else ""
        if element.name == "select":
            _select(element, name, data)
        elif kind == "checkbox":
            data.add(name, element.get("value", "y"))
        elif kind == "radio":
            if name not in data:
                data.add(name, element.get("value", ""))
        elif kind == "file":
            data.add(name, files[name]())
        elif kind in ("submit", "button", "reset"):
            continue
        else:
            value = element.get_text() if element.name == "textarea" else element.get("value", "")
            # Typed fields too: some forms need one of two (a due date or a follow-up date).
            if not value and (element.has_attr("required") or kind in FILLS or name in BY_NAME):
                value = BY_NAME.get(name) or FILLS.get(kind, "Ifyllt i testet")
            data.add(name, value)
    # The person presses the main button; a named one tells the view which action it is.
    main = form.find("button", class_="button", attrs={"name": True})
    if main is not None:
        data.add(main["name"], main.get("value", ""))
    return data


def test_every_form_that_changes_something_redirects(app, client):
    ids = world()
    for _device in range(2):  # other devices: one session ended alone, then all the others
        app.test_client().login("systemadmin@test.se")
    adapter = app.url_map.bind("localhost")
    uploads = {  # taken when needed: the forms before them change the plan
        "transfer.import_upload": (f"/planer/{ids['plan']}/aktiviteter.csv", "aktiviteter.csv"),
        "value_transfer.import_upload": (f"/planer/{ids['plan']}/matvarden.csv", "varden.csv"),
        "backup.restore_page": (f"/organisationer/{ids['spare']}/sakerhetskopia", "kopia.json"),
    }
    found: dict[str, tuple[str, str]] = {}  # endpoint → (page, action)
    for path in PAGES:
        url = path.format(**ids)
        for form in _post_forms(client.get(url).get_data(as_text=True)):
            action = form.get("action") or url
            endpoint, _args = adapter.match(action.split("?")[0], method="POST")
            found.setdefault(endpoint, (url, action))

    def rank(endpoint: str) -> tuple:
        last = [i for i, word in enumerate(LAST) if word in endpoint]
        # Within a group the longer name first: a progress entry before its activity.
        return (last[0] if last else -1, -len(endpoint), endpoint)

    answers = {}
    for endpoint in sorted(found, key=rank):
        url, action = found[endpoint]
        page = client.get(url)
        if page.status_code == 302 and "/logga-in" in page.location:  # a new password ended it
            client.login("systemadmin@test.se", FILLS["password"])
            page = client.get(url)
        html = page.get_data(as_text=True)  # fresh: versions, tokens
        form = next((f for f in _post_forms(html) if (f.get("action") or url) == action), None)
        assert form is not None, (endpoint, url, action)
        source, filename = uploads.get(endpoint, (None, ""))
        body = client.get(source).data if source else b""
        # A change to save: an activity's new name, a corrected value.
        body = body.replace(b"med framsteg", b"med nytt namn").replace(b";85;", b";86;")
        files = {"file": lambda body=body, filename=filename: (io.BytesIO(body), filename)}
        data = _filled(form, files)
        if endpoint == "backup.restore_page":  # a copy beside the original, not over it
            data["parent_id"] = str(ids["town"])
        response = client.post(action, data=data)
        answers[endpoint] = response.status_code
        if endpoint in NEXT_STEP:
            assert response.status_code == 200, endpoint
            step = next(
                f
                for f in _post_forms(response.get_data(as_text=True))
                if adapter.match(f.get("action") or action, method="POST")[0] == NEXT_STEP[endpoint]
            )
            response = client.post(step.get("action") or action, data=_filled(step, files))
            answers[NEXT_STEP[endpoint]] = response.status_code
            assert response.status_code in (302, 303), (NEXT_STEP[endpoint], response.status_code)
            continue
        errors = BeautifulSoup(response.get_data(as_text=True), "html.parser").select(".error")
        assert response.status_code in (302, 303), (endpoint, response.status_code, errors)

    post_routes = {r.endpoint for r in app.url_map.iter_rules() if "POST" in r.methods}
    # The login form is submitted by every logged-in test (conftest's login asserts 302); the
    # single sign-on link button is offered only when single sign-on is set, and its redirect
    # to the provider is followed in tests/sso/test_login.py.
    assert post_routes - set(answers) - {"auth.login", "sso.link"} == set()
