"""How wide a text is in DejaVu Sans (the wheel's font, on every platform planner targets), so
labels can be laid out and shortened on the server, without a browser."""

from __future__ import annotations

# Advance widths in thousandths of an em, measured from DejaVuSans.ttf (Pillow, size 1000).
_WIDTHS = {
    275: "'",
    278: "ijl",
    295: "IJ",
    318: " ,.’",
    337: "/:;\\|",
    352: "f",
    361: "-",
    390: "()[]",
    392: "t",
    401: "!",
    411: "r",
    460: '"',
    500: "*_`–§°",
    518: "“”",
    521: "s",
    525: "z",
    531: "?",
    550: "c",
    557: "L",
    575: "F",
    579: "k",
    592: "vxy",
    603: "P",
    611: "TY",
    612: "oöø«»",
    613: "aåä",
    615: "eéè",
    632: "EÉ",
    634: "hnuü",
    635: "Sbdgpq",
    636: "$0123456789{}",
    656: "K",
    684: "AVÅÄ",
    685: "XZ",
    686: "B",
    695: "R",
    698: "C",
    732: "UÜ",
    748: "N",
    752: "H",
    770: "D",
    775: "G",
    780: "&",
    787: "OQÖØ",
    818: "w",
    838: "#+<=>^~✓",
    863: "M",
    950: "%",
    974: "mÆ",
    982: "æ",
    989: "W",
}
ADVANCE = {char: width / 1000 for width, chars in _WIDTHS.items() for char in chars}
UNKNOWN = 1.0  # any other character: a full em, so a label is never longer than measured
SAFETY = 1.04  # a little room for a substitute font (Verdana is slightly wider)
ASCENT = 0.93  # above the baseline, in ems
DESCENT = 0.24  # below it
ELLIPSIS = "…"


def text_width(text: str, size: float) -> float:
    return sum(ADVANCE.get(char, UNKNOWN) for char in text) * size * SAFETY


def shorten(text: str, size: float, width: float) -> str:
    """The text, or as many whole words of it as fit with an ellipsis (a single long word is
    cut inside)."""
    text = " ".join(text.split())
    if text_width(text, size) <= width:
        return text
    words = text.split(" ")
    while len(words) > 1:
        words.pop()
        candidate = " ".join(words).rstrip(",;:–-") + ELLIPSIS
        if text_width(candidate, size) <= width:
            return candidate
    word = words[0]
    while word and text_width(word + ELLIPSIS, size) > width:
        word = word[:-1]
    return word + ELLIPSIS
