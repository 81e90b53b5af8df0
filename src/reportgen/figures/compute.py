"""Figures and scores (domain.md §1.4–§1.7): pure functions, Decimal, half-up.

Amounts are converted once from ``money_unit`` to the report unit and rounded to two
decimals; every percentage is then computed from the rounded amounts, so a reader who
recomputes a share from the printed figures gets the printed share.

A share is always of the whole its sentence names: 按收入性质分 parts of 全年预算数,
按支出性质分 parts of 全年执行数, 人员经费/公用经费 of 基本支出 — never of the sum of the
parts that happen to be filled in. Where the parts fall short of their whole, the rest is a
part of its own (未分项) so a table's shares still add up to exactly 100.00 %; where all parts
but one are known, that one is derived from the whole and marked as derived.

Figures missing from a draft stay ``None``: no rate, score, total or grade is computed from
them (a total is never invented).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from reportgen.data.labels import label_for
from reportgen.data.model import Budget, Report
from reportgen.data.values import convert_money
from reportgen.data.vocabulary import BASIC_LABELS, GRADES, NATURE_LABELS, SOURCE_KEYS, UNALLOCATED, grade_of
from reportgen.figures.numbers import percent, round_half_up, shares
from reportgen.figures.profiles import Profile, Rules, rules_for
from reportgen.figures.scoring import Adjustment, IndicatorResult, score_indicator

SOURCE_LABELS = {key: label_for(("budget", "by_source", key)) for key in SOURCE_KEYS}


@dataclass(frozen=True)
class Part:
    """One part of a whole: amount in the report unit and its share (%) of that whole.

    ``derived`` says how the amount was worked out when the data did not give it
    (e.g. “按全年执行数减项目支出计算”); ``rest`` marks the 未分项 remainder.
    """

    key: str
    label: str
    amount: Decimal
    share: Decimal | None
    derived: str = ""
    rest: bool = False


@dataclass(frozen=True)
class Breakdown:
    """The parts of one named whole (全年预算数, 全年执行数, 基本支出) and the remainder."""

    whole_label: str
    whole: Decimal | None
    parts: tuple[Part, ...]
    rest: Part | None = None

    def __iter__(self) -> Iterator[Part]:
        return iter(self.parts)

    def __len__(self) -> int:
        return len(self.parts)

    def __bool__(self) -> bool:
        return bool(self.parts)

    @property
    def rows(self) -> tuple[Part, ...]:
        """The parts and, when they fall short of the whole, the 未分项 remainder (for tables)."""
        return (*self.parts, self.rest) if self.rest else self.parts

    def get(self, key: str) -> Part | None:
        return next((part for part in self.parts if part.key == key), None)


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


@dataclass(frozen=True)
class ProjectFigures:
    """项目支出明细的一行: amounts in the report unit and 执行率."""

    name: str
    budget: Decimal
    executed: Decimal | None
    rate: Decimal | None
    source: str | None
    note: str | None


@dataclass(frozen=True)
class GroupFigures:
    """一级指标 group: declared weight, weights and scores of its indicators."""

    level1: str
    declared_weight: Decimal | None
    weight: Decimal
    score: Decimal | None


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

    @property
    def scored(self) -> bool:
        """Whether the report has indicators to score (a narrative-only report has none)."""
        return bool(self.indicators)

    @property
    def pending(self) -> bool:
        """Whether the total waits for missing data (actual values, weights, budget figures)."""
        return self.scored and self.total is None

    @property
    def profile(self) -> Profile:
        return self.rules.profile

    @property
    def adjustments(self) -> tuple[tuple[str, Adjustment], ...]:
        """Every point a profile rule took (by indicator name) or capped (the total)."""
        found = tuple((r.indicator.name, a) for r in self.indicators for a in r.adjustments)
        return (*found, ("总分", self.cap)) if self.cap else found

    @property
    def projects_budget(self) -> Decimal:
        return sum((p.budget for p in self.projects), Decimal(0))

    @property
    def projects_executed(self) -> Decimal | None:
        if any(p.executed is None for p in self.projects):
            return None
        return sum((p.executed for p in self.projects if p.executed is not None), Decimal(0))


def printed_difference(a: Decimal | None, b: Decimal | None, exact_a: Decimal | None,
                       exact_b: Decimal | None) -> Decimal | None:
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


def compute(report: Report, unit: str = "万元", profile: Profile | None = None) -> Figures:
    """All figures of ``report`` with amounts shown in ``unit`` (元 or 万元)."""

    def exact(value: Decimal | None) -> Decimal | None:
        return None if value is None else convert_money(value, report.money_unit, unit)

    def money(value: Decimal | None) -> Decimal | None:
        converted = exact(value)
        return None if converted is None else round_half_up(converted)

    rules = rules_for(report.scoring, profile)
    b = report.budget
    budget = replace(_budget(b, money), exact=(exact(b.initial), exact(b.adjusted), exact(b.executed)))
    projects = tuple(
        ProjectFigures(p.name, money(p.budget) or Decimal(0), money(p.executed),
                       _rate(money(p.executed), money(p.budget)), p.source, p.note)
        for p in report.projects
    )
    results = tuple(score_indicator(i, ind, rules) for i, ind in enumerate(report.indicators))
    groups = _groups(report, results)
    total_weight = _total_weight(budget, results)
    raw_total, total, rescaled, cap = _total(budget, results, total_weight, rules)
    return Figures(unit, budget, projects, results, groups, total_weight, raw_total, total, rescaled,
                   grade_of(total) if total is not None else None, rules, cap,
                   _score_places(budget, results, total))


def _rate(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    return None if part is None or whole is None else percent(part, whole)


def _total_weight(budget: BudgetFigures, results: tuple[IndicatorResult, ...]) -> Decimal | None:
    """预算执行率分值 + every indicator's 分值 (不适用 ones too); None while a weight is missing."""
    if not results or any(r.indicator.weight is None for r in results):
        return None
    return budget.weight + sum((r.weight for r in results), Decimal(0))


