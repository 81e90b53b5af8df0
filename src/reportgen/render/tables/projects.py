"""项目支出执行情况: one row per project and a 合计 row."""

from __future__ import annotations

from reportgen.figures.compute import Figures
from reportgen.figures.fmt import pct
from reportgen.figures.numbers import percent
from reportgen.render.blocks import Cell, Row, Table
from reportgen.render.tables.cells import amount_or_todo


def projects_table(fig: Figures) -> Table:
    """The projects of ``fig`` with their 预算数, 执行数 and 执行率, and their sums."""
    unit = fig.unit
    header = Row(
        tuple(Cell(t, bold=True) for t in ("序号", "项目名称", f"预算数（{unit}）", f"执行数（{unit}）", "执行率")),
        header=True,
    )
    rows = [
        Row(
            (
                Cell(str(i)),
                Cell(p.name, align="left"),
                Cell(amount_or_todo(p.budget), align="right"),
                Cell(amount_or_todo(p.executed), align="right"),
                Cell(pct(p.rate), align="right"),
            )
        )
        for i, p in enumerate(fig.projects, 1)
    ]
    budget, executed = fig.projects_budget, fig.projects_executed
    rate = percent(executed, budget) if executed is not None and budget is not None else None
    total = Row(
        (
            Cell("合计", 2, bold=True),
            Cell(amount_or_todo(budget), align="right", bold=True),
            Cell(amount_or_todo(executed), align="right", bold=True),
            Cell(pct(rate), align="right", bold=True),
        )
    )
    return Table((6, 30, 14, 14, 11), (header, *rows, total), title="项目支出执行情况")


__all__ = ["projects_table"]
