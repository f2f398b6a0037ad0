"""Reading a whole number from text that anyone may have typed or crafted."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def whole_number(text: str) -> int | None:
    """The number ``text`` spells in ASCII digits (surrounding spaces allowed), else None.

    ``str.isdigit()`` alone also accepts digits such as "²" that ``int()`` refuses."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def decimal_text(value: float, decimals: int = 1) -> str:
    """A number as the reader's language writes it (Swedish: 73,6; 1 234), with at most
    ``decimals`` decimals and none when it is whole (77, not 77,0)."""
    from babel.numbers import format_decimal
    from flask import has_request_context
    from flask_babel import get_locale

    locale = (get_locale() if has_request_context() else None) or "sv"
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    # Half up, as people round (42,25 → 42,3), not as floats or banks do.
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return format_decimal(exact, format=pattern, locale=str(locale))


def percent_text(value: float, decimals: int = 1) -> str:
    """A share in percent, Swedish style: "73,6 %" (a no-break space before the sign)."""
    return f"{decimal_text(value, decimals)}\u00a0%"
