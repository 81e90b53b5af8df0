"""Formatting of figures for the text (万元, %, 中文数字, lists): presentation only."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from reportgen.data.values import Op, ValueExpr
from reportgen.figures.numbers import round_half_up

MONEY_UNITS = ("万元", "元")
_OP_PREFIX = {Op.GE: "≥", Op.GT: ">", Op.LE: "≤", Op.LT: "<"}
_NUMBER = re.compile(r"\d+(?:\.\d+)?")

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


def score(value: Decimal | None, places: int = 2) -> str:
    """A score with ``places`` decimals: 98 → '98.00' (or '98' with ``places=0``)."""
    return amount(value, places)


def value_text(value: ValueExpr | None) -> str:
    """A target or actual as the report prints it: as typed, except that amounts of money
    are shown with the tables' two decimals (“89.974万元” → “89.97万元”)."""
    if value is None:
        return ""
    if value.unit not in MONEY_UNITS or value.value is None or not value.is_quantitative:
        return value.text
    if not value.text:
        return f"{_OP_PREFIX.get(value.op, '')}{amount(value.value)}{value.unit}"
    return _NUMBER.sub(lambda m: amount(Decimal(m.group())), value.text)


def difference(value: Decimal | None, unit: str, places: int = 2) -> str:
    """The size of a difference in ``unit``: '0.03万元', or '不足0.01万元' when it rounds to zero."""
    if value is None:
        return "—"
    shown = amount(abs(value), places)
    if Decimal(shown) == 0 and value != 0:
        return f"不足{Decimal(1).scaleb(-places):f}{unit}"
    return f"{shown}{unit}"


# Numbers that staff type before list items and headings: 1.  1、  1．  （1）  (1)  1）  一、  （一）  ①
_TYPED_NUMBER = re.compile(
    r"^\s*(?:\d{1,3}\s*[.、．](?!\d)|[（(]\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[）)]|\d{1,3}\s*[）)]"
    r"|[一二三四五六七八九十]{1,3}\s*、|[①-⑳])\s*"
)
_ENDS_SENTENCE = tuple("。！？；…”’」』!?")


def unnumbered(text: str | None) -> str:
    """``text`` without the number staff typed before it: '1.坚持…' → '坚持…' (the writer numbers)."""
    if not text:
        return ""
    stripped = _TYPED_NUMBER.sub("", str(text), count=1)
    return stripped if stripped.strip() else str(text)


def sentence(text: str | None) -> str:
    """Staff text as a sentence: a final '。' where its last paragraph has no closing punctuation."""
    if not text:
        return ""
    body = str(text).rstrip()
    if not body or body.endswith(_ENDS_SENTENCE):
        return body
    if body.endswith((".", "．")):
        return body[:-1] + "。"
    if body.endswith(("，", ",", "、", "：", ":", ";")):
        return body[:-1] + "。"
    return body + "。"


def join(items: Iterable[object]) -> str:
    """['甲', '乙', '丙'] → '甲、乙和丙' (as babel's zh_CN list patterns join them)."""
    words = [str(item) for item in items if str(item)]
    return f"{'、'.join(words[:-1])}和{words[-1]}" if len(words) > 1 else "".join(words)


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
