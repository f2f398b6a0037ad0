"""What an imported row is matched against: the activity as it is now (an old export must not
undo newer changes), organisations by their place in the tree (two that share a name are not
swapped, a name with " + " survives its own round trip), and at least one responsible
organisation per row."""

from __future__ import annotations

from sqlalchemy import select

from planner.extensions import db
from planner.plans.models import Activity
from planner.plans.services import record_progress
from tests.factories import commit, days, make_activity, make_org, make_plan
from tests.html import text
from tests.transfer.helpers import confirm, csv_bytes, results, rows, upload


def test_an_older_export_does_not_undo_what_changed_since(client):
    plan = make_plan()
    activity = make_activity(plan, "G1", title="Utbilda chefer", responsible_name="Johan Ek")
    commit()
    old_file = client.get(f"/planer/{plan.id}/aktiviteter.csv").data
    record_progress(activity, days(0), "pagar", 90, "Kollegans nya kommentar", "Kollega")
    commit()

    preview = upload(client, plan.id, old_file, "gammal.csv")
    assert results(preview) == ["Fel"]
    assert "har ändrats i planner sedan filen exporterades" in rows(preview)[0][5]
    assert confirm(client, plan.id, preview).status_code in (400, 409)
    db.session.expire_all()
    kept = db.session.get(Activity, activity.id)
    assert (kept.percent, kept.updates[0].comment) == (90, "Kollegans nya kommentar")
    # A fresh export of the new state imports as unchanged.
    fresh = client.get(f"/planer/{plan.id}/aktiviteter.csv").data
    assert results(upload(client, plan.id, fresh, "ny.csv")) == ["Oförändrad"]


def test_organisations_that_share_a_name_are_not_swapped(client):
    region = make_org("Region Nord")
    north = make_org("Norra sjukhuset", "forvaltning", region)
    south = make_org("Södra sjukhuset", "forvaltning", region)
    north_ed = make_org("Akutmottagningen", "enhet", north)
    south_ed = make_org("Akutmottagningen", "enhet", south)
    plan = make_plan(region)
    first = make_activity(plan, "F3", title="Triage", organisation_ids=[north_ed.id])
    second = make_activity(plan, "F3", title="Sepsislarm", organisation_ids=[south_ed.id])
    commit()
    exported = client.get(f"/planer/{plan.id}/aktiviteter.xlsx").data
    assert results(upload(client, plan.id, exported)) == ["Oförändrad", "Oförändrad"]

    new = csv_bytes(
        [
            ["Område", "Aktivitet", "Organisationer", "Slutdatum"],
            ["F3", "Ny rutin", "Akutmottagningen", days(40).isoformat()],
        ]
    )
    preview = upload(client, plan.id, new, "ny.csv")
    assert results(preview) == ["Fel"]
    assert "flera organisationer heter 'Akutmottagningen'" in rows(preview)[0][5]
    db.session.expire_all()
    assert [o.id for o in db.session.get(Activity, first.id).organisations] == [north_ed.id]
    assert [o.id for o in db.session.get(Activity, second.id).organisations] == [south_ed.id]


def test_a_name_with_a_plus_survives_its_own_round_trip_and_a_row_needs_an_organisation(client):
    region = make_org("Region Öst")
    joint = make_org("Vård + omsorg", "forum", region)
    plan = make_plan(region)
    make_activity(plan, "G4", title="Samordnad plan", organisation_ids=[joint.id, region.id])
    commit()
    exported = client.get(f"/planer/{plan.id}/aktiviteter.csv").data
    assert results(upload(client, plan.id, exported, "e.csv")) == ["Oförändrad"]

    empty = csv_bytes(
        [
            ["Område", "Aktivitet", "Organisationer", "Slutdatum"],
            ["G4", "Utan ägare", ";", days(9).isoformat()],
        ]
    )
    preview = upload(client, plan.id, empty, "tom.csv")
    assert results(preview) == ["Fel"]
    assert "ange minst en ansvarig organisation" in text(preview)
    titles = db.session.scalars(select(Activity.title).where(Activity.plan_id == plan.id))
    assert list(titles) == ["Samordnad plan"]