def _total(budget: BudgetFigures, results: tuple[IndicatorResult, ...], total_weight: Decimal | None,
           rules: Rules) -> tuple[Decimal | None, Decimal | None, bool, Adjustment | None]:
    """Raw total, total (rounded once), whether it was rescaled to 100, and the profile's cap.

    不适用 indicators are left out and the total rescaled over the applicable weights
    (domain.md §1.5); so is a total whose weights do not add up to 100 when the data says
    the unit 折算 to 100 points. Weights that simply fall short are never rescaled away:
    validation refuses them (see :mod:`reportgen.figures.checks.consistency`).
    """
    if not results or total_weight is None or budget.score is None or any(r.pending for r in results):
        return None, None, False, None
    applicable = budget.weight + sum((r.weight for r in results if r.applicable), Decimal(0))
    raw = budget.score + sum((r.exact or Decimal(0) for r in results), Decimal(0))
    rescaled = applicable > 0 and (any(not r.applicable for r in results) or
                                   (rules.scale_to_100 and total_weight != 100))
    total = round_half_up(raw / applicable * 100 if rescaled else raw)
    cap = rules.cap_for(budget.rate)
    if cap is not None and total > cap.max_total:
        taken = total - cap.max_total
        return raw, cap.max_total, rescaled, Adjustment(
            taken, f"预算执行率{budget.rate}%低于{cap.below.normalize():f}%，总分最高{cap.max_total.normalize():f}分")
    return round_half_up(raw), total, rescaled, None


def _score_places(budget: BudgetFigures, results: tuple[IndicatorResult, ...], total: Decimal | None) -> int:
    """0 when every score printed is a whole number, else 2: one precision for all scores."""
    values = [budget.score, total, *(r.score for r in results)]
    return 0 if all(v is None or v == v.to_integral_value() for v in values) else 2


