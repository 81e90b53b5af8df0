"""What the pages show of a checked version: status, score and the validation findings."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.api import Checked
from reportgen.errors import Issue

DRAFT = "草稿"
FINAL = "可定稿"


@dataclass(frozen=True)
class Summary:
    status: str  # 草稿 / 可定稿
    score: str  # 总分 and 等级, or why there is none
    errors: list[Issue]
    warnings: list[Issue]
    missing: list[Issue]

    @property
    def renderable(self) -> bool:
        return not self.errors


def summarise(checked: Checked) -> Summary:
    """The status is 可定稿 when the data has no error and nothing left unfilled."""
    status = FINAL if checked.ok and not checked.missing else DRAFT
    figures = checked.figures
    if figures is None:
        score = "—"
    elif not figures.scored:
        score = "不评分"
    elif figures.total is None:
        score = "待补充"
    else:
        score = f"{figures.total}（{figures.grade}）" if figures.grade else str(figures.total)
    return Summary(status, score, checked.errors, checked.warnings, checked.missing)
