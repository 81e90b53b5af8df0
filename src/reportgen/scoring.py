"""Indicator scores (domain.md §1.5, §1.7): one pure function per case.

Positive indicators (=, ≥, >) score full marks when the actual reaches the target and
``weight × B/A`` below it; reverse ones (≤, <) ``weight × A/B`` above it; ranges score full
inside, ``weight × B/L`` below. Qualitative indicators are graded 达成/部分达成/未达成
within the bands of the scoring rules. A given score is the one the total uses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from reportgen.model import Indicator, Scoring
from reportgen.numbers import percent, round_half_up
from reportgen.values import Op, ValueExpr, convert_money

COMPLETION_WORDS = frozenset({
    "完成", "已完成", "全部完成", "按时完成", "按期完成", "达成", "已达成", "达成预期指标",
    "达成年度指标", "达到", "已达到", "达到预期", "实现", "已实现", "是",
})


class Status(StrEnum):
    """How an indicator ended up."""

    MET = "met"  # 完成
    OVER = "over"  # 超额完成 beyond the over-achievement threshold
    UNMET = "unmet"  # 未完成
    QUALITATIVE = "qualitative"  # graded 达成/部分达成/未达成
    UNSCORED = "unscored"  # nothing to compute and no score given
    NOT_APPLICABLE = "n/a"  # 不适用


class Note(StrEnum):
    """Findings while scoring, turned into warnings by the checks."""

    ACTUAL_NOT_EXACT = "actual_not_exact"  # actual written as a bound or a range
    TEXT_ACTUAL = "text_actual"  # quantitative target, text actual such as 已完成
    GRADE_INFERRED = "grade_inferred"  # no score/grade; 达成 inferred from the text
    NO_SCORE = "no_score"  # qualitative without score or grade
    SCORE_DIFFERS = "score_differs"  # given score ≠ computed score
    SCORE_OUTSIDE_GRADE = "score_outside_grade"  # given score outside its grade's band
    ABOVE_RANGE = "above_range"  # actual above a range's upper bound


@dataclass(frozen=True)
class IndicatorResult:
    """The score of one indicator and how it came about."""

    index: int
    indicator: Indicator
    status: Status
    computed: Decimal | None = None
    score: Decimal | None = None
    ratio: Decimal | None = None  # completion in %, B/A (A/B for reverse indicators)
    actual: Decimal | None = None  # B as used, in the target's unit
    grade: str | None = None
    notes: tuple[Note, ...] = field(default=())

    @property
    def level1(self) -> str:
        return self.indicator.level1

    @property
    def weight(self) -> Decimal:
        return self.indicator.weight

    @property
    def applicable(self) -> bool:
        return self.status is not Status.NOT_APPLICABLE

    @property
    def gap(self) -> Decimal | None:
        """B − A (or B − upper bound for ranges above it) in the target's unit."""
        target = self.indicator.target
        if self.actual is None or target.value is None:
            return None
        bound = target.upper if target.op is Op.RANGE and self.actual > (target.upper or 0) else target.value
        return self.actual - (bound or Decimal(0))


def score_indicator(index: int, ind: Indicator, rules: Scoring) -> IndicatorResult:
    """Score one indicator; the given score (if any) is the one used."""
    if not ind.applicable or ind.target.op is Op.NOT_APPLICABLE:
        return IndicatorResult(index, ind, Status.NOT_APPLICABLE)
    actual = ind.actual
    if actual is not None and ind.target.is_quantitative and actual.is_quantitative:
        result = _quantitative(index, ind, actual, rules)
    else:
        result = _qualitative(index, ind, rules)
    return _with_given_score(result, rules)


