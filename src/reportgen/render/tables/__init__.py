"""The tables that templates can place with ``{{ table("name") }}``, built from figures.

- ``self_evaluation_head`` and ``self_evaluation_indicators``: the 绩效自评表 in two parts
  (:mod:`.self_evaluation`; the indicator rows and their merged cells in :mod:`.indicators`);
- ``projects``: 项目支出执行情况 (:mod:`.projects`), when the report lists projects;
- ``checks``: 数据核对情况, the warnings of the checks (:mod:`.checks`).
"""

from __future__ import annotations

from reportgen.data.model import Report
from reportgen.errors import Issue
from reportgen.figures.compute import Figures
from reportgen.render.blocks import Table
from reportgen.render.tables.checks import checks_table
from reportgen.render.tables.projects import projects_table
from reportgen.render.tables.self_evaluation import self_evaluation_tables, table_title


def report_tables(report: Report, fig: Figures, warnings: list[Issue]) -> dict[str, Table]:
    """Every named table of one report."""
    head, indicators = self_evaluation_tables(report, fig)
    tables = {"self_evaluation_head": head, "self_evaluation_indicators": indicators, "checks": checks_table(warnings)}
    if fig.projects:
        tables["projects"] = projects_table(fig)
    return tables


__all__ = ["report_tables", "table_title"]
