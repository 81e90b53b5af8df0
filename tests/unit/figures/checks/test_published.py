"""原表数字: figures a unit's own table printed, checked against the computed ones (issue 8)."""

from __future__ import annotations

from typing import Any

import pytest

from figures_cases import checked, messages, report


@pytest.mark.parametrize(
    ("changes", "path", "text"),
    [
        (
            {"published": {"execution_rate": 100}, "budget": {"initial": 318.4, "adjusted": 318.4, "executed": 442.92}},
            "published.execution_rate",
            "原表的预算执行率为100.00%，按数据计算应为139.11%",
        ),
        (
            {"published": {"budget_weight": 100}},
            "published.budget_weight",
            "原表的预算执行率分值为100分，按数据计算应为10分",
        ),
        ({"published": {"total": 98}}, "published.total", "原表的总分为98分，按数据计算应为100分"),
        ({"published": {"grade": "良"}}, "published.grade", "原表的等级为“良”，按数据计算的总分100分应为“优”"),
        (
            {"published": {"total_weight": 120}},
            "published.total_weight",
            "原表的总分的分值为120分，按数据计算应为100分",
        ),
        (
            {"projects": [{"name": "调解", "budget": 10, "executed": 12, "published": {"execution_rate": 100}}]},
            "projects[0].published.execution_rate",
            "原表的项目“调解”的执行率为100.00%，按数据计算应为120.00%",
        ),
    ],
)
def test_each_printed_figure_that_differs_is_reported(changes: dict[str, Any], path: str, text: str) -> None:
    found = checked(report(**changes))
    assert found.ok
    assert [w.path for w in found.warnings if w.path.startswith(("published", "projects[0].published"))] == [path]
    assert text in messages(found.warnings)


def test_printed_figures_that_agree_are_not_reported() -> None:
    found = checked(
        report(
            published={
                "total": 100,
                "grade": "优",
                "execution_rate": 100,
                "budget_score": 10,
                "budget_weight": 10,
                "total_weight": 100,
            }
        )
    )
    assert not [w for w in found.warnings if w.path.startswith("published")]
