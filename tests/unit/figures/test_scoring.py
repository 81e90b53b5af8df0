"""Indicator scores (docs/domain.md §1.7) and totals, case by case."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from reportgen.data.model import Indicator, Report, Scoring
from reportgen.data.vocabulary import grade_of
from reportgen.figures.compute import compute
from reportgen.figures.profiles import rules_for
from reportgen.figures.results import Note, Outcome, Status
from reportgen.figures.scoring import score_indicator

D = Decimal


def indicator(target: Any, actual: Any, weight: int = 10, **extra: Any) -> Indicator:
    return Indicator.model_validate(
        {
            "level1": "产出指标",
            "level2": "数量指标",
            "name": "指标",
            "target": target,
            "actual": actual,
            "weight": weight,
            **extra,
        }
    )


@pytest.mark.parametrize(
    ("target", "actual", "status", "score"),
    [
        ("210件", "249件", Status.MET, "10.00"),
        ("500件", "400件", Status.UNMET, "8.00"),
        ("≥90%", "95%", Status.MET, "10.00"),
        ("≥98%", "98%", Status.MET, "10.00"),
        ("98%", "49%", Status.UNMET, "5.00"),
        ("500件", "1620件", Status.OVER, "10.00"),
        ("≤524.31万元", "500万元", Status.MET, "10.00"),
        ("≤90万元", "100万元", Status.UNMET, "9.00"),
        ("≤0起", "0起", Status.MET, "10.00"),
        ("≤0起", "2起", Status.UNMET, "0.00"),
        ("400-500人", "450人", Status.MET, "10.00"),
        ("400-500人", "300人", Status.UNMET, "7.50"),
        ("400-500人", "578人", Status.OVER, "10.00"),
        ("≤90万元", "900000元", Status.MET, "10.00"),
        ("3", "1", Status.UNMET, "3.33"),
    ],
    ids=lambda v: str(v),
)
def test_quantitative_scores(target: str, actual: str, status: Status, score: str) -> None:
    result = score_indicator(0, indicator(target, actual), rules_for(Scoring()))
    assert (result.status, result.score) == (status, D(score))


@pytest.mark.parametrize(
    ("target", "actual", "extra", "outcome", "needs_deviation"),
    [
        ("210件", "249件", {}, Outcome.ABOVE_TARGET, False),
        ("210件", "210件", {}, Outcome.MET_EXACTLY, False),
        ("500件", "400件", {}, Outcome.BELOW_TARGET, True),
        ("500件", "1620件", {}, Outcome.ABOVE_TARGET, True),  # over-achieved: the target may be too low
        ("≤90万元", "80万元", {}, Outcome.WITHIN_LIMIT, False),
        ("≤90万元", "100万元", {}, Outcome.OVER_LIMIT, True),
        ("5天", "10天", {"direction": "reverse"}, Outcome.OVER_LIMIT, True),
        ("400-500人", "450人", {}, Outcome.IN_RANGE, False),
        ("400-500人", "300人", {}, Outcome.BELOW_RANGE, True),
        ("400-500人", "578人", {}, Outcome.ABOVE_RANGE, True),
        ("良好", "良好", {"score": 10}, None, False),
        ("良好", "一般", {"score": 6}, None, True),
    ],
    ids=lambda v: str(v),
)
def test_outcome_and_deviation_flags(
    target: str, actual: str, extra: dict[str, Any], outcome: Outcome | None, needs_deviation: bool
) -> None:
    """The flags the templates and the checks read, computed once by the figures stage."""
    result = score_indicator(0, indicator(target, actual, **extra), rules_for(Scoring()))
    assert (result.outcome, result.needs_deviation) == (outcome, needs_deviation)


def test_over_threshold_is_configurable() -> None:
    rules = rules_for(Scoring(over_threshold=D("2")))
    assert score_indicator(0, indicator("100件", "150件"), rules).status is Status.MET
    assert score_indicator(0, indicator("100件", "250件"), rules).status is Status.OVER


def test_direction_overrides_the_written_form() -> None:
    result = score_indicator(0, indicator("5天", "10天", direction="reverse"), rules_for(Scoring()))
    assert result.score == D("5.00")


@pytest.mark.parametrize(
    ("extra", "grade", "score"),
    [
        ({"grade": "达成"}, "达成", "10.00"),
        ({"grade": "部分达成"}, "部分达成", "7.00"),
        ({"grade": "未达成"}, "未达成", "3.00"),
        ({"score": 9}, "达成", "9"),
        ({"score": 7}, "部分达成", "7"),
        ({"score": 5}, "未达成", "5"),
    ],
)
def test_qualitative_grades_and_bands(extra: dict[str, Any], grade: str, score: str) -> None:
    result = score_indicator(0, indicator("良好", "较好", **extra), rules_for(Scoring()))
    assert (result.status, result.grade, result.score) == (Status.QUALITATIVE, grade, D(score))


def test_qualitative_bands_follow_the_scoring_rules() -> None:
    rules = rules_for(Scoring(qualitative_bands=(D("0.8"), D("0.5"))))
    assert score_indicator(0, indicator("良好", "一般", score=5), rules).grade == "部分达成"


def test_given_score_outside_its_grade_band_is_noted() -> None:
    result = score_indicator(0, indicator("良好", "良好", score=5, grade="达成"), rules_for(Scoring()))
    assert Note.SCORE_OUTSIDE_GRADE in result.notes


def test_qualitative_without_score_or_grade_is_inferred_only_when_clearly_met() -> None:
    met = score_indicator(0, indicator("非常满意", "非常满意"), rules_for(Scoring()))
    assert (met.grade, met.score, Note.GRADE_INFERRED in met.notes) == ("达成", D("10.00"), True)
    unclear = score_indicator(0, indicator("良好", "有提高"), rules_for(Scoring()))
    assert (unclear.status, unclear.score, unclear.notes) == (Status.UNSCORED, None, (Note.NO_SCORE,))


def test_text_actual_for_a_quantitative_target_counts_as_met_and_is_noted() -> None:
    result = score_indicator(0, indicator("500件", "已完成"), rules_for(Scoring()))
    assert result.score == D("10.00")
    assert Note.TEXT_ACTUAL in result.notes


def test_given_score_is_used_and_a_difference_is_noted() -> None:
    result = score_indicator(0, indicator("500件", "400件", score=9), rules_for(Scoring()))
    assert (result.computed, result.score) == (D("8.00"), D(9))
    assert Note.SCORE_DIFFERS in result.notes


def test_actual_written_as_a_bound_uses_the_bound() -> None:
    result = score_indicator(0, indicator("≥90%", ">90%"), rules_for(Scoring()))
    assert (result.score, result.notes) == (D("10.00"), (Note.ACTUAL_NOT_EXACT,))


@pytest.mark.parametrize(("target", "applicable"), [("不适用", True), ("100件", False)])
def test_not_applicable_indicators_are_left_out(target: str, applicable: bool) -> None:
    result = score_indicator(0, indicator(target, "50件", applicable=applicable), rules_for(Scoring()))
    assert result.status is Status.NOT_APPLICABLE and result.score is None


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        ("100", "优"),
        ("90", "优"),
        ("89.99", "良"),
        ("89.5", "良"),
        ("80", "良"),
        ("79.99", "中"),
        ("60", "中"),
        ("59.99", "差"),
        ("0", "差"),
    ],
)
def test_grade_bands_are_half_open(total: str, grade: str) -> None:
    assert grade_of(D(total)) == grade


def report(indicators: list[dict[str, Any]], **budget: Any) -> Report:
    return Report.model_validate(
        {
            "format": "reportgen/1",
            "kind": "department",
            "year": 2023,
            "money_unit": "元",
            "unit": {"name": "某单位"},
            "budget": {"initial": 1000000, "adjusted": 1000000, "executed": 950000, **budget},
            "indicators": indicators,
        }
    )


def ind(name: str, level1: str, target: str, actual: str, weight: int, **extra: Any) -> dict[str, Any]:
    return {"level1": level1, "level2": "", "name": name, "target": target, "actual": actual, "weight": weight, **extra}


def test_total_adds_budget_score_and_indicator_scores() -> None:
    fig = compute(
        report(
            [
                ind("a", "产出指标", "100件", "80件", 50),
                ind("b", "效益指标", "良好", "良好", 30, score=27),
                ind("c", "满意度指标", "≥90%", "95%", 10),
            ]
        )
    )
    assert fig.budget.rate == D("95.00") and fig.budget.score == D("9.50")
    assert fig.total == D("9.50") + D("40.00") + D(27) + D("10.00")
    assert fig.grade == "良"


def test_not_applicable_indicators_rescale_the_total_to_one_hundred() -> None:
    fig = compute(
        report(
            [
                ind("a", "产出指标", "100件", "100件", 40),
                ind("b", "产出指标", "不适用", "—", 10),
                ind("c", "效益指标", "良好", "良好", 30, score=30),
                ind("d", "满意度指标", "≥90%", "95%", 10),
            ],
            executed=1000000,
        )
    )
    assert fig.rescaled
    assert fig.total == D("100.00")


def test_execution_above_budget_is_capped_in_the_score() -> None:
    fig = compute(report([ind("a", "产出指标", "1件", "1件", 90)], executed=1391100))
    assert fig.budget.rate == D("139.11")
    assert fig.budget.score == D("10.00")


def test_amounts_are_converted_once_and_rounded_half_up() -> None:
    fig = compute(
        report(
            [ind("a", "产出指标", "1件", "1件", 90)],
            adjusted=16905537.09,
            executed=D("4429287.60"),
            initial=D("15205000.00"),
        )
    )
    assert (fig.budget.adjusted, fig.budget.executed, fig.budget.initial) == (D("1690.55"), D("442.93"), D("1520.50"))
