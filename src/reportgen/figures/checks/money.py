"""Money rules (docs/data-format.md "Consistency rules", docs/domain.md §4.1): amounts that contradict
each other. Amounts are compared exactly, in the unit of the data, and shown in the report unit.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reportgen.data.vocabulary import LOW_EXECUTION_RATE
from reportgen.figures.checks.rules import Finding, Subject
from reportgen.figures.fmt import number, pct

# An amount in 万元 this large (10 billion 元) or a 元 budget this small is most likely
# written in the other unit (docs/domain.md §4.1 item 2).
_WAN_TOO_LARGE = Decimal(1_000_000)
_YUAN_TOO_SMALL = Decimal(10_000)


def money_unit(s: Subject) -> Iterator[Finding]:
    """A budget too large for 万元 or too small for 元: the whole file is in the other unit."""
    budget = s.report.budget
    whole = budget.adjusted if budget.adjusted is not None else budget.initial
    if whole is None:
        return
    if s.report.money_unit == "万元" and whole >= _WAN_TOO_LARGE:
        yield (
            ("money_unit",),
            (
                f"金额单位为万元，但全年预算数为{whole}万元（超过100亿元）："
                "金额是否按元填写？若是，请把金额单位改为“元”。"
            ),
        )
    if s.report.money_unit == "元" and 0 < whole < _YUAN_TOO_SMALL:
        yield (
            ("money_unit",),
            (f"金额单位为元，但全年预算数只有{whole}元：金额是否按万元填写？若是，请把金额单位改为“万元”。"),
        )


def execution_over_budget(s: Subject) -> Iterator[Finding]:
    """全年执行数 above 全年预算数: the flag the budget sentence reads too (its 执行数超过预算数…)."""
    b = s.report.budget
    if s.fig.budget.over_budget is not None:
        assert b.executed is not None and b.adjusted is not None
        yield (
            ("budget", "executed"),
            (
                f"全年执行数{s.show(b.executed)}超过全年预算数{s.show(b.adjusted)}，执行率为{pct(s.fig.budget.rate)}"
                "（评分按100%封顶）：请核实执行数，或将全年预算数改为调整后的预算数。"
            ),
        )


def low_execution_rate(s: Subject) -> Iterator[Finding]:
    """预算执行率 below the threshold: the report must say why."""
    rate = s.fig.budget.rate
    if s.fig.budget.over_budget is None and rate is not None and rate < LOW_EXECUTION_RATE:
        yield ("budget", "executed"), (f"预算执行率{pct(rate)}低于{number(LOW_EXECUTION_RATE)}%，报告中需说明原因。")


def sources_sum(s: Subject) -> Iterator[Finding]:
    """按收入性质分 parts that do not add up to 全年预算数."""
    b = s.report.budget
    if b.by_source is None or b.adjusted is None:
        return
    total = sum(b.by_source.model_dump().values(), Decimal(0))
    if total != b.adjusted:
        yield (
            ("budget", "by_source"),
            (
                f"按收入性质分各项合计{s.show(total)}，与全年预算数{s.show(b.adjusted)}"
                f"相差{s.show(abs(total - b.adjusted))}：各项之和应等于全年预算数，请核对各项金额。"
            ),
        )


def nature_sum(s: Subject) -> Iterator[Finding]:
    """基本支出 + 项目支出 that is not 全年执行数."""
    b = s.report.budget
    nature = b.by_nature
    if nature is None or nature.basic is None or nature.project is None or b.executed is None:
        return
    parts = nature.basic + nature.project
    if parts != b.executed:
        yield (
            ("budget", "by_nature"),
            (
                f"基本支出{s.show(nature.basic)}与项目支出{s.show(nature.project)}合计{s.show(parts)}，"
                f"与全年执行数{s.show(b.executed)}相差{s.show(abs(parts - b.executed))}：两者之和应等于全年执行数。"
            ),
        )


def basic_parts_sum(s: Subject) -> Iterator[Finding]:
    """人员经费 + 公用经费 that is not 基本支出."""
    nature = s.report.budget.by_nature
    if nature is None or nature.basic is None or nature.personnel is None or nature.public_use is None:
        return
    parts = nature.personnel + nature.public_use
    if parts != nature.basic:
        yield (
            ("budget", "by_nature"),
            (
                f"人员经费与公用经费合计{s.show(parts)}，与基本支出{s.show(nature.basic)}相差"
                f"{s.show(abs(parts - nature.basic))}：两者之和应等于基本支出。"
            ),
        )


def project_over_budget(s: Subject) -> Iterator[Finding]:
    """A project whose 执行数 exceeds its 预算数."""
    for index, (item, shown) in enumerate(zip(s.report.projects, s.fig.projects, strict=True)):
        if item.executed is not None and item.budget is not None and item.executed > item.budget:
            yield (
                ("projects", index, "executed"),
                (
                    f"项目“{item.name}”执行数{s.show(item.executed)}超过预算数{s.show(item.budget)}"
                    f"（执行率{pct(shown.rate)}）：请核实或说明原因。"
                ),
            )


def projects_sum(s: Subject) -> Iterator[Finding]:
    """项目支出明细 that does not add up to the 项目支出 (department) or 全年执行数 (project)."""
    report = s.report
    if not report.projects or any(p.executed is None for p in report.projects):
        return
    executed = sum((p.executed or Decimal(0) for p in report.projects), Decimal(0))
    nature = report.budget.by_nature
    if report.kind == "department":
        base, what = (nature.project if nature else None), "按支出性质分的项目支出"
    else:
        base, what = report.budget.executed, "全年执行数"
    if base is not None and executed != base:
        yield (
            ("projects",),
            (
                f"项目支出明细执行数合计{s.show(executed)}，与{what}{s.show(base)}相差{s.show(abs(base - executed))}："
                "请补全项目明细，或在说明中写明差额的去向。"
            ),
        )


__all__ = [
    "basic_parts_sum",
    "execution_over_budget",
    "low_execution_rate",
    "money_unit",
    "nature_sum",
    "project_over_budget",
    "projects_sum",
    "sources_sum",
]
