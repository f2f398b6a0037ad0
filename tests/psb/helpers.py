"""A region with a plan whose activities were done in different years, for the PSB tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.plans import services
from planner.psb import services as psb
from tests.factories import commit, make_activity, make_org, make_plan, make_user

YEAR = 2026


@dataclass
class PsbWorld:
    org_id: int
    plan_id: int
    year: int
    url: str


def done(activity, day: date, comment: str) -> None:
    services.record_progress(activity, day, "klar", 100, comment, "Test")


def psb_world(create: bool = True) -> PsbWorld:
    """Region Berättelse: two activities done in YEAR (G1, F3), one done the year before, one
    ongoing, one not started (G4), one joint with a municipality; an editor, a reader and an
    administrator of the region."""
    region = make_org("Region Berättelse")
    town = make_org("Kommun Samverkan", "kommun")
    plan = make_plan(region, title="Handlingsplan Berättelse")
    first = make_activity(plan, "G1", title="Ledningens genomgång", responsible_role="Chefläkare")
    done(first, date(YEAR, 3, 10), "Alla ledningsgrupper följer upp varje månad.")
    second = make_activity(plan, "F3", title="Tidig upptäckt av sepsis")
    done(second, date(YEAR, 9, 1), "Rutinen används på alla akutmottagningar.")
    earlier = make_activity(plan, "F3", title="Fjolårets utbildning")
    done(earlier, date(YEAR - 1, 11, 1), "Klar året före.")
    make_activity(
        plan,
        "F1",
        title="Journalgranskning med MJG",
        status="pagar",
        percent=40,
        due_date=date(YEAR + 1, 6, 30),
        start_date=date(YEAR, 1, 15),
    )
    make_activity(plan, "G4", title="Patientråd i varje förvaltning")
    make_activity(
        plan, "F2", title="Säkra övergångar", organisation_ids=[region.id, town.id], status="pagar"
    )
    make_user("redaktor@psb.se", "redaktor", region, name="Rut Redaktör")
    make_user("lasare@psb.se", "lasare", region, name="Lisa Läsare")
    make_user("admin@psb.se", "administrator", region, name="Ada Admin")
    if create:
        psb.create_report(region, YEAR)
    commit()
    return PsbWorld(region.id, plan.id, YEAR, f"/organisationer/{region.id}/psb/{YEAR}")


def form_with(response, field: str) -> dict[str, str]:
    """The values of the page's form that has ``field`` (hidden version included)."""
    from tests.html import page

    for form in page(response).find_all("form"):
        if form.find(attrs={"name": field}):
            values = {
                i["name"]: i.get("value", "") for i in form.find_all("input") if i.get("name")
            }
            values.update({t["name"]: t.get_text() for t in form.find_all("textarea")})
            return values
    raise AssertionError(f"no form with {field!r}")