def _breakdown(whole_label: str, whole: Decimal | None, values: dict[str, Decimal], labels: dict[str, str],
               derived: dict[str, str] | None = None) -> Breakdown:
    """Parts of ``whole`` with shares of it; a 未分项 rest when the parts fall short."""
    derived = derived or {}
    keys = [key for key in labels if key in values]
    amounts = [values[key] for key in keys]
    rest = whole - sum(amounts, Decimal(0)) if whole is not None and keys else None
    split: list[Decimal | None]
    if whole is None or whole == 0 or rest is None or rest < 0:
        split = [None if whole is None else percent(a, whole) for a in amounts]
        rest_part = None
    else:
        with_rest = [*amounts, rest] if rest > 0 else amounts
        computed = shares(with_rest)
        split = list(computed) if computed is not None else [None] * len(with_rest)
        rest_part = Part("unallocated", UNALLOCATED, rest, split[-1], rest=True) if rest > 0 else None
    parts = tuple(Part(key, labels[key], values[key], share, derived.get(key, ""))
                  for key, share in zip(keys, split, strict=False))
    return Breakdown(whole_label, whole, parts, rest_part)


def _budget(budget: Budget, money: Callable[[Decimal | None], Decimal | None]) -> BudgetFigures:
    adjusted, executed = money(budget.adjusted), money(budget.executed)
    rate = _rate(executed, adjusted)
    score = None
    if adjusted is not None and executed is not None:
        capped = min(rate, Decimal(100)) if rate is not None else Decimal(0)
        score = budget.weight * capped / 100
    sources: dict[str, Decimal] = {}
    if budget.by_source is not None:
        sources = {k: v for k, v in ((k, money(v)) for k, v in budget.by_source.model_dump().items() if v)
                   if v is not None}
    given: dict[str, Decimal] = {}
    if budget.by_nature is not None:
        given = {k: m for k, v in budget.by_nature.model_dump().items() if (m := money(v)) is not None}
    nature, basic, notes = _derive_nature(given, executed)
    return BudgetFigures(
        initial=money(budget.initial), adjusted=adjusted, executed=executed, rate=rate,
        weight=budget.weight, score=score,
        by_source=_breakdown("全年预算数", adjusted, sources, SOURCE_LABELS),
        by_nature=_breakdown("全年执行数", executed, nature, NATURE_LABELS, notes),
        basic_parts=_breakdown("基本支出", nature.get("basic"), basic, BASIC_LABELS, notes),
    )


def _derive_nature(given: dict[str, Decimal], executed: Decimal | None
                   ) -> tuple[dict[str, Decimal], dict[str, Decimal], dict[str, str]]:
    """按支出性质分 with the one missing part derived from the others, and how it was derived."""
    nature = {k: v for k, v in given.items() if k in NATURE_LABELS}
    basic = {k: v for k, v in given.items() if k in BASIC_LABELS}
    notes: dict[str, str] = {}
    if "basic" not in nature and len(basic) == 2:
        nature["basic"] = basic["personnel"] + basic["public_use"]
        notes["basic"] = "按人员经费与公用经费之和计算"
    if executed is not None and len(nature) == 1:
        known, other = ("basic", "project") if "basic" in nature else ("project", "basic")
        rest = executed - nature[known]
        if rest >= 0:
            nature[other] = rest
            notes[other] = f"按全年执行数减{NATURE_LABELS[known]}计算"
    whole = nature.get("basic")
    if whole is not None and len(basic) == 1:
        known, other = ("personnel", "public_use") if "personnel" in basic else ("public_use", "personnel")
        rest = whole - basic[known]
        if rest >= 0:
            basic[other] = rest
            notes[other] = f"按基本支出减{BASIC_LABELS[known]}计算"
    return nature, basic, notes


def _groups(report: Report, results: tuple[IndicatorResult, ...]) -> tuple[GroupFigures, ...]:
    order: list[str] = []
    for result in results:
        if result.level1 not in order:
            order.append(result.level1)
    declared = report.scoring.group_weights
    groups = []
    for level1 in order:
        members = [r for r in results if r.level1 == level1]
        pending = any(r.pending for r in members)
        score = None if pending else round_half_up(sum((r.exact or Decimal(0) for r in members), Decimal(0)))
        groups.append(GroupFigures(level1, declared.get(level1), sum((r.weight for r in members), Decimal(0)),
                                   score))
    return tuple(groups)


__all__ = ["GRADES", "Breakdown", "BudgetFigures", "Figures", "GroupFigures", "Part", "ProjectFigures", "compute",
           "grade_of"]
