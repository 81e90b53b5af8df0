"""A unit's result as the summaries show it: its name, and its figures as numbers."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from reportgen.features.batch.run import UnitResult


def unit_name(unit: UnitResult) -> str:
    """The unit's name; for a unit whose data names none, its data file's name without suffix."""
    if unit.unit:
        return unit.unit
    file, _, inner = unit.source.partition("#")
    if inner:
        return inner
    name = file.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, _ = name.rpartition(".")
    return stem if dot and stem else name


def number(text: str) -> Decimal | str:
    """A figure as the results hold it (``"98.00"``) as a number; '' when there is none (``—``)."""
    try:
        return Decimal(text) if text else ""
    except InvalidOperation:
        return ""


def fraction(percent: str) -> Decimal | str:
    """A percent as the results hold it (``"95.68%"``) as a fraction (0.9568); '' for ``—``."""
    value = number(percent.removesuffix("%")) if percent.endswith("%") else ""
    return value / 100 if isinstance(value, Decimal) else ""
