"""Shares of a named whole (docs/domain.md §1.4): the parts, their shares, and the 未分项 rest.

A share is always of the whole its sentence names: 按收入性质分 parts of 全年预算数,
按支出性质分 parts of 全年执行数, 人员经费/公用经费 of 基本支出 — never of the sum of the
parts that happen to be filled in. Where the parts fall short of their whole, the rest is a
part of its own (未分项) so a table's shares still add up to exactly 100.00 % (largest
remainder); where all parts but one are known, that one is derived from the whole and
marked as derived.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from reportgen.data.vocabulary import BASIC_LABELS, NATURE_LABELS, UNALLOCATED
from reportgen.figures.numbers import percent, shares


@dataclass(frozen=True)
class Part:
    """One part of a whole: amount in the report unit and its share (%) of that whole.

    ``derived`` says how the amount was worked out when the data did not give it
    (e.g. “按全年执行数减项目支出计算”); ``rest`` marks the 未分项 remainder.
    """

    key: str
    label: str
    amount: Decimal
    share: Decimal | None
    derived: str = ""
    rest: bool = False


@dataclass(frozen=True)
class Breakdown:
    """The parts of one named whole (全年预算数, 全年执行数, 基本支出) and the remainder."""

    whole_label: str
    whole: Decimal | None
    parts: tuple[Part, ...]
    rest: Part | None = None

    def __iter__(self) -> Iterator[Part]:
        return iter(self.parts)

    def __len__(self) -> int:
        return len(self.parts)

    def __bool__(self) -> bool:
        return bool(self.parts)

    @property
    def rows(self) -> tuple[Part, ...]:
        """The parts and, when they fall short of the whole, the 未分项 remainder (for tables)."""
        return (*self.parts, self.rest) if self.rest else self.parts

    def get(self, key: str) -> Part | None:
        return next((part for part in self.parts if part.key == key), None)


def breakdown(
    whole_label: str,
    whole: Decimal | None,
    values: dict[str, Decimal],
    labels: dict[str, str],
    derived: dict[str, str] | None = None,
) -> Breakdown:
    """Parts of ``whole`` with shares of it; a 未分项 rest when the parts fall short."""
    derived = derived or {}
    keys = [key for key in labels if key in values]
    amounts = [values[key] for key in keys]
    rest = whole - sum(amounts, Decimal(0)) if whole is not None and keys else None
    split: list[Decimal | None]
    if whole is None or whole == 0 or rest is None or rest < 0:
        split = [None if whole is None else percent(a, whole) for a in amounts]
        rest_part = None
    else:
        with_rest = [*amounts, rest] if rest > 0 else amounts
        computed = shares(with_rest)
        split = list(computed) if computed is not None else [None] * len(with_rest)
        rest_part = Part("unallocated", UNALLOCATED, rest, split[-1], rest=True) if rest > 0 else None
    parts = tuple(
        Part(key, labels[key], values[key], share, derived.get(key, ""))
        for key, share in zip(keys, split, strict=False)
    )
    return Breakdown(whole_label, whole, parts, rest_part)


def derive_nature(
    given: dict[str, Decimal], executed: Decimal | None
) -> tuple[dict[str, Decimal], dict[str, Decimal], dict[str, str]]:
    """按支出性质分 with the one missing part derived from the others, and how it was derived."""
    nature = {k: v for k, v in given.items() if k in NATURE_LABELS}
    basic = {k: v for k, v in given.items() if k in BASIC_LABELS}
    notes: dict[str, str] = {}
    if "basic" not in nature and len(basic) == 2:
        nature["basic"] = basic["personnel"] + basic["public_use"]
        notes["basic"] = "按人员经费与公用经费之和计算"
    if executed is not None and len(nature) == 1:
        known, other = ("basic", "project") if "basic" in nature else ("project", "basic")
        rest = executed - nature[known]
        if rest >= 0:
            nature[other] = rest
            notes[other] = f"按全年执行数减{NATURE_LABELS[known]}计算"
    whole = nature.get("basic")
    if whole is not None and len(basic) == 1:
        known, other = ("personnel", "public_use") if "personnel" in basic else ("public_use", "personnel")
        rest = whole - basic[known]
        if rest >= 0:
            basic[other] = rest
            notes[other] = f"按基本支出减{BASIC_LABELS[known]}计算"
    return nature, basic, notes


__all__ = ["Breakdown", "Part", "breakdown", "derive_nature"]
