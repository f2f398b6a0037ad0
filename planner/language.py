"""The language of what users see: Swedish documents whatever the interface language, and the
calendar's names from Babel's locale data rather than lists kept by hand."""

from __future__ import annotations

from contextlib import contextmanager

from babel.dates import get_day_names, get_month_names
from flask_babel import LazyString, force_locale, get_locale

SWEDISH = "sv"


@contextmanager
def in_swedish():
    """Swedish inside the block, or inside the view it decorates (``@in_swedish()``).

    Reports, exports and the wheel's downloads are Swedish documents (``<html lang="sv">``)
    whatever the visitor's interface language, so one kept file serves everyone."""
    with force_locale(SWEDISH):
        yield


def _locale():
    return get_locale() or SWEDISH


def month_name(month: int) -> str:
    """The month (1–12) in the current language, as in running text ("januari")."""
    return get_month_names("wide", locale=_locale())[month]


def weekday_name(weekday: int) -> str:
    """The weekday (0 = Monday … 6 = Sunday) in the current language ("måndag")."""
    return get_day_names("wide", locale=_locale())[weekday]


# For choices defined at import time: each is named when shown, in the language of that request.
MONTH_NAMES = tuple(LazyString(month_name, month) for month in range(1, 13))
WEEKDAY_NAMES = tuple(LazyString(weekday_name, weekday) for weekday in range(7))
