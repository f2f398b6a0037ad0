"""The periods a measure's rhythm defines: their keys, dates and names, and which is due.

A key names a period in one rhythm only: "2026-03" (a month), "2026-T2" (a tertial,
May–August), "2026-Q1" (a quarter), "2026-H1" (a half year), "2026" (a year; every second year
only the even or only the odd years) or "2026-03-15" (a dated measurement, one day). A key from
another rhythm is refused ("no value for March on a quarterly measure").

A period is *due* once it has ended: its value can be measured and reported then.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from planner.clock import EARLIEST, LATEST
from planner.language import month_name

MONTHLY, TERTIAL, QUARTERLY, HALF_YEARLY, YEARLY = (
    "monthly",
    "tertial",
    "quarterly",
    "half_yearly",
    "yearly",
)
BIENNIAL_EVEN, BIENNIAL_ODD, DATED = "biennial_even", "biennial_odd", "dated"
RHYTHMS = {
    MONTHLY: _l("Varje månad"),
    TERTIAL: _l("Varje tertial"),
    QUARTERLY: _l("Varje kvartal"),
    HALF_YEARLY: _l("Varje halvår"),
    YEARLY: _l("Varje år"),
    BIENNIAL_EVEN: _l("Vartannat år (jämna år)"),
    BIENNIAL_ODD: _l("Vartannat år (udda år)"),
    DATED: _l("Enstaka mätningar (datum)"),
}
# Rhythms whose periods split a year into equal parts: (the key's letter, months per part).
_PARTS = {MONTHLY: ("", 1), TERTIAL: ("T", 4), QUARTERLY: ("Q", 3), HALF_YEARLY: ("H", 6)}
_PART_NAMES = {
    TERTIAL: _l("tertial %(n)s %(year)s"),
    QUARTERLY: _l("kvartal %(n)s %(year)s"),
    HALF_YEARLY: _l("halvår %(n)s %(year)s"),
}
_KEY = re.compile(r"^(\d{4})(?:-([TQH]?)(\d{1,2}))?(?:-(\d{2}))?$", re.ASCII)


class PeriodError(ValueError):
    """A key that names no period of the rhythm; ``str()`` is the Swedish message."""


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date
    key: str
    rhythm: str

    @property
    def label(self) -> str:
        """The period's name in running text: "kvartal 1 2026", "mars 2026", "15 mars 2026"."""
        year = self.start.year
        if self.rhythm in _PART_NAMES:
            return _PART_NAMES[self.rhythm] % {"n": self.number, "year": year}
        if self.rhythm == MONTHLY:
            return f"{month_name(self.start.month)} {year}"
        if self.rhythm == DATED:
            return f"{self.start.day} {month_name(self.start.month)} {year}"
        return str(year)

    @property
    def short_label(self) -> str:
        """A compact name for a chart's axis: "K1 2026", "T2 2026", "mar 2026", "2026"."""
        if self.rhythm == QUARTERLY:
            return _("K%(n)s %(year)s", n=self.number, year=self.start.year)
        if self.rhythm in (TERTIAL, HALF_YEARLY):
            return self.key[5:] + " " + self.key[:4]
        if self.rhythm == MONTHLY:
            return f"{month_name(self.start.month)[:3]} {self.start.year}"
        if self.rhythm == DATED:
            return self.start.isoformat()
        return str(self.start.year)

    @property
    def number(self) -> int:
        """Which part of its year the period is (1 for Q1, 3 for March); 1 for a year."""
        months = _PARTS.get(self.rhythm, ("", 12))[1]
        return (self.start.month - 1) // months + 1

    def is_due(self, today: date) -> bool:
        return self.end < today


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def _part(rhythm: str, year: int, number: int) -> Period:
    letter, months = _PARTS[rhythm]
    first = (number - 1) * months + 1
    key = f"{year}-{letter}{number}" if letter else f"{year}-{number:02d}"
    return Period(date(year, first, 1), _month_end(year, first + months - 1), key, rhythm)


def _year(rhythm: str, year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), str(year), rhythm)


def _year_fits(rhythm: str, year: int) -> bool:
    if rhythm == BIENNIAL_EVEN:
        return year % 2 == 0
    if rhythm == BIENNIAL_ODD:
        return year % 2 == 1
    return True


