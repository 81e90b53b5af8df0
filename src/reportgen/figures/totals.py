"""The total (docs/domain.md §1.5): 一级指标 groups, the weights, the total, its cap and precision.

Scores are added exactly and rounded once, at the total. 不适用 indicators are left out and
the total rescaled over the applicable weights; so is a total whose weights do not add up to
100 when the data says the unit 折算 to 100 points. No total is computed while anything it
adds up is missing (a total is never invented).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from reportgen.data.model import Report
from reportgen.data.vocabulary import FULL_MARKS
from reportgen.figures.budget import BudgetFigures
from reportgen.figures.numbers import round_half_up
from reportgen.figures.profiles import Rules
from reportgen.figures.results import Adjustment, IndicatorResult


@dataclass(frozen=True)
class GroupFigures:
    """一级指标 group: declared weight, weights and scores of its indicators."""

    level1: str
    declared_weight: Decimal | None
    weight: Decimal
    score: Decimal | None


@dataclass(frozen=True)
class Total:
    """Raw total, total (rounded once), whether it was rescaled to 100, and the profile's cap."""

    raw: Decimal | None = None
    total: Decimal | None = None
    rescaled: bool = False
    cap: Adjustment | None = None


def full_marks(weight: Decimal | None) -> bool:
    """Whether weights add up to the 100-point scale, to the cent: a float residue that a
    workbook carries (49.99999999999999) is not a weight that falls short."""
    return weight is not None and round_half_up(weight) == FULL_MARKS


def groups(report: Report, results: tuple[IndicatorResult, ...]) -> tuple[GroupFigures, ...]:
    """One group per 一级指标, in the order the indicators first name them."""
    order: list[str] = []
    for result in results:
        if result.level1 not in order:
            order.append(result.level1)
    declared = report.scoring.group_weights
    found = []
    for level1 in order:
        members = [r for r in results if r.level1 == level1]
        pending = any(r.pending for r in members)
        score = None if pending else round_half_up(sum((r.exact or Decimal(0) for r in members), Decimal(0)))
        found.append(GroupFigures(level1, declared.get(level1), sum((r.weight for r in members), Decimal(0)), score))
    return tuple(found)


def total_weight(budget: BudgetFigures, results: tuple[IndicatorResult, ...]) -> Decimal | None:
    """预算执行率分值 + every indicator's 分值 (不适用 ones too); None while a weight is missing."""
    if not results or any(r.indicator.weight is None for r in results):
        return None
    return budget.weight + sum((r.weight for r in results), Decimal(0))


def total(budget: BudgetFigures, results: tuple[IndicatorResult, ...], weight: Decimal | None, rules: Rules) -> Total:
    """The total of a fully scored report, rescaled and capped as the rules say.

    Weights that simply fall short of 100 are never rescaled away: validation refuses them
    (the rule ``weights_total`` in :mod:`reportgen.figures.checks.indicators`).
    """
    if not results or weight is None or budget.score is None or any(r.pending for r in results):
        return Total()
    applicable = budget.weight + sum((r.weight for r in results if r.applicable), Decimal(0))
    raw = budget.score + sum((r.exact or Decimal(0) for r in results), Decimal(0))
    rescaled = applicable > 0 and (
        any(not r.applicable for r in results) or (rules.scale_to_100 and not full_marks(weight))
    )
    rounded = round_half_up(raw / applicable * 100 if rescaled else raw)
    cap = rules.cap_for(budget.rate)
    if cap is not None and rounded > cap.max_total:
        taken = rounded - cap.max_total
        return Total(
            raw,
            cap.max_total,
            rescaled,
            Adjustment(
                taken,
                f"预算执行率{budget.rate}%低于{cap.below.normalize():f}%，总分最高{cap.max_total.normalize():f}分",
            ),
        )
    return Total(round_half_up(raw), rounded, rescaled)


def score_places(budget: BudgetFigures, results: tuple[IndicatorResult, ...], total: Decimal | None) -> int:
    """0 when every score printed is a whole number, else 2: one precision for all scores."""
    values = [budget.score, total, *(r.score for r in results)]
    return 0 if all(v is None or v == v.to_integral_value() for v in values) else 2


__all__ = ["GroupFigures", "Total", "groups", "score_places", "total", "total_weight"]
