"""The backup file: one JSON document per organisation subtree, its version and its schema.

Every id in the file is file-local (1, 2, 3 … per section, in the file's order); references
between sections use those ids, so a file can be restored next to other organisations without
colliding. The history log may name rows that no longer exist (a deleted activity): those are
negative "ghost" ids, numbered per kind of row in order of first appearance, and are restored
as the same negative numbers, which no real row ever has.

The bytes are deterministic: sorted keys, rows in a stable order, ISO dates, UTC datetimes
with microseconds, UTF-8, two-space indent and a final newline, so export → import → export
gives the same bytes (apart from ``exported_at``)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    Numeric,
    String,
    Text,
    Time,
)

from planner.backup.sections import (  # noqa: F401 - the file's parts, re-exported
    ACTIVITY_ORG_KEYS,
    BY_KEY,
    ENTITY_SECTIONS,
    HISTORY_REFS,
    SECTIONS,
    Section,
)
from planner.backup.versions import FORMAT, PSB_SECTIONS, UPGRADES, VERSION  # noqa: F401
from planner.clock import EARLIEST, LATEST, as_utc

DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


class BackupError(ValueError):
    """A file that cannot be read or restored; the message says why, in Swedish."""


# Every other JSON column holds a list of strings. A PSB's frozen document and a section's
# generated part may also be null (a draft; a section never generated).
JSON_SHAPES = {"changes": dict, "document": dict, "generated": dict}
DATE_LISTS = {"skipped"}  # … of ISO dates
INT_MIN, INT_MAX = -(2**31), 2**31 - 1


# --- values: database ↔ file ------------------------------------------------------------


def to_file(column: Column, value: Any) -> Any:
    """A column's value as the file writes it."""
    if value is None:
        return None
    if isinstance(column.type, DateTime):
        return as_utc(value).strftime(DATETIME_FORMAT)
    if isinstance(column.type, Date | Time):
        return value.isoformat()
    if isinstance(column.type, Numeric):
        return decimal_text(value)
    return value


def decimal_text(value: Decimal) -> str:
    """An exact number as text ("85.5", "100"): JSON numbers would pass through binary
    floating point, and a database's trailing zeros ("85.5000") would make files differ."""
    text = format(Decimal(value).normalize(), "f")
    return "0" if text in ("-0", "") else text


class LazyPlace:
    """Where a value sits, put into words only when a message needs it (a file has many)."""

    def __init__(self, place: tuple[str, int, str]) -> None:
        self.place = place

    def __str__(self) -> str:
        return where_in(*self.place)


def where_in(section: str, row: int, name: str) -> str:
    return _("%(section)s, rad %(row)d, fältet ”%(field)s”", section=section, row=row, field=name)


