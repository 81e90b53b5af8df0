"""Decimal arithmetic the report relies on: half-up rounding and shares of one whole."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal
from functools import cache

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def _room(value: Decimal, places: Decimal) -> Context:
    """A context precise enough to quantize ``value`` to ``places``: quantize never fails."""
    digits = max(value.adjusted(), 0) + max(-places.as_tuple().exponent, 0) + 2  # type: ignore[operator]
    return _context(max(28, digits))


@cache
def _context(precision: int) -> Context:
    """One context per precision, made once (making one took longer than the rounding).
    Sharing is safe: quantize reads the precision and traps, and only sets flags nobody reads."""
    return Context(prec=precision)


def round_half_up(value: Decimal, places: Decimal = CENT) -> Decimal:
    """四舍五入 (not banker's rounding): 0.125 → 0.13. Any finite value (non-finite ones come back as they are)."""
    if not value.is_finite():
        return value
    return value.quantize(places, rounding=ROUND_HALF_UP, context=_room(value, places))


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part / whole`` in percent, two decimals half-up; None when the whole is zero."""
    if whole == 0:
        return None
    return round_half_up(part / whole * HUNDRED)


def shares(parts: Sequence[Decimal]) -> list[Decimal] | None:
    """Percent shares of ``parts`` in their sum, two decimals, adding up to exactly 100.00.

    Largest-remainder (Hamilton) method: floor every share to the cent, then give the
    missing cents to the largest remainders (earlier parts first on ties). Where half-up
    rounding already sums to 100.00 the results are the same. None when the sum is zero.
    """
    total = sum(parts, Decimal(0))
    if total == 0 or any(part < 0 for part in parts):
        return None
    exact = [part / total * HUNDRED for part in parts]
    floors = [value.quantize(CENT, rounding=ROUND_FLOOR, context=_room(value, CENT)) for value in exact]
    missing = int((HUNDRED - sum(floors, Decimal(0))) / CENT)
    by_remainder = sorted(range(len(parts)), key=lambda i: (-(exact[i] - floors[i]), i))
    for index in by_remainder[:missing]:
        floors[index] += CENT
    return floors
