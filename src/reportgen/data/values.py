"""Parsing of 绩效指标 value expressions (年度指标值 / 实际完成值).

A value is table text (``≥90%``, ``400-500人``, ``良好``), a number, or a map
``{op, value, upper, unit, text}``. Text is read as follows:

* Full-width ASCII (``＞９０％``) becomes half-width; white space and a trailing ``。`` go.
* Exactly ``不适用``, ``/`` or ``／`` is not applicable; text without a digit is qualitative.
* Otherwise it must be one number, optionally with a comparison before it (``≥``, ``不低于``,
  ``不超过`` …) and/or after it (``以上``, ``以下``, ``以内``, ``内``), or a range ``400-500人``
  (``-`` ``~`` ``～`` ``至`` ``—`` ``到``). A label before the number is ignored (``参考率98%以上``,
  ``达到98%``); whatever trails the number is the unit (``件``, ``万元``, ``人次``, ``月`` …).
* Thousands separators (``1,620件``) are rejected with a hint, since a comma also separates
  several values in one cell. Negative values only in the map form or as a bare number.
* Chinese numerals (``三次``) are not numbers: such text is qualitative.
* ``万`` before a unit other than 元 multiplies: ``14万人`` is 140000 人, ``1.5万份`` 15000 份,
  ``14万`` 140000; ``14万元`` stays 14 万元 (money converts with :func:`convert_money`).
* Text that is not a target stays text (qualitative) with a :class:`ValueNote` the checks
  flag: a calculation (``1500元/人*86人``), a date (``2023年``, ``2023年12月``), an evaluation
  scale (``优良差``, also as ``{op: 定性, value: 优良差}``). A deadline (``12月底前完成``) is a
  qualitative 时效 target, noted too. Two targets in one cell (``参考率98%以上，优秀率90%以上``)
  count as the first, noted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from reportgen.data.value_forms import ValueNote, is_calculation, scale_grades, target_parts, time_note
from reportgen.support import limits


class Op(StrEnum):
    """How an indicator value compares: the comparison is part of the target."""

    EQ = "="
    GE = "≥"
    GT = ">"
    LE = "≤"
    LT = "<"
    RANGE = "range"
    QUALITATIVE = "qualitative"
    NOT_APPLICABLE = "n/a"


_QUANTITATIVE = frozenset({Op.EQ, Op.GE, Op.GT, Op.LE, Op.LT, Op.RANGE})


@dataclass(frozen=True)
class ValueExpr:
    """A parsed value: ``value`` is the lower bound for ranges, ``None`` when not numeric.

    ``note`` marks text that is not a plain target (:class:`ValueNote`); None for the rest.
    """

    op: Op
    value: Decimal | None
    upper: Decimal | None = None
    unit: str = ""
    text: str = ""
    note: ValueNote | None = None

    @property
    def is_quantitative(self) -> bool:
        """True for numeric values (=, ≥, >, ≤, <, range)."""
        return self.op in _QUANTITATIVE

    @property
    def direction(self) -> Literal["positive", "reverse"] | None:
        """``reverse`` when lower is better (≤, <), ``positive`` for other numeric values."""
        if self.op in (Op.LE, Op.LT):
            return "reverse"
        return "positive" if self.is_quantitative else None


class ValueParseError(ValueError):
    """A value expression that cannot be understood; ``message`` is Chinese and says the fix."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


_HINT = "请写成“≥90%”“400-500人”“500件”这样的形式，或写成定性描述（不含数字）"
_EMPTY = "不能为空：请填写指标值，如“≥90%”“500件”“良好”，不适用时写“不适用”"
_NOT_APPLICABLE = frozenset({"不适用", "/"})
_FOLD = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)} | {0x3000: " ", 0x2212: "-", 0x301C: "~"}


def _words(*groups: tuple[Op, str]) -> dict[str, Op]:
    return {word: op for op, words in groups for word in words.split()}


_PREFIX_OPS = _words(
    (Op.GE, ">= ≥ ≧ 不低于 不少于 不小于 至少"),
    (Op.GT, "> 高于 超过 大于 多于"),
    (Op.LE, "<= ≤ ≦ 不超过 不高于 不多于 不大于"),
    (Op.LT, "< 低于 少于 小于"),
    (Op.EQ, "="),
)
_SUFFIX_OPS = _words((Op.GE, "及以上 以上"), (Op.LE, "及以下 以下 以内 之内 内"))
_MAP_OPS = _words((Op.GE, ">= ≧"), (Op.LE, "<= ≦"), (Op.QUALITATIVE, "定性"), (Op.NOT_APPLICABLE, "不适用")) | {
    op.value: op for op in Op
}
_MAP_KEYS = ("op", "value", "upper", "unit", "text")


