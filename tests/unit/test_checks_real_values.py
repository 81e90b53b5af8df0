"""The checks on 年度指标值 that real target tables hold but that are no targets."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from reportgen import api
from reportgen.errors import Issue, Severity
from reportgen.figures.checks import rule_names
from samples import MINIMAL

NEW_RULES = ("calculation_target", "date_target", "scale_target", "two_targets")


def _with_target(target: object, actual: object = "良好", **more: object) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(MINIMAL)
    data["indicators"][1] = {
        "level1": "效益指标",
        "level2": "社会效益指标",
        "name": "补助对象",
        "target": target,
        "actual": actual,
        "weight": 30,
        "score": 30,
        **more,
    }
    return data


def _target_findings(data: dict[str, Any]) -> list[Issue]:
    checked = api.check_values(data)
    assert checked.ok, checked.errors
    return [issue for issue in checked.issues if issue.path == "indicators[1].target"]


def _only_message(target: object, actual: object = "良好", **more: object) -> str:
    (found,) = _target_findings(_with_target(target, actual, **more))
    assert found.severity is Severity.WARNING
    return found.message


def test_the_new_rules_are_registered_as_indicator_rules() -> None:
    assert set(NEW_RULES) <= set(rule_names())


def test_a_calculation_is_no_target_and_the_warning_names_the_count_and_the_cost() -> None:
    assert _only_message("1500元/人*86人") == (
        "年度指标值“1500元/人*86人”是测算过程而不是指标值：请填写要达到的数值，如“86人”或“≤12.9万元”。"
    )


def test_another_calculation_gets_the_general_examples() -> None:
    assert _only_message("5+3场").endswith("请填写要达到的数值，如“86人”或“≤12.9万元”。")


@pytest.mark.parametrize("target", ["2023年", "2023年度", "2023年12月"])
def test_a_date_is_not_a_value_and_the_warning_says_how_to_write_a_time_target(target: str) -> None:
    assert _only_message(target, "12月") == (
        f"年度指标值“{target}”是时间而不是指标值，无法与实际完成值比较："
        "时效指标请写成“12月底前完成”（按是否按时完成评价）或“完成时间≤12个月”。"
    )


def test_a_year_target_is_not_scored_against_a_month() -> None:
    checked = api.check_values(_with_target("2023年", "12月", score=None))
    assert checked.ok
    assert checked.figures is not None
    result = checked.figures.indicators[1]
    assert result.ratio is None
    assert [issue for issue in checked.issues if issue.path == "indicators[1].actual"] == []


@pytest.mark.parametrize("target", ["12月底前", "12月底前完成", "2023年12月底前完成", "完成时间≤12个月"])
def test_a_deadline_is_a_proper_time_target(target: str) -> None:
    assert _target_findings(_with_target(target, "12月底前已完成")) == []


@pytest.mark.parametrize(("target", "grade"), [("优良差", "优"), ("好坏", "好"), ("满意、基本满意、不满意", "满意")])
def test_a_scale_is_not_a_target_and_the_warning_names_its_best_grade(target: str, grade: str) -> None:
    assert _only_message(target) == f"年度指标值“{target}”是评价等级而不是目标：请写明要达到的等级，如“{grade}”。"


def test_two_targets_in_one_cell_are_named_and_the_first_is_scored() -> None:
    data = _with_target("参考率98%以上，优秀率90%以上", "参考率99%，优秀率92%", score=None)
    (found,) = _target_findings(data)
    assert found.message == (
        "年度指标值“参考率98%以上，优秀率90%以上”含有2个目标（“参考率98%以上”、“优秀率90%以上”），"
        "只按第一个“参考率98%以上”计算：请拆成多个指标，每个指标填写一个指标值。"
    )
    figures = api.check_values(data).figures
    assert figures is not None
    assert figures.indicators[1].score == 30


@pytest.mark.parametrize("target", ["半年一次", "每季度一次", "全区", "全覆盖", "不断提高", "良好", "≥90%", "14万人"])
def test_plain_targets_get_none_of_these_warnings(target: str) -> None:
    assert _target_findings(_with_target(target, target)) == []


def test_wan_targets_compare_with_actuals_written_in_full() -> None:
    checked = api.check_values(_with_target("14万人", "140000人", score=None))
    assert checked.ok
    assert checked.figures is not None
    assert checked.figures.indicators[1].ratio == 100


def test_a_not_applicable_indicator_is_not_flagged() -> None:
    data = _with_target("优良差", applicable=False)
    assert _target_findings(data) == []


def test_the_finding_says_where_the_value_was_typed() -> None:
    (found,) = _target_findings(_with_target("优良差"))
    assert found.label


def test_a_scale_in_a_separate_nature_column_is_flagged_too() -> None:
    # seed 004's layout: 指标性质 “定性” and 指标值 “优良差” in two cells, read as the map form
    message = _only_message({"op": "定性", "value": "优良差"})
    assert message == "年度指标值“优良差”是评价等级而不是目标：请写明要达到的等级，如“优”。"
