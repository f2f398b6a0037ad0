"""What a value of each unit may be, and the value a numerator and a denominator give.

One rule for every way a value arrives (the single form, the period form, an import): each
refusal is a RuleError naming the field it belongs next to, in Swedish."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from flask_babel import lazy_gettext as _l

from planner.results.models import COUNT, INDEX, NUMBER_UNIT, PERCENT, RATE_1000
from planner.rules import RuleError

STORED = Decimal("0.0001")  # the columns keep four decimals
LARGEST = Decimal("9999999999")  # ten digits before the point (Numeric(14, 4))
# What a numerator over a denominator is multiplied by, per unit that is a ratio.
SCALES = {PERCENT: Decimal(100), RATE_1000: Decimal(1000)}
# A typed value may differ this much from the one its numerator and denominator give
# (people round: 17 of 19 is 89.47 %, typed as 89,5).
ROUNDING_SLACK = Decimal("0.05")


class UnitError(RuleError):
    """A value the measure's unit does not allow."""


def stored(number: Decimal) -> Decimal:
    return number.quantize(STORED, rounding=ROUND_HALF_UP)


def takes_fraction(unit: str) -> bool:
    """Can a value of ``unit`` be given as numerator and denominator?"""
    return unit in SCALES


def check_number(unit: str, number: Decimal, field: str = "value") -> Decimal:
    """``number`` if a value of ``unit`` may be it (percent 0–100, count a whole number ≥ 0,
    rate ≥ 0, index 0–100), else UnitError next to ``field``."""
    if not number.is_finite() or abs(number) > LARGEST:
        raise UnitError(_l("Talet är för stort."), field)
    if unit == PERCENT and not 0 <= number <= 100:
        raise UnitError(_l("En procentsats ligger mellan 0 och 100."), field)
    if unit == INDEX and not 0 <= number <= 100:
        raise UnitError(_l("Ett index ligger mellan 0 och 100."), field)
    if unit == COUNT and (number < 0 or number != number.to_integral_value()):
        raise UnitError(_l("Ett antal är ett heltal, 0 eller större."), field)
    if unit == RATE_1000 and number < 0:
        raise UnitError(_l("Värdet kan inte vara negativt."), field)
    if unit not in (PERCENT, INDEX, COUNT, RATE_1000, NUMBER_UNIT):
        raise UnitError(_l("Okänd enhet."), field)
    return stored(number)


def computed_value(
    unit: str,
    value: Decimal | None,
    numerator: Decimal | None,
    denominator: Decimal | None,
) -> Decimal:
    """The value to store: ``value`` as typed, or computed from ``numerator`` and
    ``denominator`` (which must then both be given, the denominator above zero, the numerator
    a whole number ≥ 0 and for a percent not above the denominator). When both a value and a
    fraction are given they must agree."""
    if numerator is None and denominator is None:
        if value is None:
            raise UnitError(_l("Ange ett värde, eller täljare och nämnare."), "value")
        return check_number(unit, value)
    if not takes_fraction(unit):
        field = "numerator" if numerator is not None else "denominator"
        raise UnitError(
            _l("Den här enheten anges som ett värde, inte som täljare och nämnare."), field
        )
    if numerator is None:
        raise UnitError(_l("Ange täljaren också."), "numerator")
    if denominator is None:
        raise UnitError(_l("Ange nämnaren också."), "denominator")
    check_number(COUNT, numerator, "numerator")
    if denominator == 0:
        raise UnitError(_l("Nämnaren kan inte vara 0."), "denominator")
    check_number(RATE_1000, denominator, "denominator")
    if unit == PERCENT and numerator > denominator:
        raise UnitError(_l("Täljaren kan inte vara större än nämnaren."), "numerator")
    result = check_number(unit, numerator / denominator * SCALES[unit])
    if value is not None and abs(check_number(unit, value) - result) > ROUNDING_SLACK:
        raise UnitError(
            _l("Värdet stämmer inte med täljare och nämnare. Lämna värdet tomt så räknas det ut."),
            "value",
        )
    return result