def _alternatives(words: Mapping[str, Op]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUM = r"\d+(?:\.\d+)?"
_SINGLE = re.compile(
    rf"(?P<label>\D*?)(?P<op>{_alternatives(_PREFIX_OPS)})?(?P<num>{_NUM})"
    rf"(?P<unit>[^\d.]*?)(?P<suffix>{_alternatives(_SUFFIX_OPS)})?"
)
_SEPARATORS = r"\-~至—–到"
_RANGE = re.compile(
    rf"(?P<label>\D*?)(?P<num>{_NUM})(?P<unit1>[^\d.{_SEPARATORS}]*)(?:[{_SEPARATORS}]|——)"
    rf"(?P<upper>{_NUM})(?P<unit2>[^\d.]*)"
)
_BAD_UNIT = re.compile(r"[<>=≥≤≧≦~±\-—–]")


def checked_number(number: Decimal) -> Decimal:
    """``number`` if it is within the bounds of :mod:`reportgen.support.limits`; else ValueParseError.

    Every Decimal of the data passes here (values and, through the model, amounts), so no
    later computation meets a number it cannot round.
    """
    if problem := limits.number_problem(number):
        raise ValueParseError(problem)
    return number


def _fail(text: str, why: str = "") -> ValueParseError:
    return ValueParseError(f"无法识别“{text}”：{why}{_HINT}")


def _parse_text(raw: str) -> ValueExpr:
    text = raw.strip()
    s = "".join(text.translate(_FOLD).split()).rstrip("。.;,、")
    if not s:
        raise ValueParseError(_EMPTY)
    if s in _NOT_APPLICABLE:
        return ValueExpr(Op.NOT_APPLICABLE, None, text=text)
    if not any(c.isdecimal() for c in s):
        return ValueExpr(Op.QUALITATIVE, None, text=text, note=ValueNote.SCALE if scale_grades(s) else None)
    if re.search(r"\d,\d{3}(?!\d)", s):
        raise _fail(text, "数字不要用千位分隔符，请去掉逗号（如“1620件”）；")
    if note := time_note(s) or (ValueNote.CALCULATION if is_calculation(s) else None):
        return ValueExpr(Op.QUALITATIVE, None, text=text, note=note)
    try:
        return _parse_number(s, text)
    except ValueParseError:
        if first := _first_of_several(text):
            return replace(first, text=text, note=ValueNote.TWO_TARGETS)
        raise


def _first_of_several(text: str) -> ValueExpr | None:
    """The first target of a cell holding several numeric targets, each one parsing alone."""
    parts = target_parts(text)
    if len(parts) < 2:
        return None
    try:
        parsed = [_parse_text(part) for part in parts]
    except ValueParseError:
        return None
    return parsed[0] if all(p.is_quantitative and p.note is None for p in parsed) else None


def _parse_number(s: str, text: str) -> ValueExpr:
    """One number or range, ``s`` folded, ``text`` as typed (for the messages and ``text``)."""
    high: Decimal | None = None
    if m := _SINGLE.fullmatch(s):
        op, (factor, unit) = _PREFIX_OPS.get(m["op"] or "", Op.EQ), _multiplier(m["unit"])
        if suffix := m["suffix"]:
            if op is Op.EQ:
                op = _SUFFIX_OPS[suffix]
            elif (op in (Op.LE, Op.LT)) != (_SUFFIX_OPS[suffix] is Op.LE):
                raise _fail(text, f"“{m['op']}”与“{suffix}”方向相反；")
    elif m := _RANGE.fullmatch(s):
        (factor, unit), (high_factor, high_unit) = (
            _multiplier(m["unit1"] or m["unit2"]),
            _multiplier(m["unit2"] or m["unit1"]),
        )
        if unit and high_unit and unit != high_unit:
            raise _fail(text, f"区间两端单位不同（“{m['unit1']}”与“{m['unit2']}”）；")
        op, unit = Op.RANGE, unit or high_unit
        high = _scaled(checked_number(Decimal(m["upper"])), high_factor)
    else:
        many = len(re.findall(_NUM, s)) > 1
        raise _fail(text, "含有多个数字，一个指标值只能是一个数值或一个区间，多项请拆成多个指标；" if many else "")
    if m["label"][-1:] in ("-", "—", "–", "±", "+"):
        raise _fail(text, "数字前的“-”“±”不能这样写，负数只能用 {op, value, unit} 映射形式；")
    if _BAD_UNIT.search(unit):
        raise _fail(text, f"单位“{unit}”中有比较符号或连接号；")
    low = _scaled(checked_number(Decimal(m["num"])), factor)
    if high is not None and low > high:
        raise ValueParseError(f"区间“{text}”的下限大于上限：请把小的数写在前面，如“400-500人”")
    return ValueExpr(op, low, high, unit, text)


def _multiplier(unit: str) -> tuple[int, str]:
    """``万`` before a unit other than 元 multiplies: 万人 → (10000, 人), 万 → (10000, ""); 万元 stays."""
    if unit.startswith("万") and not unit.startswith("万元"):
        return 10000, unit[1:]
    return 1, unit


def _scaled(number: Decimal, factor: int) -> Decimal:
    if factor == 1:
        return number
    scaled = number * factor
    return checked_number(scaled.quantize(Decimal(1)) if scaled == scaled.to_integral_value() else scaled.normalize())


def _to_decimal(raw: object, where: str) -> Decimal:
    if isinstance(raw, Decimal | int) and not isinstance(raw, bool):
        number = Decimal(raw)
    elif isinstance(raw, float):
        number = Decimal(str(raw))
    elif isinstance(raw, str) and re.fullmatch(rf"-?{_NUM}", text := raw.translate(_FOLD).strip()):
        number = Decimal(text)
    else:
        raise ValueParseError(f"{where}应为数字（如 90 或 524.31），不能是“{raw}”")
    if not number.is_finite():
        raise ValueParseError(f"{where}应为有限的数字，不能是“{raw}”")
    return checked_number(number)


def _map_text(raw: Mapping[object, object], key: str) -> str:
    item = raw.get(key)
    if item is not None and not isinstance(item, str):
        raise ValueParseError(f"{key} 应为文字，不能是“{item}”")
    return (item or "").strip()


def _parse_map(raw: Mapping[object, object]) -> ValueExpr:
    if unknown := [str(key) for key in raw if key not in _MAP_KEYS]:
        raise ValueParseError(f"未知的键“{unknown[0]}”：只能使用 op、value、upper、unit、text")
    op_raw, value, upper = raw.get("op", "="), raw.get("value"), raw.get("upper")
    op = _MAP_OPS.get(op_raw.translate(_FOLD).strip().lower()) if isinstance(op_raw, str) else None
    if op is None:
        raise ValueParseError(f"op“{op_raw}”无法识别：可用 =、≥、>、≤、<、range、qualitative、n/a")
    unit, text = _map_text(raw, "unit"), _map_text(raw, "text")
    if upper is not None and op is not Op.RANGE:
        raise ValueParseError(f"只有 op 为 range（区间）时才能写 upper，当前 op 为“{op_raw}”")
    if op not in _QUANTITATIVE:
        if unit:
            raise ValueParseError(f"定性或不适用的指标不能写 unit（当前为“{unit}”），请删去")
        if value is not None and not (op is Op.QUALITATIVE and isinstance(value, str)):
            raise ValueParseError("定性指标的 value 只能是文字（如“良好”），不适用的不写 value")
        text = text or (value if isinstance(value, str) else "").strip()
        if op is Op.NOT_APPLICABLE:
            return ValueExpr(op, None, text=text or "不适用")
        scale = scale_grades("".join(text.translate(_FOLD).split()))
        return ValueExpr(op, None, text=text, note=ValueNote.SCALE if scale else None)
    if value is None:
        raise ValueParseError(f"缺少 value：op 为“{op_raw}”时要写数值，如 {{op: ≥, value: 90}}")
    low, high = _to_decimal(value, "value "), None
    if op is Op.RANGE:
        if upper is None:
            raise ValueParseError("缺少 upper：区间要写上限，如 {op: range, value: 4, upper: 5}")
        high = _to_decimal(upper, "upper ")
        if high < low:
            raise ValueParseError(f"upper {high:f} 小于 value {low:f}：上限不能小于下限")
        sep = "～" if low < 0 or high < 0 else "-"
        text = text or f"{low:f}{sep}{high:f}{unit}"
    text = text or f"{'' if op is Op.EQ else op}{low:f}{unit}"
    factor, unit = _multiplier(unit)
    return ValueExpr(op, _scaled(low, factor), None if high is None else _scaled(high, factor), unit, text)


def parse_value(raw: object) -> ValueExpr:
    """Parse a target or actual value: text, a number, or a map ``{op, value, upper, unit}``.

    Numbers (int, Decimal, float via ``str``) are ``=`` without a unit and may be negative.
    Raises :class:`ValueParseError` with a Chinese message saying how to write it instead.
    """
    if raw is None:
        raise ValueParseError(_EMPTY)
    if isinstance(raw, str):
        return _parse_text(raw)
    if isinstance(raw, Mapping):
        return _parse_map(raw)
    if isinstance(raw, bool) or not isinstance(raw, int | float | Decimal):
        raise ValueParseError(f"无法识别“{raw}”：指标值应为文字、数字或 {{op, value, unit}} 映射")
    number = _to_decimal(raw, "指标值")
    return ValueExpr(Op.EQ, number, text=f"{number:f}")


_MONEY = {"元": Decimal(1), "万元": Decimal(10000)}


def units_compatible(a: str, b: str) -> bool:
    """Units can be compared: equal, 元 vs 万元, or either one empty."""
    return not a or not b or a == b or (a in _MONEY and b in _MONEY)


def convert_money(value: Decimal, from_unit: str, to_unit: str) -> Decimal:
    """Convert ``value`` between 元 and 万元 (exact Decimal ×/÷ 10000).

    Equal units, or an empty unit on either side, give ``value`` unchanged; any other pair of
    units (e.g. 件 to 万元) raises :class:`ValueError`: exactly when :func:`units_compatible`
    is false.
    """
    if not units_compatible(from_unit, to_unit):
        raise ValueError(f"单位“{from_unit}”与“{to_unit}”不能换算：只有元与万元之间可以换算")
    if from_unit == to_unit or not from_unit or not to_unit:
        return value
    return value * _MONEY[from_unit] / _MONEY[to_unit]
