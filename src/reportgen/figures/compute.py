"""Figures and scores (docs/domain.md §1.4–§1.7): pure functions, Decimal, half-up.

Amounts are converted once from ``money_unit`` to the report unit and rounded to two
decimals; every percentage is then computed from the rounded amounts, so a reader who
recomputes a share from the printed figures gets the printed share. The budget's figures
live in :mod:`reportgen.figures.budget`, shares of a whole in :mod:`reportgen.figures.shares`,
indicator scores in :mod:`reportgen.figures.scoring` and the total in
:mod:`reportgen.figures.totals`; this module wires them into one :class:`Figures`.

Figures missing from a draft stay ``None``: no rate, score, total or grade is computed from
them (a total is never invented).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from reportgen.data.model import Report
from reportgen.data.values import convert_money
from reportgen.data.vocabulary import grade_of
from reportgen.figures.budget import BudgetFigures, budget_figures, rate
from reportgen.figures.numbers import round_half_up
from reportgen.figures.profiles import Profile, Rules, rules_for
from reportgen.figures.results import Adjustment, IndicatorResult
from reportgen.figures.scoring import score_indicator
from reportgen.figures.totals import GroupFigures, full_marks, groups, score_places, total, total_weight


@dataclass(frozen=True)
class ProjectFigures:
    """项目支出明细的一行: amounts in the report unit and 执行率."""

    name: str
    budget: Decimal | None
    executed: Decimal | None
    rate: Decimal | None
    source: str | None
    note: str | None


@dataclass(frozen=True)
class Figures:
    """Every derived figure of a report. ``total`` and ``grade`` are None until all is scored."""

    unit: str
    budget: BudgetFigures
    projects: tuple[ProjectFigures, ...]
    indicators: tuple[IndicatorResult, ...]
    groups: tuple[GroupFigures, ...]
    total_weight: Decimal | None
    raw_total: Decimal | None
    total: Decimal | None
    rescaled: bool
    grade: str | None
    rules: Rules
    cap: Adjustment | None = None
    score_places: int = 2
    goals_done: bool = False  # some 年度总体目标 has its 完成情况 filled in
    basic_missing: bool = False  # a department report without 基本支出 (given or derived)
    functions_missing: bool = False  # a department report without its 职能职责
    staffing_missing: bool = False  # a department report without 内设机构 and 人员情况

    @property
    def scored(self) -> bool:
        """Whether the report has indicators to score (a narrative-only report has none)."""
        return bool(self.indicators)

    @property
    def pending(self) -> bool:
        """Whether the total waits for missing data (actual values, weights, budget figures)."""
        return self.scored and self.total is None

    @property
    def pending_indicators(self) -> int:
        """How many indicators still wait for their actual value or weight."""
        return sum(1 for r in self.indicators if r.pending)

    @property
    def rescaled_by_rule(self) -> bool:
        """Rescaled to 100 because the data says so (折算为百分制), not because of 不适用 indicators."""
        return self.rescaled and self.rules.scale_to_100 and not full_marks(self.total_weight)

    @property
    def profile(self) -> Profile:
        return self.rules.profile

    @property
    def adjustments(self) -> tuple[tuple[str, Adjustment], ...]:
        """Every point a profile rule took (by indicator name) or capped (the total)."""
        found = tuple((r.indicator.name, a) for r in self.indicators for a in r.adjustments)
        return (*found, ("总分", self.cap)) if self.cap else found

    @property
    def projects_budget(self) -> Decimal | None:
        if any(p.budget is None for p in self.projects):
            return None
        return sum((p.budget for p in self.projects if p.budget is not None), Decimal(0))

    @property
    def projects_executed(self) -> Decimal | None:
        if any(p.executed is None for p in self.projects):
            return None
        return sum((p.executed for p in self.projects if p.executed is not None), Decimal(0))


def compute(report: Report, unit: str = "万元", profile: Profile | None = None) -> Figures:
    """All figures of ``report`` with amounts shown in ``unit`` (元 or 万元)."""

    def exact(value: Decimal | None) -> Decimal | None:
        return None if value is None else convert_money(value, report.money_unit, unit)

    def money(value: Decimal | None) -> Decimal | None:
        converted = exact(value)
        return None if converted is None else round_half_up(converted)

    rules = rules_for(report.scoring, profile)
    department = report.kind == "department"
    b = report.budget
    budget = replace(budget_figures(b, money), exact=(exact(b.initial), exact(b.adjusted), exact(b.executed)))
    projects = tuple(
        ProjectFigures(
            p.name,
            money(p.budget),
            money(p.executed),
            rate(money(p.executed), money(p.budget)),
            p.source,
            p.note,
        )
        for p in report.projects
    )
    results = tuple(score_indicator(i, ind, rules) for i, ind in enumerate(report.indicators))
    weight = total_weight(budget, results)
    summed = total(budget, results, weight, rules)
    return Figures(
        unit,
        budget,
        projects,
        results,
        groups(report, results),
        weight,
        summed.raw,
        summed.total,
        summed.rescaled,
        grade_of(summed.total) if summed.total is not None else None,
        rules,
        summed.cap,
        score_places(budget, results, summed.total),
        goals_done=any(g.actual for g in report.goals),
        basic_missing=department and budget.nature("basic") is None,
        functions_missing=department and not report.unit.functions,
        staffing_missing=department and not (report.unit.departments or report.unit.staff),
    )


__all__ = ["Figures", "ProjectFigures", "compute"]
