"""What the pages show of a checked version: status, score and the validation findings."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from reportgen.api import Checked
from reportgen.errors import Issue
from reportgen.figures.fmt import pct
from reportgen.figures.fmt import score as score_text

DRAFT = "草稿"
FINAL = "可定稿"
INVALID = "有错误"
_PROJECT_SHOWN = 60  # characters of a project's name in the lists


@dataclass(frozen=True)
class Summary:
    status: str  # 有错误 / 草稿 / 可定稿
    score: str  # 总分 and 等级 as the report prints them, or why there is none
    errors: list[Issue]
    warnings: list[Issue]
    missing: list[Issue]
    total: Decimal | None = None  # 综合得分, when the report has one
    total_text: str = "—"  # … as the report prints it, or why there is none (待补充, 不评分)
    grade: str = ""
    execution_rate: Decimal | None = None  # 预算执行率 (%), when the budget figures are there
    execution_text: str = "—"  # … as the report prints it
    project: str = ""  # a 项目支出 report's project name (the lists tell a unit's projects apart by it)

    @property
    def renderable(self) -> bool:
        return not self.errors


def summarise(checked: Checked) -> Summary:
    """The status is 有错误 while the data has an error (no report can be made, so no score is
    shown), 草稿 while something is unfilled, else 可定稿. The score has the report's places;
    the execution rate is the report's (on 全年预算数)."""
    project = project_name(checked.raw.data)
    if checked.errors:
        return Summary(INVALID, "—", checked.errors, checked.warnings, checked.missing, project=project)
    status = DRAFT if checked.missing else FINAL
    figures = checked.figures
    if figures is None:
        return Summary(status, "—", checked.errors, checked.warnings, checked.missing, project=project)
    if not figures.scored:
        total_text = "不评分"
    elif figures.total is None:
        total_text = "待补充"
    else:
        total_text = score_text(figures.total, figures.score_places)
    grade = figures.grade or ""
    score = f"{total_text}（{grade}）" if figures.total is not None and grade else total_text
    rate = figures.budget.rate
    return Summary(
        status,
        score,
        checked.errors,
        checked.warnings,
        checked.missing,
        total=figures.total,
        total_text=total_text,
        grade=grade,
        execution_rate=rate,
        execution_text=pct(rate),
        project=project,
    )


def project_name(data: object) -> str:
    """The project's name of a 项目支出 report's data (which may be incomplete), "" for any other."""
    if not isinstance(data, dict) or data.get("kind") != "project":
        return ""
    project = data.get("project")
    name = project.get("name") if isinstance(project, dict) else None
    if not isinstance(name, str):
        return ""
    name = " ".join(name.split())
    return name if len(name) <= _PROJECT_SHOWN else name[: _PROJECT_SHOWN - 1] + "…"
