"""The data editor's side panel: the computed figures, formatted as the report prints them.

Rows come in groups: 预算执行 (执行率, 得分, 分值), the shares 按收入性质分 (of 全年预算数) and
按支出性质分 (of 全年执行数) with their 未分项 rest, each project's 执行率, each indicator's
得分 and 分值, each 一级指标, then 总分, 等级 and the scoring profile. What a draft still lacks
reads 待补充.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from reportgen.figures.compute import Figures
from reportgen.figures.fmt import amount, number, pct, score
from reportgen.figures.results import IndicatorResult, Status
from reportgen.figures.shares import Breakdown

PENDING = "待补充"
BUDGET, PROJECTS, INDICATORS, GROUPS, TOTAL = "预算执行", "项目执行率", "绩效指标", "一级指标", "综合评价"


@dataclass(frozen=True)
class PanelRow:
    """One line of the panel: a figure, with its 分值 or amount where it has one."""

    group: str  # 预算执行, 按收入性质分（占全年预算数）, 绩效指标, 综合评价, …
    label: str
    value: str  # as the report prints it, or 待补充
    weight: str = ""  # 分值, for scored rows
    amount: str = ""  # the amount with its money unit, for shares and projects

    @property
    def pending(self) -> bool:
        return PENDING in (self.value, self.weight)


def figures_panel(fig: Figures) -> list[PanelRow]:
    """Every row of the side panel, in the order shown."""
    b, places = fig.budget, fig.score_places
    rows = [
        PanelRow(BUDGET, "预算执行率", PENDING if b.pending else pct(b.rate)),
        PanelRow(BUDGET, "执行率得分", _or_pending(b.score, places), number(b.weight)),
    ]
    rows += _shares(b.by_source, fig.unit)
    rows += _shares(b.by_nature, fig.unit)
    rows += [
        PanelRow(
            PROJECTS,
            p.name,
            PENDING if p.executed is None or p.budget is None else pct(p.rate),
            amount=PENDING if p.budget is None else f"{amount(p.budget)}{fig.unit}",
        )
        for p in fig.projects
    ]
    rows += [_indicator(r, places) for r in fig.indicators]
    rows += [  # a group's 分值 waits for its indicators' 分值, as in the indicator table
        PanelRow(
            GROUPS, g.level1, _or_pending(g.score, places), PENDING if fig.total_weight is None else number(g.weight)
        )
        for g in fig.groups
    ]
    rows += [
        PanelRow(TOTAL, "总分", _total(fig), PENDING if fig.total_weight is None else number(fig.total_weight)),
        PanelRow(TOTAL, "等级", fig.grade or (PENDING if fig.scored else "不评定")),
        PanelRow(TOTAL, "评分规则", fig.profile.name),
    ]
    return rows


def _or_pending(value: Decimal | None, places: int) -> str:
    return PENDING if value is None else score(value, places)


def _shares(parts: Breakdown, unit: str) -> list[PanelRow]:
    """Each part's share of the whole; 待补充 while the whole is missing."""
    group = f"{_BREAKDOWNS.get(parts.whole_label, '')}（占{parts.whole_label}）"
    return [
        PanelRow(
            group,
            part.label,
            PENDING if parts.whole is None else pct(part.share),
            amount=f"{amount(part.amount)}{unit}",
        )
        for part in parts.rows
    ]


_BREAKDOWNS = {"全年预算数": "按收入性质分", "全年执行数": "按支出性质分"}


def _indicator(result: IndicatorResult, places: int) -> PanelRow:
    ind = result.indicator
    if result.status is Status.NOT_APPLICABLE:
        value = "不适用"
    elif result.pending:
        value = PENDING
    else:
        value = score(result.score, places) if result.score is not None else "未评分"
    weight = PENDING if result.weight_missing or ind.weight is None else number(ind.weight)
    return PanelRow(INDICATORS, ind.name, value, weight)


def _total(fig: Figures) -> str:
    if not fig.scored:
        return "未设绩效指标，不计算"
    return _or_pending(fig.total, fig.score_places)
