"""The tables that templates can place with ``{{ table("name") }}``, built from figures.

- ``self_evaluation_head`` and ``self_evaluation_indicators``: the 绩效自评表 in two parts
  (:mod:`.self_evaluation`; the indicator rows and their merged cells in :mod:`.indicators`);
- ``projects``: 项目支出执行情况 (:mod:`.projects`), when the report lists projects;
- ``checks``: 数据核对情况, the warnings of the checks (:mod:`.checks`).

Every table's column widths are fitted to its text in the ``frame`` it is set in (:mod:`.fit`).
"""

from __future__ import annotations

from reportgen.data.model import Report
from reportgen.errors import Issue
from reportgen.figures.compute import Figures
from reportgen.render.blocks import Table
from reportgen.render.tables.checks import checks_table
from reportgen.render.tables.fit import TableFrame, fit_table
from reportgen.render.tables.projects import projects_table
from reportgen.render.tables.self_evaluation import self_evaluation_tables, table_title


def report_tables(report: Report, fig: Figures, warnings: list[Issue], frame: TableFrame) -> dict[str, Table]:
    """Every named table of one report, fitted to ``frame``."""
    head, indicators = self_evaluation_tables(report, fig, frame)
    tables = {
        "self_evaluation_head": head,
        "self_evaluation_indicators": indicators,
        "checks": fit_table(checks_table(warnings), frame),
    }
    if fig.projects:
        tables["projects"] = fit_table(projects_table(fig), frame)
    return tables


__all__ = ["TableFrame", "fit_table", "report_tables", "table_title"]
