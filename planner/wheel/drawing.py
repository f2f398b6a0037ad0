"""The wheel's geometry: rings of events (markers for days, arcs for periods), their names
along the rings, the month and ISO-week scale, today and this week, and the event names
beside the wheel (labels.py). Plain numbers and path strings; picture.svg only writes them."""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from planner.wheel import labels
from planner.wheel.metrics import ADVANCE, ASCENT, DESCENT, SAFETY, UNKNOWN, shorten

WIDTH, HEIGHT = 1460, 900
CX, CY = WIDTH / 2, HEIGHT / 2
OUTER = 420  # outer edge of the month ring
MONTH_RING = 36
WEEK_RING = 22
RINGS_OUTER = OUTER - MONTH_RING - WEEK_RING - 4
RINGS_INNER = 100  # inside: the year and the organisation
NAME_FONT = 12.0
# Dark enough for 3:1 against the rings' backgrounds (tests/wheel/test_picture.py) and told
# apart by the ring's place, name and shape, never by colour alone.
COLOURS = (
    "#00557f",
    "#a3261b",
    "#1e6b34",
    "#6b4f00",
    "#5b2a86",
    "#7a3e00",
    "#0b6e6e",
    "#333333",
    "#8a1c5c",
    "#2f4f9e",
    "#5c5c00",
)
RING_FILLS = ("#ffffff", "#eef2f5")
HEXAGON = [math.radians(a) for a in range(0, 360, 60)]
SHAPES = ("circle", "square", "diamond", "triangle", "hexagon", "down")


