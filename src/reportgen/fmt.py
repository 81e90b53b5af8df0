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
    """Chinese numeral for 1–999: 一, 十, 十一, 二十, 九十九, 一百零五; Arabic beyond."""
    if not 0 < n < 1000:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        head = "十" if tens == 1 else f"{_DIGITS[tens]}十"
        return head + (_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    head = f"{_DIGITS[hundreds]}百"
    if rest == 0:
        return head
    if rest < 10:
        return f"{head}零{_DIGITS[rest]}"
    return head + ("一" if rest < 20 else "") + cn_number(rest)
