"""The 绩效自评表 (docs/domain.md §1.8) as two tables of the block IR.

Part one (here) holds the unit or project, the money block and the 年度总体目标; part two
(:mod:`reportgen.render.tables.indicators`) the indicators, grouped by 一级/二级指标 with
merged cells, and the 总分 row. Both use the same nine-column grid so they read as one table:
its widths are fitted to the text of both parts together.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reportgen.data.model import Report
from reportgen.data.vocabulary import FISCAL_SOURCE_KEYS, placeholder
from reportgen.figures.compute import Figures
from reportgen.figures.fmt import amount, number, pct, score, unnumbered
from reportgen.render.blocks import Row, Table
from reportgen.render.tables.cells import amount_or_todo, cell
from reportgen.render.tables.fit import TableFrame, fit_tables
from reportgen.render.tables.indicators import WIDTHS, indicator_rows

_DEPARTMENT_SOURCES = (
    ("一般公共预算", ("general_public",)),
    ("政府性基金拨款", ("government_fund",)),
    ("纳入专户管理的非税收入拨款", ("special_account",)),
    ("其他资金", ("state_capital", "social_insurance", "carryover", "other")),
)


def table_title(report: Report) -> str:
    """The 自评表's title, which also names its appendix."""
    return "部门整体支出绩效自评表" if report.kind == "department" else "项目支出绩效自评表"


def self_evaluation_tables(report: Report, fig: Figures, frame: TableFrame) -> tuple[Table, Table]:
    """Part one (unit, money, goals) and part two (indicators, total), on one grid fitted to ``frame``."""
    head = Table(WIDTHS, (*_identity(report), *_money(report, fig), *_goals(report)))
    indicators = Table(WIDTHS, tuple(indicator_rows(fig)))
    head, indicators = fit_tables((head, indicators), frame)
    return head, indicators


def _identity(report: Report) -> Iterator[Row]:
    if report.kind == "department":
        yield Row(
            (
                cell("区级预算单位名称" if report.unit.level == "区级" else "预算单位名称", 2, bold=True),
                cell(report.unit.name, 7),
            )
        )
        return
    project = report.project
    assert project is not None
    yield Row((cell("项目名称", 2, bold=True), cell(project.name or "【待补充：项目名称】", 7)))
    yield Row(
        (
            cell("主管部门", 2, bold=True),
            cell(project.authority or "", 3),
            cell("实施单位", 2, bold=True),
            cell(project.implementer or "", 2),
        )
    )


def _money(report: Report, fig: Figures) -> Iterator[Row]:
    b, unit = fig.budget, fig.unit
    label = f"年度预算申请（{unit}）" if report.kind == "department" else f"项目资金（{unit}）"
    yield Row(
        (
            cell(label, vmerge="restart", bold=True),
            cell("", 2),
            *(cell(t, bold=True) for t in ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")),
        )
    )
    yield Row(
        (
            cell(vmerge="continue"),
            cell("年度资金总额", 2),
            cell(amount(b.initial)),
            cell(amount_or_todo(b.adjusted)),
            cell(amount_or_todo(b.executed)),
            cell(number(b.weight)),
            cell(placeholder() if b.pending else pct(b.rate)),
            cell(placeholder() if b.score is None else score(b.score, fig.score_places)),
        )
    )
    if report.kind == "department":
        yield from _department_split(fig)
    else:
        fiscal = sum((b.source(k) for k in FISCAL_SOURCE_KEYS), Decimal(0))
        rows = [
            ("其中：当年财政拨款", fiscal),
            ("上年结转资金", b.source("carryover")),
            ("其他资金", b.source("other")),
        ]
        if b.by_source.rest is not None:
            rows.append((b.by_source.rest.label, b.by_source.rest.amount))
        for title, value in rows:
            yield Row(
                (
                    cell(vmerge="continue"),
                    cell(title, 2, align="left"),
                    cell(""),
                    cell(amount(value) if b.by_source else ""),
                    cell(""),
                    cell(""),
                    cell(""),
                    cell(""),
                )
            )


def _department_split(fig: Figures) -> Iterator[Row]:
    b = fig.budget
    yield Row(
        (
            cell(vmerge="continue"),
            cell("按收入性质分：", 4, align="left", bold=True),
            cell("按支出性质分：", 4, align="left", bold=True),
        )
    )
    sources = [(name, sum((b.source(k) for k in keys), Decimal(0))) for name, keys in _DEPARTMENT_SOURCES]
    if b.by_source.rest is not None:
        sources.append((b.by_source.rest.label, b.by_source.rest.amount))
    natures = [(p.label, p.amount) for p in b.by_nature.rows]
    for index in range(max(len(sources), len(natures))):
        left = right = ""
        if index < len(sources):
            name, value = sources[index]
            left = f"{'其中：' if index == 0 else ''}{name}：{amount(value) if value or b.by_source else ''}"
        if index < len(natures):
            right = f"{'其中：' if index == 0 else ''}{natures[index][0]}：{amount(natures[index][1])}"
        yield Row((cell(vmerge="continue"), cell(left, 4, align="left"), cell(right, 4, align="left")))


def _goals(report: Report) -> Iterator[Row]:
    yield Row(
        (
            cell("年度总体目标", vmerge="restart", bold=True),
            cell("预期目标", 4, bold=True),
            cell("实际完成情况", 4, bold=True),
        )
    )
    goals = report.goals or []
    many = len(goals) > 1
    expected = "\n".join(f"{i}.{unnumbered(g.expected)}" if many else g.expected for i, g in enumerate(goals, 1))
    actual = "\n".join(
        f"{i}.{unnumbered(g.actual) or placeholder()}" if many else (g.actual or placeholder())
        for i, g in enumerate(goals, 1)
    )
    yield Row((cell(vmerge="continue"), cell(expected, 4, align="left"), cell(actual, 4, align="left")))


__all__ = ["self_evaluation_tables", "table_title"]
