"""A measure's line chart as SVG markup, drawn on the server (no JavaScript): the values in
time order, the target (and warning limit) as horizontal lines, a title and a description for
screen readers. The page, the yearly report and the PSB embed the same markup; colours are
attributes, not CSS, so a PDF draws it the same without the site's stylesheet."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 96, 16, 44
INK, MUTED, GRID, LINE, TARGET, WARNING = (
    "#1b1f23",
    "#4a5560",
    "#c9d1d9",
    "#00557f",
    "#1e6b34",
    "#6b4f00",
)
MAX_X_LABELS = 8


@dataclass(frozen=True)
class ChartPoint:
    key: str  # the period's key, kept on the point for readers and tests
    label: str  # the x axis's name for it ("K1 2026")
    value: Decimal
    text: str  # how the value reads ("85,5 %"), in the point's tooltip


@dataclass(frozen=True)
class Line:
    value: Decimal
    label: str  # "Mål 90 %"


def _nice_step(span: float) -> float:
    raw = span / 5 or 1
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _scale(values: list[float], bounds: tuple[float, float] | None) -> tuple[float, float, float]:
    """The y axis's bottom, top and tick step: nice round numbers around every value shown,
    within ``bounds`` (0–100 for a percent) when given."""
    lo, hi = min(values), max(values)
    if hi == lo:
        lo, hi = lo - 1, hi + 1
    step = _nice_step(hi - lo)
    lo, hi = math.floor(lo / step) * step, math.ceil(hi / step) * step
    if bounds is not None:
        lo, hi = max(lo, bounds[0]), min(hi, bounds[1])
    if lo > 0 and lo <= (hi - lo):  # close to zero: start at zero rather than mislead
        lo = 0.0
        step = _nice_step(hi - lo)
        hi = math.ceil(hi / step) * step
    return lo, hi, step


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",").replace("-", "\u2212")


def _coordinate(value: float) -> str:
    return f"{value:.1f}"


def line_chart(
    points: Sequence[ChartPoint],
    *,
    title: str,
    description: str,
    chart_id: str,
    target: Line | None = None,
    warning: Line | None = None,
    bounds: tuple[float, float] | None = None,
    suffix: str = "",
) -> Markup:
    """The chart of ``points`` (oldest first). ``chart_id`` makes the title's and the
    description's ids unique on a page that shows several charts."""
    shown = [float(p.value) for p in points] + [
        float(line.value) for line in (target, warning) if line is not None
    ]
    lo, hi, step = _scale(shown or [0.0, 100.0], bounds)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(value: float) -> float:
        return TOP + plot_h - (value - lo) / (hi - lo) * plot_h

    def x(index: int) -> float:
        if len(points) == 1:
            return LEFT + plot_w / 2
        return LEFT + index * plot_w / (len(points) - 1)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="DejaVu Sans, sans-serif" font-size="12">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        '<g class="grid">',
    ]
    tick = lo
    while tick <= hi + step / 1000:
        ty = _coordinate(y(tick))
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{ty}" y2="{ty}" stroke="{GRID}"/>'
            f'<text x="{LEFT - 6}" y="{ty}" dy="4" text-anchor="end" fill="{MUTED}">'
            f"{_number(tick)}{escape(suffix)}</text>"
        )
        tick += step
    parts.append("</g>")
    every = max(1, math.ceil(len(points) / MAX_X_LABELS))
    parts.append('<g class="x-axis">')
    for index, point in enumerate(points):
        if index % every == 0 or index == len(points) - 1 and len(points) <= MAX_X_LABELS:
            parts.append(
                f'<text x="{_coordinate(x(index))}" y="{HEIGHT - BOTTOM + 18}" '
                f'text-anchor="middle" fill="{MUTED}">{escape(point.label)}</text>'
            )
    parts.append("</g>")
    for line, colour, dash, css in (
        (warning, WARNING, "2 4", "warning"),
        (target, TARGET, "8 4", "target"),
    ):
        if line is None:
            continue
        ly = _coordinate(y(float(line.value)))
        parts.append(
            f'<g class="{css}" data-value="{line.value}">'
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{ly}" y2="{ly}" stroke="{colour}" '
            f'stroke-width="2" stroke-dasharray="{dash}"/>'
            f'<text x="{LEFT + plot_w + 6}" y="{ly}" dy="4" fill="{colour}" font-weight="bold">'
            f"{escape(line.label)}</text></g>"
        )
    if points:
        coords = " ".join(
            f"{_coordinate(x(i))},{_coordinate(y(float(p.value)))}" for i, p in enumerate(points)
        )
        parts.append(
            f'<polyline class="series" points="{coords}" fill="none" stroke="{LINE}" '
            f'stroke-width="2.5" stroke-linejoin="round"/>'
        )
        parts.append('<g class="points">')
        radius = 4 if len(points) <= 40 else 2.5
        for i, p in enumerate(points):
            parts.append(
                f'<circle cx="{_coordinate(x(i))}" cy="{_coordinate(y(float(p.value)))}" '
                f'r="{radius}" fill="{LINE}" stroke="#fff" data-period="{escape(p.key)}" '
                f'data-value="{p.value}"><title>{escape(p.label)}: {escape(p.text)}</title>'
                "</circle>"
            )
        parts.append("</g>")
    parts.append(
        f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + plot_h}" stroke="{INK}"/>'
        f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" '
        f'stroke="{INK}"/>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704  every text above is escaped
