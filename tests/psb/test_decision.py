"""Deciding freezes the PSB; reopening is an administrator's explicit, recorded step; a decided
PSB can be published on a page anyone may read, and nothing else of the organisation is."""

from __future__ import annotations

from datetime import date

from planner.audit.history import history
from planner.extensions import db
from planner.plans import services
from planner.plans.models import Activity, Plan
from planner.psb import services as psb
from tests.factories import commit, make_activity
from tests.html import field_error, page, text
from tests.psb.helpers import YEAR, done, form_with, psb_world


def _decide(client, world, who="Regionstyrelsen"):
    values = form_with(client.get(f"{world.url}/beslut"), "decided_by")
    return client.post(f"{world.url}/beslut", data={**values, "decided_by": who})


def test_the_decided_copy_does_not_change_when_the_plan_does(app, anonymous):
    world = psb_world()
    anonymous.login("redaktor@psb.se")
    assert _decide(anonymous, world).status_code == 302
    decided = anonymous.get(world.url)
    body = page(decided).select_one(".psb-document").get_text(" ", strip=True)
    assert "Beslutad av Regionstyrelsen" in text(decided)
    stored = psb.report_for(world.org_id, YEAR).document
    # The plan changes afterwards: a renamed activity, a new one done, a deleted one.
    plan = db.session.get(Plan, world.plan_id)
    first = db.session.scalar(db.select(Activity).filter_by(title="Ledningens genomgång"))
    data = services.ActivityData(
        title="Omdöpt efter beslutet",
        area_id=first.area_id,
        organisation_ids=[world.org_id],
        responsible_name="Ny Person",
        due_date=first.due_date,
    )
    services.update_activity(first, data)
    done(make_activity(plan, "G3", title="Ny efter beslutet"), date(YEAR, 12, 1), "Sent klar")
    services.delete_activity(
        db.session.scalar(db.select(Activity).filter_by(title="Säkra övergångar"))
    )
    commit()
    after = anonymous.get(world.url)
    assert page(after).select_one(".psb-document").get_text(" ", strip=True) == body
    assert "Omdöpt efter beslutet" not in text(after) and "Ledningens genomgång" in text(after)
    db.session.expire_all()
    assert psb.report_for(world.org_id, YEAR).document == stored
    # Nothing can be changed in the decided report: not the text, not the generated parts.
    response = anonymous.post(f"{world.url}/uppdatera")
    assert response.status_code == 302
    assert "Ny efter beslutet" not in text(anonymous.get(world.url))
    assert anonymous.get(f"{world.url}/avsnitt/summary").status_code == 302


def test_reopening_is_an_administrators_step_in_the_history(app, anonymous):
    world = psb_world()
    anonymous.login("redaktor@psb.se")
    _decide(anonymous, world)
    assert anonymous.post(f"{world.url}/oppna-igen").status_code == 403
    anonymous.post("/logga-ut", data={})
    anonymous.login("admin@psb.se")
    assert anonymous.post(f"{world.url}/oppna-igen").status_code == 302
    report = psb.report_for(world.org_id, YEAR)
    assert report.status == "draft"
    lines = history(entity_type="SafetyReport", entity_id=report.id)
    changes = [(c.field, c.old, c.new) for line in lines for c in line.changes]
    assert ("Status", "Beslutad", "Utkast") in changes
    assert ("Status", "Utkast", "Beslutad") in changes
    assert lines[0].event.actor_name == "Ada Admin"
    shown = text(anonymous.get(world.url))
    assert "Ada Admin" in shown and "Beslutad → Utkast" in shown


def test_a_published_report_is_public_and_nothing_else_is(app, anonymous):
    world = psb_world()
    public_url = f"/psb/{world.org_id}/{YEAR}"
    assert anonymous.get(public_url).status_code == 404  # a draft is not public
    anonymous.login("redaktor@psb.se")
    # Only a decided report can be published.
    anonymous.post(f"{world.url}/publicering", data={"publicera": "ja"})
    assert not psb.report_for(world.org_id, YEAR).published
    _decide(anonymous, world)
    assert anonymous.get(public_url).status_code == 404  # decided but not published
    anonymous.post(f"{world.url}/publicering", data={"publicera": "ja"})
    db.session.expire_all()
    assert psb.report_for(world.org_id, YEAR).published

    visitor = app.test_client()
    response = visitor.get(public_url)
    assert response.status_code == 200
    assert page(response).find("h1").get_text(strip=True) == f"Patientsäkerhetsberättelse {YEAR}"
    assert "Ledningens genomgång" in text(response)
    # The public page links nowhere into the organisation; the rest stays behind the login.
    links = [a["href"] for a in page(response).find_all("a", href=True)]
    assert not any(f"/organisationer/{world.org_id}" in href for href in links)
    assert not any("/planer/" in href for href in links)
    for url in (world.url, f"/organisationer/{world.org_id}", f"/planer/{world.plan_id}"):
        assert visitor.get(url).status_code == 302  # to the login page
    assert visitor.get(f"/psb/{world.org_id}/{YEAR - 1}").status_code == 404
    assert visitor.get(f"/psb/{world.org_id + 100}/{YEAR}").status_code == 404
    assert visitor.get(f"/psb/{world.org_id}/99999").status_code == 404

    anonymous.post(f"{world.url}/publicering", data={"publicera": "nej"})
    assert visitor.get(public_url).status_code == 404


