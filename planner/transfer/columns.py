"""The one description of an activity spreadsheet's columns, shared by export and import.

The headers are written in Swedish whatever the interface language: a file is data that
travels between people and between the app's languages, and import must recognise it again.
Import also recognises the headings people already use in their own plans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from planner.plans.models import Activity

# Field keys, also the values of the mapping selects on the preview page.
ID, AREA, GOAL, TITLE, DESCRIPTION = "id", "area", "goal", "title", "description"
RESPONSIBLE, ROLE, EMAIL, ORGANISATIONS = "responsible", "role", "email", "organisations"
START, DUE, FOLLOW_UP, STATUS, PERCENT, COMMENT, VERSION = (
    "start",
    "due",
    "follow_up",
    "status",
    "percent",
    "comment",
    "version",
)
TEXT, DATE, NUMBER = "text", "date", "number"

# The fields as the interface names them (the mapping selects on the preview page).
FIELD_LABELS = {
    ID: _l("ID (aktivitetens nummer)"),
    AREA: _l("Område"),
    GOAL: _l("Mål"),
    TITLE: _l("Aktivitet"),
    DESCRIPTION: _l("Beskrivning"),
    RESPONSIBLE: _l("Ansvarig person"),
    ROLE: _l("Roll"),
    EMAIL: _l("E-post"),
    ORGANISATIONS: _l("Ansvariga organisationer"),
    START: _l("Startdatum"),
    DUE: _l("Slutdatum"),
    FOLLOW_UP: _l("Uppföljningsdatum"),
    STATUS: _l("Status"),
    PERCENT: _l("Andel klart (%)"),
    COMMENT: _l("Kommentar"),
    VERSION: _l("Version (från exporten)"),
}


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # what the export writes
    kind: str  # TEXT, DATE or NUMBER
    width: int  # characters, for the xlsx column
    max_length: int = 5000
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column(ID, "ID", NUMBER, 8, 20, ("nr", "id-nummer", "aktivitets-id", "löpnummer")),
    Column(
        AREA,
        "Område",
        TEXT,
        40,
        300,
        ("fokusområde", "grundläggande förutsättning", "förutsättning", "area", "insatsområde"),
    ),
    Column(GOAL, "Mål", TEXT, 30, 300, ("delmål", "målsättning", "goal")),
    Column(
        TITLE,
        "Aktivitet",
        TEXT,
        45,
        300,
        ("åtgärd", "aktiviteter", "åtgärder", "insats", "titel", "rubrik", "activity", "title"),
    ),
    Column(
        DESCRIPTION, "Beskrivning", TEXT, 50, 10000, ("beskrivning av aktivitet", "description")
    ),
    Column(
        RESPONSIBLE,
        "Ansvarig",
        TEXT,
        25,
        200,
        ("ansvarig person", "ansvar", "huvudansvarig", "kontaktperson", "responsible"),
    ),
    Column(ROLE, "Roll", TEXT, 20, 200, ("befattning", "funktion", "ansvarigs roll", "role")),
    Column(EMAIL, "E-post", TEXT, 30, 254, ("e-postadress", "epost", "mejl", "email", "e-mail")),
    Column(
        ORGANISATIONS,
        "Organisationer",
        TEXT,
        35,
        2000,
        ("organisation", "ansvarig organisation", "ansvariga organisationer", "verksamhet"),
    ),
    Column(START, "Startdatum", DATE, 12, aliases=("start", "påbörjas", "startar", "start date")),
    Column(
        DUE,
        "Slutdatum",
        DATE,
        12,
        aliases=("klart senast", "deadline", "slutförd senast", "due date", "tidsplan"),
    ),
    Column(
        FOLLOW_UP,
        "Uppföljningsdatum",
        DATE,
        12,
        aliases=("uppföljning", "följs upp", "uppföljning senast", "follow-up date"),
    ),
    Column(STATUS, "Status", TEXT, 14, 50, ("läge", "state")),
    Column(
        PERCENT,
        "Procent klart",
        NUMBER,
        10,
        20,
        ("procent", "andel klart", "andel klart (%)", "klart (%)", "%", "percent", "framsteg"),
    ),
    Column(
        COMMENT,
        "Senaste kommentar",
        TEXT,
        50,
        5000,
        ("kommentar", "kommentarer", "senaste uppföljning", "anteckning", "comment"),
    ),
    # Which state of the activity the row was exported from: importing an older file must
    # not undo what others have changed since (importing.py refuses such rows).
    Column(VERSION, "Version", NUMBER, 8, 20, ("versionsnummer",)),
)
BY_KEY = {column.key: column for column in COLUMNS}
REQUIRED = (TITLE, AREA)

# No cell of ours is longer than this; a longer one is refused before anything else.
CELL_LIMIT = max(column.max_length for column in COLUMNS)


def normalise(text: str) -> str:
    """Headers and names compared as people mean them: case, spacing and a trailing colon or
    asterisk do not matter."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip().rstrip(":*").strip().casefold()


class Headers:
    """Which field a spreadsheet's header names: the export's own header or an alias, for the
    columns that can be read (``readable``; all when None)."""

    def __init__(self, columns: tuple[Column, ...], readable=None) -> None:
        self.names = {
            normalise(name): c.key
            for c in columns
            if readable is None or c.key in readable
            for name in (c.header, *c.aliases)
        }

    def recognise(self, header: str) -> str | None:
        """The field a header names, or None."""
        return self.names.get(normalise(header))

    def guess_mapping(self, headers) -> list[str]:
        """For each column the field its header names ("" when none, or already taken)."""
        taken: set[str] = set()
        mapping = []
        for header in headers:
            key = self.recognise(header) or ""
            if key in taken:
                key = ""
            taken.add(key)
            mapping.append(key)
        return mapping


HEADERS = Headers(COLUMNS)


def latest_comment(activity: Activity) -> str:
    """The newest progress comment that says something (exported, and compared on import)."""
    return next((u.comment for u in activity.updates if u.comment), "")
