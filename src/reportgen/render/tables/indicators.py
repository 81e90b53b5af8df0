"""The 绩效自评表's part two: the indicators under a header row that repeats on every page.

Indicators are grouped by 一级 then 二级指标 (each group in first-seen order), so a group's
name is one merged cell down the rows it spans; the 总分 row closes the table. The grid is
the one part one (:mod:`reportgen.render.tables.self_evaluation`) uses.

The label "绩效指标" is a header row of its own across the table, above the column headers,
and both rows repeat on every page: a label merged down the first column would be cut by
each page break ("绩 效" on one page, "指 标" on the next) and Word cannot restart a merge
on a new page (docs/docx-notes.md §3.9). So the 一级指标 column spans the first two grid
columns. A group's rows are kept on one page when they fit (``keep`` on all but its last
row), so a merged 一级/二级 name is never split from its rows.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportgen.data.vocabulary import placeholder
from reportgen.figures.compute import Figures
from reportgen.figures.fmt import number, score, value_text
from reportgen.figures.results import IndicatorResult, Status
from reportgen.render.blocks import Row
from reportgen.render.tables.cells import cell

WIDTHS = (6, 8, 9, 13, 11, 11, 7, 11, 13)

_HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")


def indicator_rows(fig: Figures) -> Iterator[Row]:
    """The header row, one row per indicator with its groups' cells merged, and the 总分 row."""
    yield Row((cell("绩效指标", 9, bold=True),), header=True)
    yield Row((cell(_HEADER[0], 2, bold=True), *(cell(t, bold=True) for t in _HEADER[1:])), header=True)
    weights = {g.level1: g.weight for g in fig.groups}
    if not fig.indicators:
        yield Row((cell("本次自评未设绩效指标。", 9, align="left"),))
        return
    previous: tuple[str, str] | None = None
    grouped = _grouped(fig)
    for index, result in enumerate(grouped):
        ind = result.indicator
        following = grouped[index + 1].indicator if index + 1 < len(grouped) else None
        level1 = ind.level1 if fig.total_weight is None else f"{ind.level1}（{number(weights[ind.level1])}分）"
        same1 = previous is not None and previous[0] == ind.level1
        same2 = same1 and previous is not None and previous[1] == ind.level2
        previous = (ind.level1, ind.level2)
        yield Row(
            (
                cell("" if same1 else level1, 2, vmerge="continue" if same1 else "restart"),
                cell("" if same2 else ind.level2, vmerge="continue" if same2 else "restart"),
                cell(ind.name, align="left"),
                cell(value_text(ind.target)),
                cell(placeholder() if result.actual_missing else value_text(ind.actual) if ind.actual else ""),
                cell(placeholder() if result.weight_missing else number(ind.weight)),
                cell(_score_text(result, fig.score_places)),
                cell(" ".join((ind.deviation or "").split()), align="left"),
            ),
            keep=following is not None and following.level1 == ind.level1,
        )
    total = placeholder() if fig.total is None else score(fig.total, fig.score_places)
    weight = placeholder() if fig.total_weight is None else number(fig.total_weight)
    yield Row(
        (
            cell("总分", 6, bold=True),
            cell(weight),
            cell(total, bold=True),
            cell(f"等级：{fig.grade or placeholder()}", bold=True),
        )
    )


def _score_text(result: IndicatorResult, places: int) -> str:
    if result.status is Status.NOT_APPLICABLE:
        return "不适用"
    if result.pending:
        return placeholder()
    return score(result.score, places) if result.score is not None else "未评分"


def _grouped(fig: Figures) -> list[IndicatorResult]:
    """Indicators grouped by 一级 then 二级指标, each group in first-seen order, so merges are whole."""
    level1 = [g.level1 for g in fig.groups]
    level2: list[str] = []
    for result in fig.indicators:
        if result.indicator.level2 not in level2:
            level2.append(result.indicator.level2)
    return sorted(fig.indicators, key=lambda r: (level1.index(r.level1), level2.index(r.indicator.level2), r.index))


__all__ = ["WIDTHS", "indicator_rows"]
