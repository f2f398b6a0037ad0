"""Numbers as Swedish readers write them: a decimal comma, no trailing zeros."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation


def format_number(value: object, decimals: int | None = None) -> str:
    """``value`` with a decimal comma ("85,5"), rounded to ``decimals`` if given, without
    trailing zeros; "" for None. A minus sign is the typographic one (U+2212)."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if decimals is not None:
        number = number.quantize(Decimal(1).scaleb(-decimals))
    text = format(number.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(".", ",").replace("-", "\u2212")
