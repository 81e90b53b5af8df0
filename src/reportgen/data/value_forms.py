"""Forms of 指标值 text found in real target tables that look like values but are not targets.

A cell may hold a calculation (``1500元/人*86人``, a 测算 of the cost), a point in time
(``2023年``, ``2023年12月``) or a deadline (``12月底前``), an evaluation scale (``优良差``,
``好坏``) or two targets (``参考率98%以上，优秀率90%以上``). The parser
(:mod:`reportgen.data.values`) keeps such text as typed and marks it with a :class:`ValueNote`;
the checks (``reportgen.figures.checks``) say what to write instead. The functions here read
text only: they never raise, and they take text already folded to half-width without spaces.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum


class ValueNote(StrEnum):
    """Why a value is not a plain target (machine words: the checks and tests name them)."""

    CALCULATION = "calculation"  # a 测算 such as 1500元/人*86人: text, flagged
    DATE = "date"  # a point in time such as 2023年 or 2023年12月: text, flagged
    DEADLINE = "deadline"  # a 时效 target such as 12月底前完成: text, a proper target
    SCALE = "scale"  # an evaluation scale such as 优良差: text, flagged
    TWO_TARGETS = "two_targets"  # several targets in one cell: the first counts, flagged


_NUM = r"\d+(?:\.\d+)?"
_ARITHMETIC = re.compile(rf"{_NUM}[^\d]*?[*×✕÷+][^\d]*?{_NUM}|{_NUM}[^\d]*?(?<![a-zA-Z])[xX](?=\d)")


def is_calculation(s: str) -> bool:
    """Two numbers joined by ``*`` ``×`` ``x`` ``÷`` or ``+``: how an amount was worked out."""
    return bool(_ARITHMETIC.search(s))


_PRODUCT = re.compile(
    rf"\D*?(?P<price>{_NUM})(?P<money>万元|元)/(?P<per>[^\d*×✕xX]+?)[*×✕xX](?P<count>{_NUM})(?P<unit>\D*)"
)


def calculation_examples(s: str) -> tuple[str, str] | None:
    """For a 单价 × 数量 calculation, the target it counts and the cost it gives.

    ``1500元/人*86人`` → ``("86人", "≤12.9万元")``; None for any other calculation.
    """
    m = _PRODUCT.fullmatch(s)
    if m is None or (m["unit"] and not m["unit"].endswith(m["per"])):
        return None
    count = Decimal(m["count"])
    total = Decimal(m["price"]) * count * (10000 if m["money"] == "万元" else 1)
    cost = f"{_plain(total / 10000)}万元" if total >= 10000 else f"{_plain(total)}元"
    return f"{_plain(count)}{m['unit'] or m['per']}", f"≤{cost}"


def _plain(number: Decimal) -> str:
    rounded = number.quantize(Decimal("0.01"), ROUND_HALF_UP).normalize()
    return f"{rounded:f}"


_YEAR = r"(?:19|20)\d{2}"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_DATE = re.compile(
    rf"(?P<before>\D*?)(?:{_YEAR}年度?(?:{_MONTH}月份?(?:{_DAY}[日号])?)?"
    rf"|{_MONTH}月份?{_DAY}[日号]"
    rf"|{_MONTH}月份?(?=底|末|初|上旬|中旬|下旬|前|之前|以前|止))"
    rf"(?P<after>\D*)"
)
_NUMERIC_DATE = re.compile(
    rf"(?P<before>\D*?){_YEAR}[-/]{_MONTH}(?:[-/]{_DAY})?(?P<after>[日号]?(?:前|之前|以前|止)?(?:完成)?)"
)
_DEADLINE_WORDS = re.compile(r"前|止|截至|截止|内|完成|完工|竣工|办结|结束|到位|≤|<|不晚于|不迟于")


def time_note(s: str) -> ValueNote | None:
    """DEADLINE for a time by which something is due, DATE for a bare point in time, else None.

    A year is four digits before 年 (``2023年``, ``2023年度``); a month alone (``12月``) stays
    a number of months unless a part of the month or a deadline word follows (``12月底``,
    ``12月前``). ``3年`` and ``12个月`` are durations, not dates.
    """
    m = _DATE.fullmatch(s) or _NUMERIC_DATE.fullmatch(s)
    if m is None:
        return None
    return ValueNote.DEADLINE if _DEADLINE_WORDS.search(m["before"] + m["after"]) else ValueNote.DATE


_LOW_GRADES = frozenset({"不合格", "不及格", "不满意", "较差", "差", "坏", "低"})
_GRADES = (
    *_LOW_GRADES,
    "基本满意",
    "非常满意",
    "较满意",
    "满意",
    "优秀",
    "良好",
    "较好",
    "一般",
    "合格",
    "及格",
    "优",
    "良",
    "中",
    "好",
    "高",
)
_GRADE = "|".join(sorted(_GRADES, key=len, reverse=True))
_SCALE = re.compile(rf"(?:{_GRADE})(?:[/、,;|\-—]?(?:{_GRADE}))+")


def scale_grades(s: str) -> tuple[str, ...]:
    """The grades of an evaluation scale (``优良差`` → 优, 良, 差), or () for any other text.

    A scale is two or more grades, one of them a low one (差, 坏, 不合格 …): ``优良`` and
    ``良好`` are targets, ``好坏`` is not.
    """
    if not _SCALE.fullmatch(s):
        return ()
    grades = tuple(re.findall(_GRADE, s))
    return grades if _LOW_GRADES.intersection(grades) else ()


_TARGET_SEPARATORS = re.compile(r"[，,；;]")


def target_parts(text: str) -> tuple[str, ...]:
    """The pieces of a cell between commas and semicolons, as typed (empty pieces dropped)."""
    return tuple(part.strip() for part in _TARGET_SEPARATORS.split(text) if part.strip())


__all__ = ["ValueNote", "calculation_examples", "is_calculation", "scale_grades", "target_parts", "time_note"]
