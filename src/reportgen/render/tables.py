"""The tables that templates can place with ``{{ table("name") }}``, built from figures."""

from __future__ import annotations

from decimal import Decimal

from reportgen.data.model import Report
from reportgen.data.vocabulary import placeholder
from reportgen.errors import Issue
from reportgen.figures.compute import Figures
from reportgen.figures.fmt import amount, pct
from reportgen.figures.numbers import percent
from reportgen.render.blocks import Cell, Row, Table
from reportgen.render.selftable import self_evaluation_tables


def report_tables(report: Report, fig: Figures, warnings: list[Issue]) -> dict[str, Table]:
    """Every named table of one report."""
    head, indicators = self_evaluation_tables(report, fig)
    tables = {"self_evaluation_head": head, "self_evaluation_indicators": indicators,
              "checks": checks_table(warnings)}
    if fig.projects:
        tables["projects"] = projects_table(fig)
    return tables


def projects_table(fig: Figures) -> Table:
    """项目支出执行情况: one row per project and a 合计 row."""
    unit = fig.unit
    header = Row(tuple(Cell(t, bold=True) for t in
                       ("序号", "项目名称", f"预算数（{unit}）", f"执行数（{unit}）", "执行率")), header=True)
    rows = [
        Row((Cell(str(i)), Cell(p.name, align="left"), Cell(amount(p.budget), align="right"),
             Cell(_amount(p.executed), align="right"), Cell(pct(p.rate), align="right")))
        for i, p in enumerate(fig.projects, 1)
    ]
    budget, executed = fig.projects_budget, fig.projects_executed
    rate = percent(executed, budget) if executed is not None else None
    total = Row((Cell("合计", 2, bold=True), Cell(amount(budget), align="right", bold=True),
                 Cell(_amount(executed), align="right", bold=True), Cell(pct(rate), align="right", bold=True)))
    return Table((6, 30, 14, 14, 11), (header, *rows, total), title="项目支出执行情况")


def _amount(value: Decimal | None) -> str:
    return placeholder() if value is None else amount(value)


def checks_table(warnings: list[Issue]) -> Table:
    """数据核对情况: every warning with the field it concerns."""
    header = Row((Cell("序号", bold=True), Cell("数据项", bold=True), Cell("核对发现的问题", bold=True)),
                 header=True)
    rows = [
        Row((Cell(str(i)), Cell(_field(w), align="left"), Cell(w.message, align="left")))
        for i, w in enumerate(warnings, 1)
    ]
    return Table((6, 22, 52), (header, *rows))  # the appendix template writes its title


def _field(issue: Issue) -> str:
    return f"{issue.label}\n{issue.path}" if issue.label else issue.path


__all__ = ["checks_table", "projects_table", "report_tables"]
