"""Figures and scores (domain.md §1.4–§1.7): pure functions, Decimal, half-up.

Amounts are converted once from ``money_unit`` to the report unit and rounded to two
decimals; every percentage is then computed from the rounded amounts, so a reader who
recomputes a share from the printed figures gets the printed share.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from reportgen.labels import label_for
from reportgen.model import Budget, Report
from reportgen.numbers import percent, round_half_up, shares
from reportgen.scoring import IndicatorResult, score_indicator
from reportgen.values import convert_money

SOURCE_LABELS = {
    key: label_for(("budget", "by_source", key))
    for key in ("general_public", "government_fund", "state_capital", "social_insurance", "special_account",
                "carryover", "other")
}
NATURE_LABELS = {"basic": "基本支出", "project": "项目支出"}
BASIC_LABELS = {"personnel": "人员经费", "public_use": "公用经费"}


@dataclass(frozen=True)
class Part:
    """One part of a whole: amount in the report unit and its share (%) of the parts' sum."""

    key: str
    label: str
    amount: Decimal
    share: Decimal | None


@dataclass(frozen=True)
class BudgetFigures:
    """年度资金 in the report unit, the execution rate on 全年预算数, and its score."""

    initial: Decimal
    adjusted: Decimal
    executed: Decimal
    rate: Decimal | None
    weight: Decimal
    score: Decimal
    by_source: tuple[Part, ...]
    by_nature: tuple[Part, ...]
    basic_parts: tuple[Part, ...]

    @property
    def adjustment(self) -> Decimal:
        """全年预算数 − 年初预算数 (positive: raised during the year)."""
        return self.adjusted - self.initial

    def source(self, key: str) -> Decimal:
        return next((part.amount for part in self.by_source if part.key == key), Decimal(0))

    def nature(self, key: str) -> Part | None:
        return next((part for part in (*self.by_nature, *self.basic_parts) if part.key == key), None)


@dataclass(frozen=True)
class ProjectFigures:
    """项目支出明细的一行: amounts in the report unit and 执行率."""

    name: str
    budget: Decimal
    executed: Decimal
    rate: Decimal | None
    source: str | None
    note: str | None


@dataclass(frozen=True)
class GroupFigures:
    """一级指标 group: declared weight, weights and scores of its indicators."""

    level1: str
    declared_weight: Decimal | None
    weight: Decimal
    score: Decimal


@dataclass(frozen=True)
class Figures:
    """Every derived figure of a report."""

    unit: str
    budget: BudgetFigures
    projects: tuple[ProjectFigures, ...]
    indicators: tuple[IndicatorResult, ...]
    groups: tuple[GroupFigures, ...]
    total_weight: Decimal
    raw_total: Decimal
    total: Decimal
    rescaled: bool
    grade: str

    @property
    def projects_budget(self) -> Decimal:
        return sum((p.budget for p in self.projects), Decimal(0))

    @property
    def projects_executed(self) -> Decimal:
        return sum((p.executed for p in self.projects), Decimal(0))


def grade_of(total: Decimal) -> str:
    """优 ≥ 90, 80 ≤ 良 < 90, 60 ≤ 中 < 80, 差 < 60 (domain.md §1.6)."""
    if total >= 90:
        return "优"
    if total >= 80:
        return "良"
    return "中" if total >= 60 else "差"


def compute(report: Report, unit: str = "万元") -> Figures:
    """All figures of ``report`` with amounts shown in ``unit`` (元 or 万元)."""

    def money(value: Decimal) -> Decimal:
        return round_half_up(convert_money(value, report.money_unit, unit))

    budget = _budget(report.budget, money)
    projects = tuple(
        ProjectFigures(p.name, money(p.budget), money(p.executed),
                       percent(money(p.executed), money(p.budget)), p.source, p.note)
        for p in report.projects
    )
    results = tuple(
        score_indicator(i, ind, report.scoring) for i, ind in enumerate(report.indicators)
    )
    groups = _groups(report, results)
    applicable_weight = budget.weight + sum((r.weight for r in results if r.applicable), Decimal(0))
    total_weight = budget.weight + sum((r.weight for r in results), Decimal(0))
    raw_total = budget.score + sum((r.score or Decimal(0) for r in results), Decimal(0))
    rescaled = any(not r.applicable for r in results) and applicable_weight > 0
    total = round_half_up(raw_total / applicable_weight * 100) if rescaled else raw_total
    return Figures(unit, budget, projects, results, groups, total_weight, raw_total, total,
                   rescaled, grade_of(total))


def _parts(values: dict[str, Decimal], labels: dict[str, str]) -> tuple[Part, ...]:
    keys = [key for key in labels if key in values]
    computed = shares([values[key] for key in keys])
    split: list[Decimal | None] = list(computed) if computed is not None else [None] * len(keys)
    return tuple(Part(key, labels[key], values[key], share) for key, share in zip(keys, split, strict=True))


def _budget(budget: Budget, money: Callable[[Decimal], Decimal]) -> BudgetFigures:
    adjusted, executed = money(budget.adjusted), money(budget.executed)
    rate = percent(executed, adjusted)
    capped = min(rate, Decimal(100)) if rate is not None else Decimal(0)
    score = round_half_up(budget.weight * capped / 100)
    sources: dict[str, Decimal] = {}
    if budget.by_source is not None:
        sources = {k: money(v) for k, v in budget.by_source.model_dump().items() if v}
    nature: dict[str, Decimal] = {}
    basic: dict[str, Decimal] = {}
    if budget.by_nature is not None:
        given = {k: money(v) for k, v in budget.by_nature.model_dump().items() if v is not None}
        nature = {k: v for k, v in given.items() if k in NATURE_LABELS}
        basic = {k: v for k, v in given.items() if k in BASIC_LABELS}
    return BudgetFigures(
        initial=money(budget.initial), adjusted=adjusted, executed=executed, rate=rate,
        weight=budget.weight, score=score,
        by_source=_parts(sources, SOURCE_LABELS),
        by_nature=_parts(nature, NATURE_LABELS),
        basic_parts=_parts(basic, BASIC_LABELS),
    )


def _groups(report: Report, results: tuple[IndicatorResult, ...]) -> tuple[GroupFigures, ...]:
    order: list[str] = []
    for result in results:
        if result.level1 not in order:
            order.append(result.level1)
    declared = report.scoring.group_weights
    return tuple(
        GroupFigures(
            level1,
            declared.get(level1),
            sum((r.weight for r in results if r.level1 == level1), Decimal(0)),
            sum((r.score or Decimal(0) for r in results if r.level1 == level1), Decimal(0)),
        )
        for level1 in order
    )


__all__ = ["BudgetFigures", "Figures", "GroupFigures", "Part", "ProjectFigures", "compute", "grade_of"]
