"""The demo's units' parts of the region's PSB: two administrations asked, one part ready,
one begun, the rest not started, so the completion bars and the compiled PSB show all three."""

from __future__ import annotations

from datetime import date

from planner.auth.models import EDITOR, READER
from planner.auth.services import add_membership, create_user
from planner.orgs.models import Organisation
from planner.psb import contributions
from planner.psb.models import SafetyReport

# (e-mail, name, role, the key of the organisation in the demo, what the account is)
UNIT_ACCOUNTS = (
    ("skribent@exempel.se", "Sofia Skribent", READER, "hsf", "skribent för förvaltningens PSB-del"),
    ("enhet@exempel.se", "Elin Enhetschef", EDITOR, "pvf", "redaktör i Primärvårdsförvaltningen"),
)
PARTS = {
    "hsf": {
        "self_monitoring": (
            "Varje verksamhetsområde har gjort **egenkontroll** av läkemedelshanteringen och "
            "journalföringen.\n\n- Läkemedelsgenomgångar: 9 av 11 avdelningar\n"
            "- Journalgranskning med MJG: 40 journaler per månad",
            True,
        ),
        "summary": ("Förvaltningen har infört patientsäkerhet som första punkt på", False),
        "deviations": ("", False),
    },
    "pvf": {
        "summary": (
            "Primärvården har arbetat med **säkra vårdövergångar** tillsammans med Åsby "
            "kommun; samordnad individuell plan används i alla vårdcentraler.",
            True,
        ),
        "participation": ("", False),
    },
}


def load_unit_parts(
    report: SafetyReport, orgs: dict[str, Organisation], password: str
) -> list[tuple[str, str]]:
    """The unit accounts, the requests to their administrations and the parts written so
    far; the accounts and what they are, for the demo's printout."""
    due = date(report.year + 1, 2, 1)
    accounts = []
    for email, name, role, key, label in UNIT_ACCOUNTS:
        writer = create_user(email, name, password)
        add_membership(writer, orgs[key], role)
        data = contributions.RequestData(orgs[key].id, writer.id, due, list(PARTS[key]))
        request = contributions.request_parts(report, data)
        for part in request.parts:
            text, ready = PARTS[key][part.section_key]
            if text:
                contributions.save_part(part, text, ready, name)
        accounts.append((email, label))
    return accounts
