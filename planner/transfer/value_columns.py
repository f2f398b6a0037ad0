"""The one description of a measure-value spreadsheet's columns, shared by export and import,
and of the measure sheet the export adds beside it.

As for activities (columns.py) the headers are Swedish whatever the interface language. Some
columns are written for the reader only (the period's name, the target, the state) and are
never read back; the unit is read back only to be checked against the measure's, so a file of
counts is never taken into a percent measure.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from planner.transfer.columns import DATE, NUMBER, TEXT, Column, Headers

MEASURE_ID, MEASURE, ORGANISATION, PERIOD = "measure_id", "measure", "organisation", "period"
VALUE, NUMERATOR, DENOMINATOR, UNIT = "value", "numerator", "denominator", "unit"
COMMENT, VERSION = "comment", "version"
# Written for the reader, never read back.
AREA, PERIOD_LABEL, TARGET, STATE = "area", "period_label", "target", "state"
RECORDED_BY, RECORDED_AT = "recorded_by", "recorded_at"

# The fields a column can be read into (the mapping selects on the preview page).
FIELD_LABELS = {
    MEASURE_ID: _l("Mått-ID (från exporten)"),
    MEASURE: _l("Mått"),
    ORGANISATION: _l("Organisation"),
    PERIOD: _l("Period"),
    VALUE: _l("Värde"),
    NUMERATOR: _l("Täljare"),
    DENOMINATOR: _l("Nämnare"),
    UNIT: _l("Enhet (kontrolleras)"),
    COMMENT: _l("Kommentar"),
    VERSION: _l("Version (från exporten)"),
}
REQUIRED = (MEASURE, ORGANISATION, PERIOD)

COLUMNS: tuple[Column, ...] = (
    Column(MEASURE_ID, "Mått-ID", NUMBER, 9, 20, ("måttets id", "id")),
    Column(
        MEASURE, "Mått", TEXT, 40, 300, ("måttets namn", "namn på mått", "indikator", "measure")
    ),
    Column(AREA, "Område", TEXT, 9, 300),
    Column(
        ORGANISATION,
        "Organisation",
        TEXT,
        30,
        300,
        ("enhet/organisation", "vårdenhet", "verksamhet", "avdelning", "organisationsenhet"),
    ),
    Column(PERIOD, "Period", TEXT, 12, 20, ("mätperiod", "periodnyckel", "period (nyckel)")),
    Column(PERIOD_LABEL, "Periodens namn", TEXT, 18, 100),
    Column(VALUE, "Värde", NUMBER, 10, 40, ("utfall", "resultat", "mätvärde", "value")),
    Column(NUMERATOR, "Täljare", NUMBER, 10, 40, ("antal uppfyllda", "numerator")),
    Column(DENOMINATOR, "Nämnare", NUMBER, 10, 40, ("antal observationer", "denominator")),
    Column(UNIT, "Enhet", TEXT, 18, 100, ("måttenhet", "unit")),
    Column(TARGET, "Målvärde", NUMBER, 10, 40),
    Column(STATE, "Läge", TEXT, 14, 50),
    Column(COMMENT, "Kommentar", TEXT, 50, 5000, ("kommentarer", "anteckning", "analys")),
    Column(RECORDED_BY, "Registrerat av", TEXT, 22, 200),
    Column(RECORDED_AT, "Registrerat", DATE, 12),
    # Which state of the value the row was exported from: importing an older file must not
    # undo a correction someone made since.
    Column(VERSION, "Version", NUMBER, 8, 20, ("versionsnummer",)),
)
BY_KEY = {column.key: column for column in COLUMNS}

HEADERS = Headers(COLUMNS, FIELD_LABELS)  # the columns never read back are not recognised


# The export's second sheet: the plan's measures, one row each.
MEASURE_HEADERS = (
    ("ID", 8),
    ("Mått", 40),
    ("Område", 9),
    ("Mål", 30),
    ("Definition", 50),
    ("Täljare", 30),
    ("Nämnare", 30),
    ("Enhet", 18),
    ("Riktning", 22),
    ("Målvärde", 10),
    ("Varningsgräns", 12),
    ("Utgångsvärde", 12),
    ("Utgångsvärdets datum", 14),
    ("Mätintervall", 22),
    ("Källa", 30),
    ("I årshjulet", 10),
)
