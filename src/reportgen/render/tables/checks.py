"""数据核对情况: every warning of the checks with the field it concerns (the appendix of checks)."""

from __future__ import annotations

from reportgen.errors import Issue
from reportgen.render.blocks import Cell, Row, Table


def checks_table(warnings: list[Issue]) -> Table:
    """One row per warning; the appendix template writes the table's title."""
    header = Row((Cell("序号", bold=True), Cell("数据项", bold=True), Cell("核对发现的问题", bold=True)), header=True)
    rows = [
        Row((Cell(str(i)), Cell(_field(w), align="left"), Cell(w.message, align="left")))
        for i, w in enumerate(warnings, 1)
    ]
    return Table((6, 22, 52), (header, *rows))


def _field(issue: Issue) -> str:
    return f"{issue.label}\n{issue.path}" if issue.label else issue.path


__all__ = ["checks_table"]
