"""原表数字: the figures a unit's own table printed, compared with the computed ones.

A hand-made 自评表 often prints figures its own amounts contradict (执行率 100 % for
139.11 %, 分值 100 for 10, 总分 100 for weights of 120). Recording them under
``published`` (and ``projects[].published``) lets ``validate`` list each difference — the
way a reviewer checks a table.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from reportgen.data.fieldpath import PathKey
from reportgen.data.model import Report
from reportgen.data.vocabulary import grade_of
from reportgen.figures.compute import Figures
from reportgen.figures.fmt import number, pct
from reportgen.figures.numbers import round_half_up

Finding = tuple[PathKey, str]


def published_differences(report: Report, fig: Figures) -> Iterator[Finding]:
    """One warning per printed figure that differs from the computed one."""
    published = report.published
    if published is not None:
        b = fig.budget
        yield from _compare(("published", "execution_rate"), "预算执行率", published.execution_rate, b.rate, "%")
        yield from _compare(("published", "budget_score"), "预算执行率得分", published.budget_score, b.score, "分")
        yield from _compare(("published", "budget_weight"), "预算执行率分值", published.budget_weight, b.weight, "分")
        yield from _compare(("published", "total_weight"), "总分的分值", published.total_weight, fig.total_weight, "分")
        yield from _compare(("published", "total"), "总分", published.total, fig.total, "分")
        if published.grade is not None and published.total is not None and grade_of(published.total) != published.grade:
            yield (
                ("published", "grade"),
                (
                    f"原表的总分{number(published.total)}分应评为“{grade_of(published.total)}”，"
                    f"但原表的等级写的是“{published.grade}”：总分与等级自相矛盾，请核对原表。"
                ),
            )
        elif published.grade is not None and fig.grade is not None and published.grade != fig.grade:
            yield (
                ("published", "grade"),
                (f"原表的等级为“{published.grade}”，按数据计算的总分{number(fig.total)}分应为“{fig.grade}”：请核对。"),
            )
    for index, (item, shown) in enumerate(zip(report.projects, fig.projects, strict=True)):
        if item.published is not None:
            yield from _compare(
                ("projects", index, "published", "execution_rate"),
                f"项目“{item.name}”的执行率",
                item.published.execution_rate,
                shown.rate,
                "%",
            )


def _compare(
    path: PathKey, what: str, printed: Decimal | None, computed: Decimal | None, unit: str
) -> Iterator[Finding]:
    if printed is None or computed is None:
        return
    if round_half_up(printed) == round_half_up(computed):
        return
    shown = pct(computed) if unit == "%" else f"{number(computed)}分"
    given = pct(printed) if unit == "%" else f"{number(printed)}分"
    yield path, f"原表的{what}为{given}，按数据计算应为{shown}：请核对原表。"


__all__ = ["published_differences"]