def test_reopening_takes_a_published_report_off_the_public_page(app, anonymous):
    world = psb_world()
    report = psb.report_for(world.org_id, YEAR)
    psb.decide(report, "Nämnden")
    psb.set_published(report, True)
    commit()
    public_url = f"/psb/{world.org_id}/{YEAR}"
    assert app.test_client().get(public_url).status_code == 200
    psb.reopen(report)
    commit()
    assert app.test_client().get(public_url).status_code == 404


def test_deciding_is_its_own_step_and_needs_a_name(app, anonymous):
    world = psb_world()
    anonymous.login("redaktor@psb.se")
    step = anonymous.get(f"{world.url}/beslut")
    assert form_with(step, "decided_by")["decided_by"] == "Rut Redaktör"  # who is deciding
    response = _decide(anonymous, world, who="")
    assert response.status_code == 200
    assert field_error(response, "decided_by") == "Fyll i fältet."
    assert psb.report_for(world.org_id, YEAR).status == "draft"
    # The step warns when the plan changed after the tables were fetched.
    make_activity(db.session.get(Plan, world.plan_id), "G2", title="Sent tillägg")
    commit()
    assert "Uppdatera från planen innan berättelsen beslutas" in text(
        anonymous.get(f"{world.url}/beslut")
    )
    _decide(anonymous, world)
    assert anonymous.get(f"{world.url}/beslut").status_code == 302  # already decided


def test_one_report_per_organisation_and_year(app, anonymous):
    world = psb_world()
    anonymous.login("redaktor@psb.se")
    url = f"/organisationer/{world.org_id}/psb/ny"
    response = anonymous.post(url, data={"year": str(YEAR)})
    assert response.status_code == 200
    assert "Det finns redan en patientsäkerhetsberättelse för 2026" in text(response)
    response = anonymous.post(url, data={"year": "tjugo"})
    assert page(response).find(id="year-error") is not None
    response = anonymous.post(url, data={"year": "1850"})
    assert "Ange ett år mellan 2000 och 2100." in text(response)
    response = anonymous.post(url, data={"year": str(YEAR - 1)})
    assert response.status_code == 302 and response.location.endswith(f"/psb/{YEAR - 1}")


def test_readers_read_and_other_regions_see_nothing(app, anonymous):
    from tests.factories import make_org, make_user

    world = psb_world()
    make_user("annan@psb.se", "redaktor", make_org("Annan region"))
    commit()
    anonymous.login("lasare@psb.se")
    assert anonymous.get(world.url).status_code == 200
    assert "Skriv under" not in text(anonymous.get(world.url))  # no edit links for readers
    for path in ("avsnitt/summary", "siffror"):
        assert anonymous.get(f"{world.url}/{path}").status_code == 403
    for path in ("uppdatera", "beslut", "publicering", "oppna-igen", "siffror"):
        assert anonymous.post(f"{world.url}/{path}").status_code == 403
    other = app.test_client()
    other.login("annan@psb.se")
    assert other.get(world.url).status_code == 404
    assert other.get(f"/organisationer/{world.org_id}/psb").status_code == 404
    assert other.post(f"{world.url}/beslut", data={"decided_by": "x"}).status_code == 404
    assert psb.report_for(world.org_id, YEAR).status == "draft"


def test_a_decision_is_one_line_in_the_history(app):
    world = psb_world()
    report = psb.report_for(world.org_id, YEAR)
    psb.decide(report, "Nämnden")
    commit()
    lines = history(entity_type="SafetyReport", entity_id=report.id)
    assert [line.verb for line in lines][:1] and all(line.changes for line in lines)
    decided = lines[0]
    assert {c.field for c in decided.changes} == {"Status", "Beslutad av", "Beslutad"}
    assert report.document["decided_by"] == "Nämnden" and report.document["decided_on"]


def test_a_draft_can_be_deleted_and_a_decided_report_cannot(app, anonymous):
    world = psb_world()
    anonymous.login("redaktor@psb.se")
    url = f"{world.url}/ta-bort"
    assert anonymous.post(url).status_code == 302  # without the confirmation: nothing happens
    assert psb.report_for(world.org_id, YEAR) is not None
    response = anonymous.post(url, data={"bekrafta": "ja"})
    assert response.location.endswith(f"/organisationer/{world.org_id}/psb")
    assert psb.report_for(world.org_id, YEAR) is None
    assert anonymous.get(world.url).status_code == 404
    lines = history(organisation_id=world.org_id)
    assert any(
        line.event.action == "delete" and line.event.entity_type == "SafetyReport" for line in lines
    )

    report = psb.create_report(db.session.get(Plan, world.plan_id).organisation, YEAR)
    psb.decide(report, "Nämnden")
    commit()
    anonymous.post(url, data={"bekrafta": "ja"})
    assert psb.report_for(world.org_id, YEAR) is not None
    assert "Berättelsen är beslutad och kan inte ändras" in text(anonymous.get(world.url))