def year_days(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def day_angle(day: date, fraction: float = 0.5) -> float:
    """Degrees clockwise from the top; by default the middle of the day."""
    return ((day - date(day.year, 1, 1)).days + fraction) / year_days(day.year) * 360


def point(angle: float, radius: float) -> tuple[float, float]:
    radians = math.radians(angle - 90)
    return round(CX + radius * math.cos(radians), 2), round(CY + radius * math.sin(radians), 2)


def band(start: float, end: float, inner: float, outer: float) -> str:
    """An SVG path for the ring segment between two angles."""
    x1, y1 = point(start, outer)
    x2, y2 = point(end, outer)
    x3, y3 = point(end, inner)
    x4, y4 = point(start, inner)
    large = 1 if end - start > 180 else 0
    return (
        f"M{x1},{y1} A{outer},{outer} 0 {large} 1 {x2},{y2} L{x3},{y3} "
        f"A{inner},{inner} 0 {large} 0 {x4},{y4} Z"
    )


def shape(kind: str, x: float, y: float, size: float) -> str:
    """A marker of the given shape centred at (x, y), as an SVG path."""
    r = size / 2
    if kind == "circle":
        half = f"a{r:.1f},{r:.1f} 0 1 0"
        return f"M{x - r:.1f},{y:.1f} {half} {2 * r:.1f},0 {half} {-2 * r:.1f},0Z"
    corners = {
        "square": [(-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)],
        "diamond": [(0, -1.15), (1.15, 0), (0, 1.15), (-1.15, 0)],
        "triangle": [(0, -1.15), (1.05, 0.85), (-1.05, 0.85)],
        "down": [(0, 1.15), (1.05, -0.85), (-1.05, -0.85)],
        "hexagon": [(math.cos(a) * 1.05, math.sin(a) * 1.05) for a in HEXAGON],
    }[kind]
    return "M" + " L".join(f"{x + dx * r:.1f},{y + dy * r:.1f}" for dx, dy in corners) + "Z"


@dataclass
class Mark:
    """One occurrence on its ring: a marker (one day) or an arc (a period)."""

    path: str
    occurrence: object  # year.Occurrence
    arc: bool
    angle: float  # the middle of the day or period, where its name's leader starts


@dataclass
class Ring:
    key: str
    label: str
    inner: float
    outer: float
    colour: str = ""
    shape: str = "circle"
    fill: str = "#ffffff"
    middle: float = 0.0  # radius of the day markers
    marker: float = 12.0  # their size
    names: list[dict] = field(default_factory=list)  # the ring's name along it, glyph by glyph
    markers: list[Mark] = field(default_factory=list)


def curved(text: str, centre: float, radius: float, size: float, flip: bool) -> dict:
    """Glyph positions that write text along a circle, centred at an angle; flipped (read
    counter-clockwise) on the lower half so it is never upside down."""
    advances = [ADVANCE.get(c, UNKNOWN) * size * SAFETY for c in text]
    total = math.degrees(sum(advances) / radius)
    xs, ys, turns, done = [], [], [], 0.0
    for advance in advances:
        step = math.degrees(done / radius)
        angle = centre + total / 2 - step if flip else centre - total / 2 + step
        x, y = point(angle, radius)
        xs.append(f"{x:.1f}")
        ys.append(f"{y:.1f}")
        turns.append(f"{(angle - 180 if flip else angle) % 360:.1f}")
        done += advance
    xy = {"x": " ".join(xs), "y": " ".join(ys), "rotate": " ".join(turns)}
    return {"text": text, "size": round(size, 1), **xy}


def _lanes(items: list) -> dict:
    """Which lane each period takes so overlapping ones sit side by side (as many lanes as
    periods overlap at once: a fourth is never drawn over the first)."""
    ends: list[date] = []
    chosen = {}
    for occurrence in sorted(items, key=lambda o: (o.day, o.end)):
        free = [n for n, end in enumerate(ends) if end < occurrence.day]
        lane = free[0] if free else len(ends)
        if not free:
            ends.append(occurrence.end)
        ends[lane] = occurrence.end
        chosen[id(occurrence)] = lane
    return chosen


def dot(ring: Ring, occurrence) -> Mark:
    """The marker of a one-day occurrence on its ring."""
    angle = day_angle(occurrence.day)
    x, y = point(angle, ring.middle)
    return Mark(shape(ring.shape, x, y, ring.marker), occurrence, False, angle)


def rings(keys: list[tuple[str, str]], items: list, year: int) -> list[Ring]:
    """The rings from the outside in, with their marks and names."""
    width = (RINGS_OUTER - RINGS_INNER) / max(1, len(keys))
    lane = min(NAME_FONT * 1.3, width * 0.45)
    size = min(NAME_FONT, lane / 1.3)
    last = date(year, 12, 31)
    drawn = []
    for index, (key, label) in enumerate(keys):
        outer = RINGS_OUTER - index * width
        ring = Ring(key, label, round(outer - width, 2), round(outer, 2))
        ring.colour = COLOURS[index % len(COLOURS)]
        ring.shape = SHAPES[index % len(SHAPES)]
        ring.fill = RING_FILLS[index % 2]
        for centre in (45, 135, 225, 315):
            text = shorten(label, size, math.radians(80) * (ring.inner + lane / 2))
            ring.names.append(along(text, centre, ring.inner + lane / 2, size))
        zone_inner, zone_outer = ring.inner + lane, ring.outer - 1
        ring.middle = (zone_inner + zone_outer) / 2
        ring.marker = min(12.0, (zone_outer - zone_inner) * 0.8)
        own = [o for o in items if o.ring == key]
        periods = [o for o in own if o.end > o.day]
        lanes = _lanes(periods)
        used = max(lanes.values(), default=0) + 1
        thickness = (zone_outer - zone_inner) * 0.8 / used
        for occurrence in own:
            if occurrence.end > occurrence.day:
                start = day_angle(occurrence.day, 0)
                end = day_angle(min(occurrence.end, last), 1)
                low = zone_inner + (zone_outer - zone_inner) * 0.1
                low += lanes[id(occurrence)] * thickness
                path = band(start, end, round(low + 0.5, 2), round(low + thickness - 0.5, 2))
                ring.markers.append(Mark(path, occurrence, True, (start + end) / 2))
            else:
                ring.markers.append(dot(ring, occurrence))
        drawn.append(ring)
    return drawn


def along(text: str, centre: float, middle: float, size: float) -> dict:
    """Text written along the circle whose radius is the text's middle."""
    flip = 90 < centre % 360 < 270
    lift = (ASCENT - DESCENT) / 2 * size  # from the baseline to the middle of the glyphs
    return curved(text, centre, middle + lift if flip else middle - lift, size, flip)


def months(year: int, names: tuple[str, ...]) -> list[dict]:
    found = []
    for month in range(1, 13):
        start = day_angle(date(year, month, 1), 0)
        end = 360.0 if month == 12 else day_angle(date(year, month + 1, 1), 0)
        found.append(
            {
                "path": band(start, end, OUTER - MONTH_RING, OUTER),
                "name": along(names[month - 1], (start + end) / 2, OUTER - MONTH_RING / 2, 16),
                "even": month % 2 == 0,
            }
        )
    return found


def weeks(year: int, today: date) -> list[dict]:
    """ISO weeks as cells of the week ring, cut at the year's ends; this week marked."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    monday = first - timedelta(days=first.weekday())
    inner, outer = OUTER - MONTH_RING - WEEK_RING, OUTER - MONTH_RING
    found = []
    while monday <= last:
        start, end = max(monday, first), min(monday + timedelta(days=6), last)
        a, b = day_angle(start, 0), day_angle(end, 1)
        x, y = point((a + b) / 2, (inner + outer) / 2)
        found.append(
            {
                "path": band(a, b, inner, outer),
                "week": monday.isocalendar().week,
                "x": x,
                "y": round(y + 3.5, 2),
                "numbered": (end - start).days >= 3,
                "current": start <= today <= end,
            }
        )
        monday += timedelta(days=7)
    return found


def today_line(today: date, year: int) -> dict | None:
    if today.year != year:
        return None
    x1, y1 = point(day_angle(today), RINGS_INNER - 6)
    x2, y2 = point(day_angle(today), OUTER)
    return {"x1": x1, "y1": y1, "x2": x2, "y2": y2}


def names(drawn: list[Ring], month_anchor) -> list[labels.Label]:
    anchors = [
        labels.Anchor(m.angle, o.title, o.anchor, month_anchor(o), index, o.done)
        for index, ring in enumerate(drawn)
        for m in ring.markers
        for o in (m.occurrence,)
    ]
    return labels.place(anchors, CX, CY, OUTER, WIDTH, HEIGHT)


def leader(label: labels.Label) -> dict:
    x1, y1 = point(label.first.angle, OUTER + 1)
    return {"x1": x1, "y1": y1, "x2": label.edge, "y2": label.centre}
