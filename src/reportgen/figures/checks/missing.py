"""What a draft still lacks (尚未填写), listed apart from errors and warnings.

A unit starts from its approved 绩效目标表, long before the year's figures are in
(data-format.md "Drafts from partial data"). Every item here stands in the report as a
highlighted 【待补充：…】; ``validate --strict`` and ``render --final`` refuse while any is left.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportgen.data.fieldpath import PathKey
from reportgen.data.model import Report
from reportgen.figures.compute import Figures

Finding = tuple[PathKey, str]


def missing_items(report: Report, fig: Figures) -> Iterator[Finding]:
    """Each missing item with the place it belongs, in the order of the data file."""
    yield from _unit(report)
    yield from _budget(report, fig)
    for index, item in enumerate(report.projects):
        if item.executed is None:
            yield ("projects", index, "executed"), f"项目“{item.name}”的执行数（实际拨付数）尚未填写。"
    if not report.goals:
        yield ("goals",), "年度总体目标尚未填写。"
    for index, goal in enumerate(report.goals):
        if not goal.actual:
            yield ("goals", index, "actual"), f"年度总体目标第{index + 1}项的实际完成情况尚未填写。"
    for result in fig.indicators:
        ind, at = result.indicator, ("indicators", result.index)
        if ind.weight is None and result.applicable:
            yield (*at, "weight"), f"指标“{ind.name}”的分值尚未填写。"
        if result.pending and ind.actual is None:
            yield (*at, "actual"), f"指标“{ind.name}”的实际完成值尚未填写，该指标尚未计分。"
    for key, what in (("performance", "主要工作成效（绩效情况）"), ("problems", "存在的问题及原因"),
                      ("measures", "下一步改进措施")):
        if not getattr(report, key):
            yield (key,), f"{what}尚未填写。"
    if report.date is None:
        yield ("date",), "报告日期尚未填写（写在落款单位下方）。"


def _unit(report: Report) -> Iterator[Finding]:
    if report.kind != "department":
        return
    unit = report.unit
    if not unit.functions:
        yield ("unit", "functions"), "单位职能职责尚未填写。"
    if not (unit.departments or unit.staff):
        yield ("unit", "departments"), "内设机构和人员情况尚未填写（内设机构 departments 或人员情况 staff）。"


def _budget(report: Report, fig: Figures) -> Iterator[Finding]:
    budget = report.budget
    if budget.adjusted is None:
        yield ("budget", "adjusted"), "全年预算数尚未填写，预算执行率和得分尚不能计算。"
    if budget.executed is None:
        yield ("budget", "executed"), "全年执行数尚未填写，预算执行率和得分尚不能计算。"
    if report.kind == "department" and fig.budget.nature("basic") is None:
        yield ("budget", "by_nature"), ("按支出性质分的基本支出尚未填写"
                                        "（基本支出 basic，或项目支出 project 与全年执行数）。")


__all__ = ["missing_items"]
