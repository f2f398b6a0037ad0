"""How a value stands against its measure's target, and which way it moved.

Met, near or missed, for both directions: with "higher is better" a value at or above the
target is met, at or above the warning limit (below the target) near, below it missed; with
"lower is better" the same mirrored. Without a warning limit there is no "near". A measure
that is followed without a better direction, or that has no target, is never judged.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import lazy_gettext as _l

from planner.results.models import HIGHER, LOWER

MET, NEAR, MISSED, UNJUDGED = "met", "near", "missed", "unjudged"
STATES = {
    MET: _l("Målet nått"),
    NEAR: _l("Nära målet"),
    MISSED: _l("Målet ej nått"),
    UNJUDGED: _l("Bedöms inte"),
}
IMPROVED, WORSENED, UNCHANGED, UP, DOWN = "improved", "worsened", "unchanged", "up", "down"
TRENDS = {
    IMPROVED: _l("Bättre"),
    WORSENED: _l("Sämre"),
    UNCHANGED: _l("Oförändrat"),
    UP: _l("Ökat"),
    DOWN: _l("Minskat"),
}
# The glyph beside a trend's text (never alone: the text says it).
TREND_ARROWS = {IMPROVED: "▲", WORSENED: "▼", UNCHANGED: "▬", UP: "▲", DOWN: "▼"}


def target_state(
    direction: str, target: Decimal | None, warning: Decimal | None, value: Decimal | None
) -> str | None:
    """MET, NEAR, MISSED or UNJUDGED; None when there is no value to judge."""
    if value is None:
        return None
    if target is None or direction not in (HIGHER, LOWER):
        return UNJUDGED
    sign = 1 if direction == HIGHER else -1
    if sign * (value - target) >= 0:
        return MET
    if warning is not None and sign * (value - warning) >= 0:
        return NEAR
    return MISSED


def trend(direction: str, before: Decimal | None, after: Decimal | None) -> str | None:
    """How ``after`` compares with ``before``: IMPROVED/WORSENED for a measure with a better
    direction, UP/DOWN for one without; UNCHANGED when equal; None when either is missing."""
    if before is None or after is None:
        return None
    if after == before:
        return UNCHANGED
    went_up = after > before
    if direction == HIGHER:
        return IMPROVED if went_up else WORSENED
    if direction == LOWER:
        return WORSENED if went_up else IMPROVED
    return UP if went_up else DOWN


@dataclass(frozen=True)
class Judgement:
    """A value's state and its trends, with the labels a page, a PDF and a test read."""

    state: str | None
    since_previous: str | None
    since_baseline: str | None
    change_previous: Decimal | None = None
    change_baseline: Decimal | None = None

    @property
    def state_label(self) -> str:
        return str(STATES[self.state]) if self.state else str(_l("Inget värde"))


def judge(
    direction: str,
    target: Decimal | None,
    warning: Decimal | None,
    value: Decimal | None,
    previous: Decimal | None,
    baseline: Decimal | None,
) -> Judgement:
    def change(before):
        return None if value is None or before is None else value - before

    return Judgement(
        target_state(direction, target, warning, value),
        trend(direction, previous, value),
        trend(direction, baseline, value),
        change(previous),
        change(baseline),
    )
