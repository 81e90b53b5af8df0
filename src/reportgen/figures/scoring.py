"""Indicator scores (docs/domain.md §1.5, §1.7): one pure function per case.

Positive indicators (=, ≥, >) score full marks when the actual reaches the target and
``weight × B/A`` below it; reverse ones (≤, <) ``weight × A/B`` above it; ranges score full
inside, ``weight × B/L`` below. Qualitative indicators are graded 达成/部分达成/未达成
within the bands of the scoring rules. A given score is the one the total uses.

An indicator without its actual value (or without its weight) is not scored yet
(:attr:`Status.PENDING`): a draft shows 【待补充】 in its place and no total is computed.
Scores are kept exact for the total (rounded once, at the total); the printed score of an
indicator is rounded half-up to two decimals. A scoring profile's rules (a deduction for
results far above their target) are applied here and recorded as :class:`Adjustment`.
"""

from __future__ import annotations

from decimal import Decimal

from reportgen.data.model import Indicator
from reportgen.data.values import Op, ValueExpr, convert_money
from reportgen.data.vocabulary import ACHIEVED, COMPLETION_WORDS, NOT_ACHIEVED, PARTLY_ACHIEVED
from reportgen.figures.numbers import percent, round_half_up
from reportgen.figures.profiles import Rules
from reportgen.figures.results import Adjustment, IndicatorResult, Note, Status, is_reverse, weight_of


def score_indicator(index: int, ind: Indicator, rules: Rules) -> IndicatorResult:
    """Score one indicator; the given score (if any) is the one used."""
    if not ind.applicable or ind.target.op is Op.NOT_APPLICABLE:
        return IndicatorResult(index, ind, Status.NOT_APPLICABLE)
    actual = ind.actual
    if ind.weight is None or (actual is None and ind.score is None and ind.grade is None):
        return IndicatorResult(index, ind, Status.PENDING)
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


def _quantitative(index: int, ind: Indicator, actual: ValueExpr, rules: Rules) -> IndicatorResult:
    target, weight = ind.target, ind.weight
    assert weight is not None
    reverse = is_reverse(ind)
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
    adjustments = _over_achievement(ind, b, reverse, rules)
    points = max(weight * fraction - sum((a.points for a in adjustments), Decimal(0)), Decimal(0))
    computed = round_half_up(points)
    return IndicatorResult(index, ind, status, computed, computed, ratio, b, None, notes, points, adjustments)


def _over_achievement(ind: Indicator, b: Decimal, reverse: bool, rules: Rules) -> tuple[Adjustment, ...]:
    """The profile's deduction for a result far above its target (positive indicators and ranges)."""
    rule, target = rules.profile.over_achievement, ind.target
    bound = target.upper if target.op is Op.RANGE else target.value
    if rule is None or reverse or not bound or b < bound * rule.at_least or not rule.deduct:
        return ()
    above = round_half_up((rule.at_least - 1) * 100, Decimal(1))
    return (Adjustment(rule.deduct, f"实际完成值高于年度指标值{above}%及以上，扣{_points(rule.deduct)}分"),)


def _points(value: Decimal) -> str:
    return f"{round_half_up(value).normalize():f}"


def _band_default(grade: str, weight: Decimal, rules: Rules) -> Decimal:
    high, low = rules.qualitative_bands
    share = {ACHIEVED: Decimal(1), PARTLY_ACHIEVED: (high + low) / 2, NOT_ACHIEVED: low / 2}[grade]
    return round_half_up(weight * share)


def grade_of_score(score: Decimal, weight: Decimal, rules: Rules) -> str:
    high, low = rules.qualitative_bands
    if weight == 0 or score >= weight * high:
        return ACHIEVED
    return PARTLY_ACHIEVED if score >= weight * low else NOT_ACHIEVED


def _qualitative(index: int, ind: Indicator, rules: Rules) -> IndicatorResult:
    notes: tuple[Note, ...] = ()
    if ind.target.is_quantitative:
        notes += (Note.TEXT_ACTUAL,)
    grade = ind.grade
    if grade is None and ind.score is None:
        actual_text = "".join((ind.actual.text if ind.actual else "").split())
        if actual_text in COMPLETION_WORDS or actual_text == "".join(ind.target.text.split()):
            grade, notes = ACHIEVED, (*notes, Note.GRADE_INFERRED)
        else:
            return IndicatorResult(index, ind, Status.UNSCORED, notes=(*notes, Note.NO_SCORE))
    computed = _band_default(grade, weight_of(ind), rules) if grade else None
    return IndicatorResult(index, ind, Status.QUALITATIVE, None, computed, None, None, grade, notes, computed)


def _with_given_score(result: IndicatorResult, rules: Rules) -> IndicatorResult:
    ind = result.indicator
    if ind.score is None:
        return result
    notes, grade, status = result.notes, result.grade, result.status
    if status in (Status.QUALITATIVE, Status.UNSCORED):
        banded = grade_of_score(ind.score, weight_of(ind), rules)
        if ind.grade is not None and banded != ind.grade:
            notes += (Note.SCORE_OUTSIDE_GRADE,)
        grade, status = ind.grade or banded, Status.QUALITATIVE
        notes = tuple(n for n in notes if n not in (Note.NO_SCORE, Note.GRADE_INFERRED))
    elif result.computed is not None and ind.score != result.computed:
        notes += (Note.SCORE_DIFFERS,)
    return IndicatorResult(
        result.index,
        ind,
        status,
        result.computed,
        ind.score,
        result.ratio,
        result.actual,
        grade,
        notes,
        ind.score,
        result.adjustments,
    )


__all__ = ["Status", "grade_of_score", "score_indicator"]  # Status: features.batch reads it from here