def from_file(column: Column, value: Any, place: tuple[str, int, str]) -> Any:
    """A value from the file checked against its column: the right type, length and range.
    ``place`` (section, row, field) names it in a refusal."""
    kind = column.type
    where = LazyPlace(place)
    if value is None:
        if not column.nullable:
            raise BackupError(_("%(where)s: värde saknas.", where=where))
        return None

    def wrong(expected: str) -> BackupError:
        return BackupError(_("%(where)s: ska vara %(expected)s.", where=where, expected=expected))

    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise wrong(_("sant eller falskt"))
        return value
    if isinstance(kind, Integer):
        if not isinstance(value, int) or isinstance(value, bool):
            raise wrong(_("ett heltal"))
        if not INT_MIN <= value <= INT_MAX:
            raise wrong(_("ett heltal inom 32 bitar"))
        return value
    if isinstance(kind, String | Text):
        if not isinstance(value, str):
            raise wrong(_("text"))
        if "\x00" in value:
            raise BackupError(_("%(where)s: texten innehåller ett NUL-tecken.", where=where))
        try:
            value.encode("utf-8")  # a lone surrogate is valid JSON but no text a database takes
        except UnicodeEncodeError:
            raise BackupError(
                _("%(where)s: texten innehåller ogiltiga tecken.", where=where)
            ) from None
        if kind.length is not None and len(value) > kind.length:
            raise BackupError(_("%(where)s: högst %(max)d tecken.", where=where, max=kind.length))
        return value
    try:
        if isinstance(kind, DateTime):
            if not isinstance(value, str):
                raise TypeError
            parsed = datetime.fromisoformat(value)
            return as_utc(parsed)
        if isinstance(kind, Date):
            if not isinstance(value, str):
                raise TypeError
            day = date.fromisoformat(value)
            if not EARLIEST <= day <= LATEST:  # what every form and the import accept
                raise ValueError(value)
            return day
        if isinstance(kind, Time):
            if not isinstance(value, str):
                raise TypeError
            return time.fromisoformat(value)
    except (TypeError, ValueError, OverflowError):
        raise wrong(_("ett datum eller en tid i ISO-format")) from None
    if isinstance(kind, Numeric):
        return _decimal(kind, value, wrong)
    if isinstance(kind, JSON):
        if JSON_SHAPES.get(column.key) is dict:
            if not isinstance(value, dict):
                raise wrong(_("ett objekt"))
        elif not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise wrong(_("en lista med texter"))
        if column.key in DATE_LISTS:
            try:
                [date.fromisoformat(v) for v in value]
            except ValueError:
                raise wrong(_("ett datum eller en tid i ISO-format")) from None
        return value
    raise wrong(str(kind))  # pragma: no cover - a column type this module does not know yet


def _decimal(kind: Numeric, value: Any, wrong: Callable[[str], BackupError]) -> Decimal:
    """A number written as text, within the column's digits before and after the point."""
    expected = _('ett tal skrivet som text, till exempel "85.5"')
    if not isinstance(value, str) or len(value) > 40:
        raise wrong(expected)
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise wrong(expected) from None
    if not number.is_finite():
        raise wrong(expected)
    whole = (kind.precision or 14) - (kind.scale or 0)
    if abs(number) >= Decimal(10) ** whole or number != round(number, kind.scale or 0):
        raise wrong(expected)
    return number


# --- the document as bytes ----------------------------------------------------------------


def to_bytes(document: dict) -> bytes:
    return (json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode(
        "utf-8"
    )


def _no_constant(name: str):
    """NaN and Infinity are accepted by Python's JSON reader but are not JSON."""
    raise ValueError(name)


def parse(data: bytes | str) -> dict:
    """The document in ``data``, upgraded to the current version; BackupError if it is not a
    planner backup or has a version this code cannot read. Nothing is checked beyond that
    here: ``restore`` validates every row before it writes anything."""
    try:
        document = json.loads(data, parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise BackupError(_("Filen är inte kodad i UTF-8.")) from None
    except json.JSONDecodeError as error:
        raise BackupError(
            _(
                "Filen är inte giltig JSON (rad %(line)d, kolumn %(column)d).",
                line=error.lineno,
                column=error.colno,
            )
        ) from None
    except (ValueError, RecursionError):
        raise BackupError(_("Filen är inte giltig JSON.")) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise BackupError(_("Filen är ingen säkerhetskopia från planner."))
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise BackupError(_("Säkerhetskopian saknar ett giltigt versionsnummer."))
    if version > VERSION or (
        version < VERSION and any(v not in UPGRADES for v in range(version, VERSION))
    ):
        raise BackupError(
            _(
                "Säkerhetskopian har formatversion %(found)d; den här versionen av planner "
                "läser version %(readable)s.",
                found=version,
                readable=readable_versions(),
            )
        )
    while version < VERSION:
        document = UPGRADES[version](document)
        version += 1
        document["version"] = version
    return document


def readable_versions() -> str:
    """The versions this code reads, for messages: "1", or "1–3" once upgrades exist."""
    oldest = VERSION
    while oldest - 1 in UPGRADES:
        oldest -= 1
    return str(VERSION) if oldest == VERSION else f"{oldest}–{VERSION}"
