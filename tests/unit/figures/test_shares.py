"""Shares are of the whole the sentence names (issue 8, item 1), as tables of cases."""

from __future__ import annotations

from typing import Any

import pytest

from figures_cases import body, cells, checked, messages, report

BUDGET_100 = {"initial": 100, "adjusted": 100, "executed": 100}


@pytest.mark.parametrize(
    ("budget", "sentence"),
    [
        # by_source parts are shares of 全年预算数, never of the parts' own sum (was 11.11 %)
        (
            {**BUDGET_100, "by_source": {"general_public": 80, "government_fund": 10}},
            "一般公共预算80.00万元，占全年预算数的80.00%；政府性基金10.00万元，占全年预算数的10.00%；"
            "未分项10.00万元，占全年预算数的10.00%。",
        ),
        (
            {**BUDGET_100, "by_source": {"general_public": 90, "government_fund": 10}},
            "一般公共预算90.00万元，占全年预算数的90.00%；政府性基金10.00万元，占全年预算数的10.00%。",
        ),
        # by_nature parts are shares of 全年执行数 (was 62.50 %)
        (
            {**BUDGET_100, "by_nature": {"basic": 50, "project": 30}},
            "其中基本支出50.00万元，占全年支出的50.00%；项目支出30.00万元，占全年支出的30.00%；"
            "未分项20.00万元，占全年支出的20.00%。",
        ),
        # one part given: the other is derived from the whole, and the text says so (was 100.00 %)
        (
            {"initial": 799.12, "adjusted": 799.12, "executed": 799.12, "by_nature": {"project": 286.83}},
            "其中基本支出512.29万元（按全年执行数减项目支出计算），占全年支出的64.11%；"
            "项目支出286.83万元，占全年支出的35.89%。",
        ),
        (
            {**BUDGET_100, "by_nature": {"basic": 70}},
            "其中基本支出70.00万元，占全年支出的70.00%；项目支出30.00万元（按全年执行数减基本支出计算），占全年支出的30.00%。",
        ),
        # 基本支出 from its two parts
        (
            {**BUDGET_100, "by_nature": {"personnel": 50, "public_use": 20, "project": 30}},
            "其中基本支出70.00万元（按人员经费与公用经费之和计算），占全年支出的70.00%；项目支出30.00万元，占全年支出的30.00%。",
        ),
        # shares of a whole that is not the budget: 人员经费 of 基本支出
        (
            {**BUDGET_100, "by_nature": {"basic": 80, "personnel": 60, "project": 20}},
            "其中人员经费60.00万元，占基本支出的75.00%；公用经费20.00万元（按基本支出减人员经费计算），占基本支出的25.00%",
        ),
        # parts above their whole: plain shares of the whole, no remainder
        (
            {**BUDGET_100, "by_source": {"general_public": 90, "government_fund": 20}},
            "一般公共预算90.00万元，占全年预算数的90.00%；政府性基金20.00万元，占全年预算数的20.00%。",
        ),
    ],
)
def test_shares_are_of_the_named_whole(budget: dict[str, Any], sentence: str) -> None:
    assert sentence in body(report(budget=budget))


@pytest.mark.parametrize(
    ("by_source", "rows"),
    [
        (
            {"general_public": 80, "government_fund": 10},
            [
                "其中：一般公共预算：80.00",
                "政府性基金拨款：10.00",
                "纳入专户管理的非税收入拨款：0.00",
                "其他资金：0.00",
                "未分项：10.00",
            ],
        ),
        (
            {"general_public": 100},
            [
                "其中：一般公共预算：100.00",
                "政府性基金拨款：0.00",
                "纳入专户管理的非税收入拨款：0.00",
                "其他资金：0.00",
            ],
        ),
    ],
)
def test_the_self_evaluation_table_shows_the_remainder_as_its_own_row(
    by_source: dict[str, int], rows: list[str]
) -> None:
    table = cells(report(budget={**BUDGET_100, "by_source": by_source}))
    start = next(i for i, row in enumerate(table) if "按收入性质分：" in row) + 1
    assert [row[1] for row in table[start : start + len(rows)]] == rows
    assert ("未分项" in str(table)) == any("未分项" in row for row in rows)


def test_parts_short_of_their_whole_are_a_warning_with_the_gap() -> None:
    found = checked(report(budget={**BUDGET_100, "by_source": {"general_public": 80, "government_fund": 10}}))
    assert "按收入性质分各项合计90.00万元，与全年预算数100.00万元相差10.00万元" in messages(found.warnings)


def test_no_by_nature_placeholder_when_it_is_given() -> None:
    text = body(report(budget={"initial": 100, "adjusted": 100, "by_nature": {"project": 30}}))
    assert "budget.by_nature）" not in text  # 基本支出 cannot be derived without 全年执行数
    assert "【待补充：基本支出金额（budget.by_nature.basic）】" in text
