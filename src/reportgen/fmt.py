"""Formatting of figures for the text (万元, %, 中文数字, lists): presentation only."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from babel.lists import format_list

from reportgen.numbers import round_half_up

_DIGITS = "零一二三四五六七八九"


def amount(value: Decimal | None, places: int = 2) -> str:
    """1690.55 → '1690.55' (no thousands separators, as in the tables); None → '—'."""
    if value is None:
        return "—"
    quantum = Decimal(1).scaleb(-places)
    return f"{round_half_up(value, quantum):f}"


def pct(value: Decimal | None) -> str:
    """A percent figure (already ×100) → '73.80%'; None (0/0) → '—'."""
    return "—" if value is None else f"{amount(value)}%"


def number(value: Decimal | int | None) -> str:
    """A count or score without trailing zeros: 10.00 → '10', 9.50 → '9.5'."""
    if value is None:
        return "—"
    rounded = round_half_up(Decimal(value)).normalize()
    return f"{rounded:f}"


def score(value: Decimal | None) -> str:
    """A score with two decimals: 98 → '98.00'."""
    return amount(value)


def join(items: Iterable[object]) -> str:
    """['甲', '乙', '丙'] → '甲、乙和丙'."""
    words = [str(item) for item in items if str(item)]
    return format_list(words, locale="zh_CN") if words else ""


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 99 → 九十九."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")
