"""年度资金 (docs/domain.md §1.4, §1.5): amounts in the report unit, 预算执行率 and its score.

The rate is computed on 全年预算数 from the rounded amounts, so a reader who recomputes it
from the printed figures gets the printed rate; its score is capped at 100 %.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from reportgen.data.labels import label_for
from reportgen.data.model import Budget
from reportgen.data.vocabulary import BASIC_LABELS, NATURE_LABELS, SOURCE_KEYS
from reportgen.figures.numbers import percent
from reportgen.figures.shares import Breakdown, Part, breakdown, derive_nature

SOURCE_LABELS = {key: label_for(("budget", "by_source", key)) for key in SOURCE_KEYS}

Money = Callable[[Decimal | None], Decimal | None]


@dataclass(frozen=True)
class BudgetFigures:
    """年度资金 in the report unit, the execution rate on 全年预算数, and its score."""

    initial: Decimal | None
    adjusted: Decimal | None
    executed: Decimal | None
    rate: Decimal | None
    weight: Decimal
    score: Decimal | None
    by_source: Breakdown
    by_nature: Breakdown
    basic_parts: Breakdown
    exact: tuple[Decimal | None, Decimal | None, Decimal | None] = (None, None, None)  # unrounded, same order

    @property
    def adjustment(self) -> Decimal | None:
        """全年预算数 − 年初预算数 (positive: raised during the year); see :func:`printed_difference`."""
        return printed_difference(self.adjusted, self.initial, self.exact[1], self.exact[0])

    @property
    def over_budget(self) -> Decimal | None:
        """执行数 − 预算数 when execution exceeds the budget, else None."""
        over = printed_difference(self.executed, self.adjusted, self.exact[2], self.exact[1])
        return over if over is not None and over > 0 else None

    @property
    def pending(self) -> bool:
        """True while 全年预算数 or 全年执行数 is still missing, so the rate cannot be computed."""
        return self.adjusted is None or self.executed is None

    def source(self, key: str) -> Decimal:
        part = self.by_source.get(key)
        return part.amount if part else Decimal(0)

    def nature(self, key: str) -> Part | None:
        return self.by_nature.get(key) or self.basic_parts.get(key)


def printed_difference(
    a: Decimal | None, b: Decimal | None, exact_a: Decimal | None, exact_b: Decimal | None
) -> Decimal | None:
    """``a − b`` of the printed (rounded) figures, so the text adds up as the reader checks it;
    the exact difference where rounding hides it (printed figures equal, amounts not), which
    the text then calls “不足0.01万元”. None when either figure is missing or both are equal."""
    if a is None or b is None:
        return None
    if a != b:
        return a - b
    if exact_a is not None and exact_b is not None and exact_a != exact_b:
        return exact_a - exact_b
    return Decimal(0)


def rate(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """``part`` as a percentage of ``whole``; None while either is missing."""
    return None if part is None or whole is None else percent(part, whole)


def budget_figures(budget: Budget, money: Money) -> BudgetFigures:
    """The budget's figures, amounts converted and rounded by ``money`` (without the exact ones)."""
    adjusted, executed = money(budget.adjusted), money(budget.executed)
    execution = rate(executed, adjusted)
    score = None
    if adjusted is not None and executed is not None:
        capped = min(execution, Decimal(100)) if execution is not None else Decimal(0)
        score = budget.weight * capped / 100
    sources: dict[str, Decimal] = {}
    if budget.by_source is not None:
        sources = {
            k: v for k, v in ((k, money(v)) for k, v in budget.by_source.model_dump().items() if v) if v is not None
        }
    given: dict[str, Decimal] = {}
    if budget.by_nature is not None:
        given = {k: m for k, v in budget.by_nature.model_dump().items() if (m := money(v)) is not None}
    nature, basic, notes = derive_nature(given, executed)
    return BudgetFigures(
        initial=money(budget.initial),
        adjusted=adjusted,
        executed=executed,
        rate=execution,
        weight=budget.weight,
        score=score,
        by_source=breakdown("全年预算数", adjusted, sources, SOURCE_LABELS),
        by_nature=breakdown("全年执行数", executed, nature, NATURE_LABELS, notes),
        basic_parts=breakdown("基本支出", nature.get("basic"), basic, BASIC_LABELS, notes),
    )


__all__ = ["SOURCE_LABELS", "BudgetFigures", "budget_figures", "printed_difference", "rate"]
