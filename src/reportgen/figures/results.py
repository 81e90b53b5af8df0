"""The result of scoring one indicator (docs/domain.md §1.5, §1.7), and the flags read from it.

Templates and checks read these flags rather than re-deriving the rules: which clause an
indicator's sentence prints (:attr:`IndicatorResult.outcome`), whether a 偏差原因分析 is owed
(:attr:`IndicatorResult.needs_deviation`), which 【待补充】 a draft shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from reportgen.data.model import Indicator
from reportgen.data.values import Op


class Status(StrEnum):
    """How an indicator ended up."""

    MET = "met"  # 完成
    OVER = "over"  # 超额完成 beyond the over-achievement threshold
    UNMET = "unmet"  # 未完成
    QUALITATIVE = "qualitative"  # graded 达成/部分达成/未达成
    UNSCORED = "unscored"  # nothing to compute and no score given
    PENDING = "pending"  # 尚未填写: actual value or weight still missing (a draft)
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


class Outcome(StrEnum):
    """How a measured result stands against its target: the clause its sentence prints."""

    WITHIN_LIMIT = "within_limit"  # reverse: 控制在指标值以内
    OVER_LIMIT = "over_limit"  # reverse: 超出指标值
    BELOW_RANGE = "below_range"  # range: 低于指标值下限
    ABOVE_RANGE = "above_range"  # range: 超过指标值上限
    IN_RANGE = "in_range"  # range: 在指标值范围内
    ABOVE_TARGET = "above_target"  # 超额完成
    MET_EXACTLY = "met_exactly"  # 达到指标值
    BELOW_TARGET = "below_target"  # 未完成


@dataclass(frozen=True)
class Adjustment:
    """Points a profile's rule took from a score or capped off a total, and why."""

    points: Decimal
    reason: str


def weight_of(ind: Indicator) -> Decimal:
    """An indicator's 分值, 0 while a draft still lacks it (such an indicator is not scored)."""
    return ind.weight if ind.weight is not None else Decimal(0)


@dataclass(frozen=True)
class IndicatorResult:
    """The score of one indicator and how it came about."""

    index: int
    indicator: Indicator
    status: Status
    computed: Decimal | None = None  # the rule's score, rounded for print
    score: Decimal | None = None  # the score used (given, else computed), rounded for print
    ratio: Decimal | None = None  # completion in %, B/A (A/B for reverse indicators)
    actual: Decimal | None = None  # B as used, in the target's unit
    grade: str | None = None
    notes: tuple[Note, ...] = field(default=())
    exact: Decimal | None = None  # the score used, unrounded: what the total adds up
    adjustments: tuple[Adjustment, ...] = field(default=())

    @property
    def level1(self) -> str:
        return self.indicator.level1

    @property
    def weight(self) -> Decimal:
        """分值 (0 while it is still missing in a draft)."""
        return weight_of(self.indicator)

    @property
    def applicable(self) -> bool:
        return self.status is not Status.NOT_APPLICABLE

    @property
    def pending(self) -> bool:
        return self.status is Status.PENDING

    @property
    def weight_missing(self) -> bool:
        """An applicable indicator whose 分值 is still missing (a draft's 【待补充：分值】)."""
        return self.indicator.weight is None and self.applicable

    @property
    def actual_missing(self) -> bool:
        """Not scored yet because the actual value is still missing (a draft's 【待补充：实际完成值】)."""
        return self.pending and self.indicator.actual is None

    @property
    def exact_actual(self) -> bool:
        """Whether the actual value is a measurement (not a bound such as “>90%” or a range)."""
        return Note.ACTUAL_NOT_EXACT not in self.notes

    @property
    def reverse(self) -> bool:
        """Whether smaller is better (≤, <, or a reverse direction given for the indicator)."""
        return is_reverse(self.indicator)

    @property
    def measured(self) -> bool:
        """Whether the score was computed from a measured actual value (a quantitative indicator)."""
        return self.computed is not None and self.actual is not None

    @property
    def over_achieved(self) -> bool:
        """超额完成 beyond the over-achievement threshold: the target may have been set too low."""
        return self.status is Status.OVER

    @property
    def below_weight(self) -> bool:
        """The score used falls short of the 分值."""
        return self.score is not None and self.score < self.weight

    @property
    def needs_deviation(self) -> bool:
        """Whether the report owes a 偏差原因分析 for this indicator (over-achieved or short of its weight);
        the same flag decides the template's placeholder and the checks' warning."""
        return self.over_achieved or self.below_weight

    @property
    def outcome(self) -> Outcome | None:
        """How a measured result stands against its target; None unless :attr:`measured`."""
        if not self.measured:
            return None
        if self.reverse:
            return Outcome.WITHIN_LIMIT if self.status is Status.MET else Outcome.OVER_LIMIT
        gap, target = self.gap, self.indicator.target
        assert gap is not None and self.actual is not None
        if target.op is Op.RANGE:
            if gap < 0:
                return Outcome.BELOW_RANGE
            return Outcome.ABOVE_RANGE if self.actual > (target.upper or 0) else Outcome.IN_RANGE
        if gap > 0:
            return Outcome.ABOVE_TARGET
        return Outcome.MET_EXACTLY if gap == 0 else Outcome.BELOW_TARGET

    @property
    def gap(self) -> Decimal | None:
        """B − A (or B − upper bound for ranges above it) in the target's unit."""
        target = self.indicator.target
        if self.actual is None or target.value is None:
            return None
        bound = target.upper if target.op is Op.RANGE and self.actual > (target.upper or 0) else target.value
        return self.actual - (bound or Decimal(0))


def is_reverse(ind: Indicator) -> bool:
    """Smaller is better: the indicator's own direction, else its target's (≤, <)."""
    return (ind.direction or ind.target.direction) == "reverse"


__all__ = ["Adjustment", "IndicatorResult", "Note", "Outcome", "Status", "is_reverse"]