def _measured(target: ValueExpr, actual: ValueExpr, reverse: bool) -> tuple[Decimal, bool]:
    """B in the target's unit, and whether it was exact (not a bound or a range)."""
    value = actual.upper if reverse and actual.op is Op.RANGE and actual.upper is not None else actual.value
    assert value is not None
    if target.unit != actual.unit and {target.unit, actual.unit} <= {"元", "万元"}:
        value = convert_money(value, actual.unit, target.unit)
    return value, actual.op is Op.EQ


def _quantitative(index: int, ind: Indicator, actual: ValueExpr, rules: Scoring) -> IndicatorResult:
    target, weight = ind.target, ind.weight
    reverse = (ind.direction or target.direction) == "reverse"
    b, exact = _measured(target, actual, reverse)
    notes: tuple[Note, ...] = () if exact else (Note.ACTUAL_NOT_EXACT,)
    a = target.value
    assert a is not None
    if reverse:
        met = b <= a
        fraction = Decimal(1) if met else (a / b if b else Decimal(0))
        ratio = percent(a, b) if b else None
        status = Status.MET if met else Status.UNMET
    else:
        low = a
        met = b >= low
        fraction = Decimal(1) if met else (b / low if low else Decimal(1))
        ratio = percent(b, low)
        status = Status.MET if met else Status.UNMET
        ceiling = target.upper if target.op is Op.RANGE else low
        if met and ceiling and b > ceiling * (rules.over_threshold if target.op is not Op.RANGE else 1):
            status = Status.OVER
            if target.op is Op.RANGE:
                notes += (Note.ABOVE_RANGE,)
    computed = round_half_up(weight * fraction)
    return IndicatorResult(index, ind, status, computed, computed, ratio, b, None, notes)


def _band_default(grade: str, weight: Decimal, rules: Scoring) -> Decimal:
    high, low = rules.qualitative_bands
    share = {"达成": Decimal(1), "部分达成": (high + low) / 2, "未达成": low / 2}[grade]
    return round_half_up(weight * share)


def grade_of_score(score: Decimal, weight: Decimal, rules: Scoring) -> str:
    high, low = rules.qualitative_bands
    if weight == 0 or score >= weight * high:
        return "达成"
    return "部分达成" if score >= weight * low else "未达成"


def _qualitative(index: int, ind: Indicator, rules: Scoring) -> IndicatorResult:
    notes: tuple[Note, ...] = ()
    if ind.target.is_quantitative:
        notes += (Note.TEXT_ACTUAL,)
    grade = ind.grade
    if grade is None and ind.score is None:
        actual_text = "".join((ind.actual.text if ind.actual else "").split())
        if actual_text in COMPLETION_WORDS or actual_text == "".join(ind.target.text.split()):
            grade, notes = "达成", (*notes, Note.GRADE_INFERRED)
        else:
            return IndicatorResult(index, ind, Status.UNSCORED, notes=(*notes, Note.NO_SCORE))
    computed = _band_default(grade, ind.weight, rules) if grade else None
    return IndicatorResult(index, ind, Status.QUALITATIVE, None, computed, None, None, grade, notes)


def _with_given_score(result: IndicatorResult, rules: Scoring) -> IndicatorResult:
    ind = result.indicator
    if ind.score is None:
        return result
    notes, grade, status = result.notes, result.grade, result.status
    if status in (Status.QUALITATIVE, Status.UNSCORED):
        banded = grade_of_score(ind.score, ind.weight, rules)
        if ind.grade is not None and banded != ind.grade:
            notes += (Note.SCORE_OUTSIDE_GRADE,)
        grade, status = ind.grade or banded, Status.QUALITATIVE
        notes = tuple(n for n in notes if n not in (Note.NO_SCORE, Note.GRADE_INFERRED))
    elif result.computed is not None and ind.score != result.computed:
        notes += (Note.SCORE_DIFFERS,)
    return IndicatorResult(result.index, ind, status, result.computed, ind.score, result.ratio,
                           result.actual, grade, notes)


__all__ = ["IndicatorResult", "Note", "Status", "grade_of_score", "score_indicator"]