def _wrong(rhythm: str) -> PeriodError:
    examples = {
        MONTHLY: "2026-03",
        TERTIAL: "2026-T2",
        QUARTERLY: "2026-Q1",
        HALF_YEARLY: "2026-H1",
        YEARLY: "2026",
        BIENNIAL_EVEN: "2026",
        BIENNIAL_ODD: "2025",
        DATED: "2026-03-15",
    }
    return PeriodError(
        _(
            "Perioden passar inte måttets mätintervall (%(rhythm)s). "
            "Skriv till exempel %(example)s.",
            rhythm=str(RHYTHMS[rhythm]).lower(),
            example=examples[rhythm],
        )
    )


def parse_period(rhythm: str, key: str) -> Period:
    """The period ``key`` names in ``rhythm``; PeriodError (in Swedish) if it names none."""
    if rhythm not in RHYTHMS:
        raise PeriodError(_("Okänt mätintervall."))
    match = _KEY.match((key or "").strip().upper())
    if not match:
        raise _wrong(rhythm)
    year_text, letter, number_text, day_text = match.groups()
    year = int(year_text)
    if not EARLIEST.year <= year <= LATEST.year:
        raise PeriodError(
            _(
                "Året måste ligga mellan %(first)s och %(last)s.",
                first=EARLIEST.year,
                last=LATEST.year,
            )
        )
    if rhythm == DATED:
        if number_text is None or letter or day_text is None:
            raise _wrong(rhythm)
        try:
            day = date(year, int(number_text), int(day_text))
        except ValueError:
            raise PeriodError(_("Datumet finns inte.")) from None
        return Period(day, day, day.isoformat(), rhythm)
    if day_text is not None:
        raise _wrong(rhythm)
    if rhythm in _PARTS:
        expected_letter, months = _PARTS[rhythm]
        if number_text is None or letter != expected_letter:
            raise _wrong(rhythm)
        if rhythm == MONTHLY and len(number_text) != 2:
            raise _wrong(rhythm)
        number = int(number_text)
        if not 1 <= number <= 12 // months:
            raise _wrong(rhythm)
        return _part(rhythm, year, number)
    if number_text is not None:
        raise _wrong(rhythm)
    if not _year_fits(rhythm, year):
        raise PeriodError(
            _("Måttet mäts jämna år.") if rhythm == BIENNIAL_EVEN else _("Måttet mäts udda år.")
        )
    return _year(rhythm, year)


def period_containing(rhythm: str, day: date) -> Period | None:
    """The rhythm's period that ``day`` falls in; None for dated measurements and for the
    years a biennial measure is not measured."""
    if rhythm in _PARTS:
        months = _PARTS[rhythm][1]
        return _part(rhythm, day.year, (day.month - 1) // months + 1)
    if rhythm == DATED or not _year_fits(rhythm, day.year):
        return None
    return _year(rhythm, day.year)


def previous_period(period: Period) -> Period:
    """The period before ``period`` in its rhythm (the same as it for dated measurements, which
    have no fixed predecessor)."""
    if period.rhythm == DATED:
        return period
    return latest_ended(period.rhythm, period.start)  # type: ignore[return-value]


def latest_ended(rhythm: str, today: date) -> Period | None:
    """The most recent period that ended before ``today``: the one due for a value now. None
    for dated measurements (they have no schedule)."""
    if rhythm == DATED:
        return None
    day = today - timedelta(days=1)
    while True:
        period = period_containing(rhythm, day)
        if period is not None and period.end < today:
            return period
        day = (period.start if period else date(day.year, 1, 1)) - timedelta(days=1)


def periods_between(rhythm: str, first: date, last: date) -> list[Period]:
    """The rhythm's periods that overlap ``first``–``last``, oldest first (none for dated)."""
    if rhythm == DATED or last < first:
        return []
    found: list[Period] = []
    day = first
    while day <= last:
        period = period_containing(rhythm, day)
        if period is None:  # a biennial measure's off year
            day = date(day.year + 1, 1, 1)
            continue
        found.append(period)
        day = period.end + timedelta(days=1)
    return found


def period_choices(rhythm: str, today: date, back: int = 8) -> list[Period]:
    """The periods a form offers for a new value: the current one and the ``back`` before it,
    newest first (for dated measurements, no fixed list)."""
    if rhythm == DATED:
        return []
    current = period_containing(rhythm, today) or latest_ended(rhythm, today)
    found = [current]
    while len(found) <= back:
        found.append(previous_period(found[-1]))
    return found  # type: ignore[return-value]
