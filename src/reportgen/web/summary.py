"""What the pages show of a checked version: status, score and the validation findings."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.api import Checked
from reportgen.errors import Issue
from reportgen.figures.fmt import score as score_text

DRAFT = "草稿"
FINAL = "可定稿"
INVALID = "有错误"


@dataclass(frozen=True)
class Summary:
    status: str  # 有错误 / 草稿 / 可定稿
    score: str  # 总分 and 等级 as the report prints them, or why there is none
    errors: list[Issue]
    warnings: list[Issue]
    missing: list[Issue]

    @property
    def renderable(self) -> bool:
        return not self.errors


def summarise(checked: Checked) -> Summary:
    """The status is 有错误 while the data has an error (no report can be made, so no score is
    shown), 草稿 while something is unfilled, else 可定稿. The score has the report's places."""
    if checked.errors:
        return Summary(INVALID, "—", checked.errors, checked.warnings, checked.missing)
    status = DRAFT if checked.missing else FINAL
    figures = checked.figures
    if figures is None:
        score = "—"
    elif not figures.scored:
        score = "不评分"
    elif figures.total is None:
        score = "待补充"
    else:
        total = score_text(figures.total, figures.score_places)
        score = f"{total}（{figures.grade}）" if figures.grade else total
    return Summary(status, score, checked.errors, checked.warnings, checked.missing)
