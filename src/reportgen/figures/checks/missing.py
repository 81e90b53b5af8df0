"""What a draft still lacks (尚未填写), listed apart from errors and warnings.

A unit starts from its approved 绩效目标表, long before the year's figures are in
(docs/data-format.md "Drafts from partial data"). Every item here stands in the report as a
highlighted 【待补充：…】; ``validate --strict`` and ``render --final`` refuse while any is left.
The registry lists these rules in the order of the data file.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportgen.figures.checks.rules import Finding, Subject
from reportgen.figures.results import IndicatorResult

_SECTIONS = (
    ("performance", "主要工作成效（绩效情况）"),
    ("problems", "存在的问题及原因"),
    ("measures", "下一步改进措施"),
)


def missing_unit(s: Subject) -> Iterator[Finding]:
    """A department's 职能职责 and 内设机构/人员 (the flags the 基本情况 chapter's placeholders read)."""
    if s.fig.functions_missing:
        yield ("unit", "functions"), "单位职能职责尚未填写。"
    if s.fig.staffing_missing:
        yield ("unit", "departments"), "内设机构和人员情况尚未填写（内设机构 departments 或人员情况 staff）。"


def missing_budget(s: Subject) -> Iterator[Finding]:
    """全年预算数, 全年执行数, and a department's 基本支出 (:attr:`Figures.basic_missing`)."""
    budget = s.report.budget
    if budget.adjusted is None:
        yield ("budget", "adjusted"), "全年预算数尚未填写，预算执行率和得分尚不能计算。"
    if budget.executed is None:
        yield ("budget", "executed"), "全年执行数尚未填写，预算执行率和得分尚不能计算。"
    if s.fig.basic_missing:
        yield (
            ("budget", "by_nature"),
            ("按支出性质分的基本支出尚未填写（基本支出 basic，或项目支出 project 与全年执行数）。"),
        )


def missing_project_executed(s: Subject) -> Iterator[Finding]:
    for index, item in enumerate(s.report.projects):
        if item.budget is None:
            yield ("projects", index, "budget"), f"项目“{item.name}”的预算数尚未填写。"
        if item.executed is None:
            yield ("projects", index, "executed"), f"项目“{item.name}”的执行数（实际拨付数）尚未填写。"


def missing_project_name(s: Subject) -> Iterator[Finding]:
    """A project report's 项目名称 (a table imported with the name left blank)."""
    if s.report.kind == "project" and (s.report.project is None or not s.report.project.name):
        yield ("project", "name"), "项目名称尚未填写。"


def missing_goals(s: Subject) -> Iterator[Finding]:
    if not s.report.goals:
        yield ("goals",), "年度总体目标尚未填写。"


def missing_goal_actual(s: Subject) -> Iterator[Finding]:
    for index, goal in enumerate(s.report.goals):
        if not goal.actual:
            yield ("goals", index, "actual"), f"年度总体目标第{index + 1}项的实际完成情况尚未填写。"


def missing_weight(s: Subject, r: IndicatorResult) -> Iterator[Finding]:
    if r.weight_missing:
        yield ("indicators", r.index, "weight"), f"指标“{r.indicator.name}”的分值尚未填写。"


def missing_actual(s: Subject, r: IndicatorResult) -> Iterator[Finding]:
    if r.actual_missing:
        yield ("indicators", r.index, "actual"), f"指标“{r.indicator.name}”的实际完成值尚未填写，该指标尚未计分。"


def missing_sections(s: Subject) -> Iterator[Finding]:
    for key, what in _SECTIONS:
        if not getattr(s.report, key):
            yield (key,), f"{what}尚未填写。"


def missing_date(s: Subject) -> Iterator[Finding]:
    if s.report.date is None:
        yield ("date",), "报告日期尚未填写（写在落款单位下方）。"


__all__ = [
    "missing_actual",
    "missing_budget",
    "missing_date",
    "missing_goal_actual",
    "missing_goals",
    "missing_project_executed",
    "missing_project_name",
    "missing_sections",
    "missing_unit",
    "missing_weight",
]
