"""Reading a whole number from text that anyone may have typed or crafted."""

from __future__ import annotations


def whole_number(text: str) -> int | None:
    """The number ``text`` spells in ASCII digits (surrounding spaces allowed), else None.

    ``str.isdigit()`` alone also accepts digits such as "²" that ``int()`` refuses."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None
