"""Event names beside the wheel, never overlapping.

Each occurrence's name goes outside the wheel on its own side (January–June to the right,
July–December to the left), in the order of the year, as near the height of its marker as
the names before it allow: one line per name, pushed apart by a fixed pitch (the positions
that move the names least, found by pooling neighbours that would collide). Where a side has
more names than lines, neighbouring names share a line: the first name and "+N" linking to
the list. A thin line leads from the rim to each name. Boxes are measured with the font's own
widths (metrics.py), so tests can check them without a browser."""

from __future__ import annotations

import math
from dataclasses import dataclass

from planner.wheel.metrics import ASCENT, DESCENT, shorten, text_width

FONT = 15.0
PITCH = 20.0  # one line: the text's height (1.17 em) and room for browsers' rounding of it
SYMBOL = 14.0  # the ring's shape before the name
MAX_WIDTH = 300.0
MARGIN = 6.0
CLEARANCE = 10.0  # between the wheel's rim and the nearest name
MAX_SHIFT = 4 * PITCH  # how far a name may move from the height of its marker


@dataclass(frozen=True)
class Anchor:
    """Where a name belongs: an angle on the wheel (degrees clockwise from the top)."""

    angle: float
    title: str
    href: str  # the occurrence's anchor in the list
    month_href: str  # the month in the list, for "+N"
    ring: int  # index of the ring: the symbol's shape and colour
    done: bool


@dataclass
class Label:
    anchors: list[Anchor]
    right: bool
    centre: float = 0.0  # y of the line's middle
    edge: float = 0.0  # x of the end nearest the wheel
    text: str = ""
    more: str = ""  # "+3" when names share the line
    box: tuple[float, float, float, float] = (0, 0, 0, 0)  # x0, y0, x1, y1
    font: float = FONT

    @property
    def first(self) -> Anchor:
        return self.anchors[0]

    @property
    def baseline(self) -> float:
        return round(self.centre + (ASCENT - DESCENT) / 2 * FONT, 2)

    @property
    def symbol_x(self) -> float:
        return round(self.edge + (SYMBOL / 2 if self.right else -SYMBOL / 2), 2)

    @property
    def text_x(self) -> float:
        """Where the line's text starts (right side) or ends (left side)."""
        return round(self.edge + (SYMBOL if self.right else -SYMBOL), 2)

    @property
    def title(self) -> str:
        """The full name(s), for the SVG <title>."""
        names = [a.title for a in self.anchors]
        return names[0] if len(names) == 1 else "; ".join(names)


def _pack(ideal: list[float], low: float, high: float) -> list[float]:
    """Positions at least PITCH apart within [low, high], each as near its ideal as the
    others allow (ideal sorted, and len(ideal) lines fit)."""
    blocks: list[list[float]] = []  # [start, count, sum of (ideal - offset in block)]
    for value in ideal:
        blocks.append([value, 1, value])
        while True:
            block = blocks[-1]
            block[0] = min(max(block[2] / block[1], low), high - (block[1] - 1) * PITCH)
            if len(blocks) < 2 or blocks[-2][0] + blocks[-2][1] * PITCH <= block[0]:
                break
            before = blocks[-2]
            before[2] += block[2] - block[1] * before[1] * PITCH
            before[1] += block[1]
            blocks.pop()
    return [start + k * PITCH for start, count, _sum in blocks for k in range(int(count))]


def _group(anchors: list[Anchor], ideal: list[float], count: int):
    """The names on ``count`` lines: the widest gaps between neighbours (by height) separate
    the lines, so only crowded names share one."""
    gaps = sorted(range(1, len(ideal)), key=lambda i: ideal[i] - ideal[i - 1], reverse=True)
    cuts = [0, *sorted(gaps[: count - 1]), len(ideal)]
    spans = list(zip(cuts, cuts[1:], strict=False))
    return [anchors[a:b] for a, b in spans], [sum(ideal[a:b]) / (b - a) for a, b in spans]


def _lines(anchors: list[Anchor], ideal: list[float], low: float, high: float):
    """As many lines as fit while no line moves more than MAX_SHIFT from where its names
    belong (a name far from its marker would point at the wrong month)."""
    most = min(len(anchors), int((high - low) // PITCH) + 1)
    fewest, found = 1, None
    while fewest <= most:  # the most lines that keep every name near its marker
        count = (fewest + most) // 2
        groups, heights = _group(anchors, ideal, count)
        positions = _pack(heights, low, high)
        if max((abs(p - h) for p, h in zip(positions, heights, strict=True)), default=0) <= (
            MAX_SHIFT
        ):
            found, fewest = (groups, positions), count + 1
        else:
            most = count - 1
    if found is None:
        groups, heights = _group(anchors, ideal, 1)
        found = groups, _pack(heights, low, high)
    return found


def _finish(label: Label, cx: float, cy: float, rim: float, width: float) -> None:
    top = label.baseline - ASCENT * FONT  # the text's own extent, not its line's
    bottom = label.baseline + DESCENT * FONT
    dy = 0.0 if top <= cy <= bottom else min(abs(top - cy), abs(bottom - cy))
    reach = rim + CLEARANCE
    offset = math.sqrt(reach * reach - dy * dy) if dy < reach else MARGIN
    label.edge = round(cx + offset if label.right else cx - offset, 2)
    room = (width - MARGIN - label.edge if label.right else label.edge - MARGIN) - SYMBOL
    others = len(label.anchors) - 1
    label.more = f"+{others}" if others else ""
    reserve = text_width(" " + label.more, FONT) if others else 0.0
    mark = " ✓" if label.first.done and not others else ""
    name = shorten(label.first.title, FONT, min(MAX_WIDTH, room) - reserve - text_width(mark, FONT))
    label.text = name + mark
    length = SYMBOL + text_width(label.text, FONT) + reserve
    x0, x1 = (label.edge, label.edge + length) if label.right else (label.edge - length, label.edge)
    label.box = (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))


def place(
    anchors: list[Anchor], cx: float, cy: float, rim: float, width: float, height: float
) -> list[Label]:
    """Labels for the anchors around a wheel of radius rim centred at (cx, cy)."""
    reach = rim + CLEARANCE
    low, high = MARGIN + PITCH / 2, height - MARGIN - PITCH / 2
    placed: list[Label] = []
    for right in (True, False):
        side = [a for a in anchors if (a.angle % 360 < 180) == right]
        side.sort(key=lambda a: -math.cos(math.radians(a.angle)))
        ideal = [cy - reach * math.cos(math.radians(a.angle)) for a in side]
        if not side:
            continue
        for group, centre in zip(*_lines(side, ideal, low, high), strict=True):
            label = Label(group, right, round(centre, 2))
            _finish(label, cx, cy, rim, width)
            placed.append(label)
    return placed


def overlapping(boxes: list[tuple[float, float, float, float]]) -> list[tuple[int, int]]:
    """Pairs of boxes that overlap (touching edges do not count)."""
    pairs = []
    order = sorted(range(len(boxes)), key=lambda i: boxes[i][1])
    for n, i in enumerate(order):
        for j in order[n + 1 :]:
            if boxes[j][1] >= boxes[i][3]:
                break
            a, b = boxes[i], boxes[j]
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                pairs.append((i, j))
    return pairs
