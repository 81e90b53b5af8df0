"""Sentences a reviewer would not flag as machine-made (issue 8, items 5, 7 and 8)."""

from __future__ import annotations

from typing import Any

import pytest

from figures_cases import BASE, body, cells, indicator, report
from reportgen.figures.fmt import sentence, unnumbered


@pytest.mark.parametrize(
    ("typed", "bare"),
    [
        ("1.坚持党的领导", "坚持党的领导"),
        ("1、坚持", "坚持"),
        ("（1）坚持", "坚持"),
        ("(2) 做好", "做好"),
        ("一、加强", "加强"),
        ("（三）加强", "加强"),
        ("①做好", "做好"),
        ("3）落实", "落实"),
        ("1.5万人次", "1.5万人次"),
        ("2022年完成", "2022年完成"),
        ("十分重要", "十分重要"),
        ("1.", "1."),
    ],
)
def test_typed_numbers_are_dropped_where_the_writer_numbers(typed: str, bare: str) -> None:
    assert unnumbered(typed) == bare


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("提升参考率", "提升参考率。"),
        ("已完成。", "已完成。"),
        ("是否达标？", "是否达标？"),
        ("见附件）", "见附件）。"),
        ("目标.", "目标。"),
        ("达到98%，", "达到98%。"),
        ("“优秀”", "“优秀”"),
    ],
)
def test_staff_text_ends_as_a_sentence(text: str, shown: str) -> None:
    assert sentence(text) == shown


def test_staff_numbering_is_not_doubled() -> None:
    data = report(
        goals=[
            {"expected": "1.坚持依法行政", "actual": "1、已坚持"},
            {"expected": "（2）做好调解", "actual": "2.已做好"},
        ],
        unit={"name": "某县司法局", "functions": ["1.负责社区矫正", "2、负责法律援助"]},
    )
    text = body(data)
    for doubled in ("1.1.", "1.（", "2.2", "1.预期目标：1.", "预期目标：1.", "完成情况：1"):
        assert doubled not in text
    assert "1.负责社区矫正。\n2.负责法律援助。" in text
    assert "1.预期目标：坚持依法行政。\n完成情况：已坚持。" in text
    table = cells(data)
    assert any(row[1:3] == ["1.坚持依法行政\n2.做好调解", "1.已坚持\n2.已做好"] for row in table) or any(
        "1.坚持依法行政\n2.做好调解" in c for row in table for c in row
    )


def test_headings_typed_with_numbers_get_only_the_writer_numbers() -> None:
    text = body(report(problems=[{"title": "一、经费不足", "text": "经费偏紧。"}]))
    assert "\n经费不足\n" in text


@pytest.mark.parametrize(
    ("target", "actual", "says", "never"),
    [
        ("100%", "100%", "实际完成100%，达到指标值，得50分", "完成率100.00%"),
        ("≥90%", ">90%", "实际完成情况填写为“>90%”，未给出确切数值，按90%计，得50分", "完成率"),
        ("400-500人", "400-500人", "实际完成情况填写为“400-500人”，未给出确切数值", "在指标值范围内"),
        ("200件", "210件", "实际完成210件，超额完成10件（完成率105.00%）", "达到指标值"),
        ("200件", "180件", "未完成，差20件（完成率90.00%），得45分", "达到指标值"),
        ("≤90万元", "89.974万元", "年度指标值≤90.00万元，实际完成89.97万元，控制在指标值以内", "89.974"),
    ],
)
def test_indicator_sentences(target: str, actual: str, says: str, never: str) -> None:
    data = report(
        indicators=[
            indicator("甲", target, actual, 50, deviation="原因。"),
            *BASE["indicators"][1:],
            indicator("乙", "1件", "1件", 10, level1="效益指标"),
        ]
    )
    data["indicators"][1] = data["indicators"][1] | {"weight": 20, "score": 20}
    text = body(data)
    assert says in text
    line = next(line for line in text.splitlines() if line.startswith("“甲”"))
    assert never not in line


def test_a_unit_that_is_both_authority_and_implementer_is_named_once() -> None:
    data: dict[str, Any] = report(kind="project", project={"name": "法律援助项目"})
    text = body(data)
    assert "法律援助项目由某县司法局主管并组织实施。" in text
    assert "实施单位为某县司法局" not in text
    other = report(kind="project", project={"name": "法律援助项目", "authority": "某市司法局"})
    assert "主管部门为某市司法局，实施单位为某县司法局" in body(other)


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("2023年法律援助资金", "2023年法律援助资金绩效自评报告"),
        ("法律援助资金", "法律援助资金2023年度绩效自评报告"),
    ],
)
def test_a_project_title_says_its_year_once(name: str, title: str) -> None:
    first, second, *_ = body(report(kind="project", project={"name": name})).splitlines()
    assert first + second == title or first == title


def test_a_difference_hidden_by_rounding_is_said_as_such() -> None:
    text = body(report(budget={"initial": 100.004, "adjusted": 100.001, "executed": 100.001}))
    assert "年初预算数100.00万元，年中调减不足0.01万元，全年预算数100.00万元" in text
    printed = body(report(budget={"initial": 100.004, "adjusted": 99.978, "executed": 99.978}))
    assert "年初预算数100.00万元，年中调减0.02万元，全年预算数99.98万元" in printed  # adds up as printed
