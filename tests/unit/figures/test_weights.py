"""Totals only on the scale they claim (issue 8, items 2, 3 and 16's rounding), as tables of cases."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from figures_cases import BASE, body, cells, checked, indicator, messages, report


def _with(*indicators: dict[str, Any], **scoring: Any) -> dict[str, Any]:
    data = report(indicators=list(indicators))
    if scoring:
        data["scoring"] = scoring
    return data


SIXTY = indicator("案件", "100件", "100件", 60)
FORTY = indicator("稳定", "良好", "良好", 40, level1="效益指标", score=40)
TWENTY = indicator("满意", "≥90%", "95%", 20, level1="满意度指标")


@pytest.mark.parametrize(
    ("budget_weight", "indicators", "error"),
    [
        # a real project table: 20 (execution) + 60 + 40 = 120 (was printed "综合得分120.00分")
        (20, (SIXTY, FORTY), "分值合计为120分（预算执行率20分，产出指标60分，效益指标40分），不是100分"),
        (10, (SIXTY, FORTY, TWENTY), "分值合计为130分（预算执行率10分，产出指标60分，效益指标40分，满意度指标20分）"),
        # short weights are never rescaled away, not even by one 不适用 row (was 72 of 80 → 90.00 优)
        (
            10,
            (indicator("案件", "100件", "90件", 50), indicator("不适用项", "不适用", None, 20)),
            "分值合计为80分（预算执行率10分，产出指标70分），不是100分",
        ),
    ],
)
def test_weights_that_do_not_add_up_to_100_are_an_error(
    budget_weight: int, indicators: tuple[dict[str, Any], ...], error: str
) -> None:
    data = _with(*indicators)
    data["budget"]["weight"] = budget_weight
    found = checked(data)
    assert not found.ok
    assert error in messages(found.errors)
    assert "scale_to_100: true" in messages(found.errors)


def test_a_unit_that_rescales_to_100_says_so() -> None:
    data = _with(SIXTY, FORTY, TWENTY, scale_to_100=True)
    found = checked(data)
    assert found.ok and found.figures is not None
    assert found.figures.total == Decimal("100.00")  # 130 of 130 → 100 on the 100-point scale
    assert "本单位指标分值合计130分，综合得分按规定折算为百分制。" in body(data)
    assert "已折算为百分制" in messages(found.warnings)


def test_not_applicable_indicators_keep_their_rescaling_rule() -> None:
    data = _with(
        indicator("案件", "100件", "100件", 40),
        indicator("另一项", "不适用", None, 20),
        FORTY | {"weight": 30, "score": 27},
    )
    found = checked(data)
    assert found.ok and found.figures is not None
    assert found.figures.total == Decimal("96.25")  # (10 + 40 + 27) / (10 + 40 + 30) × 100
    assert "不适用的指标不参与评分，综合得分按适用指标的分值折算为百分制。" in body(data)


def test_a_declared_group_without_indicators_is_reported() -> None:
    data = _with(
        indicator("案件", "100件", "100件", 60),
        FORTY | {"weight": 30, "score": 30},
        group_weights={"产出指标": 60, "效益指标": 30, "满意度指标": 10},
    )
    found = checked(data)
    assert "写明了一级指标“满意度指标”的分值10分，但绩效指标中没有满意度指标" in messages(found.errors)


def test_the_total_is_rounded_once() -> None:
    """5,000 indicators of 0.018 points: 100.00, not 110.00 from 5,000 roundings."""
    many = [indicator(f"指标{i}", "100件", "99件", Decimal("0.018")) for i in range(5000)]
    found = checked(_with(*many))
    assert found.ok and found.figures is not None
    assert found.figures.total == Decimal("99.10")  # 10 + 5000 × 0.018 × 0.99


def test_one_precision_for_every_score_of_the_report() -> None:
    whole = body(report())
    assert "综合得分100分，评价等级为“优”。其中预算执行率得10分（分值10分）" in whole
    half = report(indicators=[*BASE["indicators"][:1], BASE["indicators"][1] | {"score": 29.5}, BASE["indicators"][2]])
    text = body(half)
    assert "综合得分99.50分" in text and "预算执行率得10.00分" in text and "效益指标得29.50分" in text
    assert ["总分", "100", "99.50", "等级：优"] in cells(half)
