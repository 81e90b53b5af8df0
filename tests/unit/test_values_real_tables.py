"""Values written in real 绩效目标表 cells: parsed, or kept as text with a note the checks flag."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.data.value_forms import (
    ValueNote,
    calculation_examples,
    is_calculation,
    scale_grades,
    target_parts,
    time_note,
)
from reportgen.data.values import Op, ValueExpr, ValueParseError, parse_value

D = Decimal


@pytest.mark.parametrize(
    "written",
    ["1500元/人*86人", "1500元/人×86人", "1500元/人x86人", "200元*30次=6000元", "5+3场", "1500 元/人 * 86 人"],
)
def test_a_calculation_stays_text_noted_as_calculation(written: str) -> None:
    expr = parse_value(written)
    assert (expr.op, expr.value, expr.unit, expr.note) == (Op.QUALITATIVE, None, "", ValueNote.CALCULATION)
    assert expr.text == written
    assert not expr.is_quantitative


@pytest.mark.parametrize(
    ("written", "examples"),
    [
        ("1500元/人*86人", ("86人", "≤12.9万元")),
        ("1500元/人×86", ("86人", "≤12.9万元")),
        ("200元/次*30次", ("30次", "≤6000元")),
        ("0.5万元/户*12户", ("12户", "≤6万元")),
        ("5+3场", None),
        ("1500元/人*86个", None),
    ],
)
def test_a_unit_price_times_a_count_gives_the_count_and_the_cost(
    written: str, examples: tuple[str, str] | None
) -> None:
    assert calculation_examples(written) == examples


@pytest.mark.parametrize("written", ["1500元/人", "400-500人", "≥90%", "Excel2份", "3x"])
def test_no_calculation_without_arithmetic_between_two_numbers(written: str) -> None:
    assert not is_calculation(written)


@pytest.mark.parametrize(
    "written",
    [
        "2023年",
        "2023年度",
        "2023年12月",
        "2023年12月31日",
        "2023年12月底",
        "12月底",
        "12月31日",
        "2023-12-31",
        "2023/12",
    ],
)
def test_a_point_in_time_is_a_date_never_a_number_of_years(written: str) -> None:
    expr = parse_value(written)
    assert (expr.op, expr.value, expr.unit, expr.note) == (Op.QUALITATIVE, None, "", ValueNote.DATE)


@pytest.mark.parametrize(
    "written",
    [
        "12月底前",
        "12月前",
        "12月底前完成",
        "2023年12月底前完成",
        "2023年底前",
        "2023年内",
        "于2023年6月30日前完成",
        "≤2023年12月",
        "截至2023年12月",
        "2023-12-31前",
    ],
)
def test_a_deadline_is_a_qualitative_time_target(written: str) -> None:
    expr = parse_value(written)
    assert (expr.op, expr.value, expr.note) == (Op.QUALITATIVE, None, ValueNote.DEADLINE)


@pytest.mark.parametrize(
    ("written", "op", "value", "unit"),
    [
        ("12月", Op.EQ, D(12), "月"),
        ("3年", Op.EQ, D(3), "年"),
        ("≥3年", Op.GE, D(3), "年"),
        ("12个月", Op.EQ, D(12), "个月"),
        ("完成时间≤12个月", Op.LE, D(12), "个月"),
        ("6月内", Op.LE, D(6), "月"),
        ("2023人", Op.EQ, D(2023), "人"),
    ],
)
def test_durations_and_counts_stay_numbers(written: str, op: Op, value: Decimal, unit: str) -> None:
    expr = parse_value(written)
    assert (expr.op, expr.value, expr.unit, expr.note) == (op, value, unit, None)


def test_a_year_is_never_compared_with_a_month() -> None:
    assert time_note("2023年") is ValueNote.DATE
    assert parse_value("2023年").value is None
    assert parse_value("2023年12月完成").note is ValueNote.DEADLINE


@pytest.mark.parametrize(
    ("written", "op", "value", "upper", "unit"),
    [
        ("14万", Op.EQ, D(140000), None, ""),
        ("14万人", Op.EQ, D(140000), None, "人"),
        ("1.5万份", Op.EQ, D(15000), None, "份"),
        ("≥1.5万人次", Op.GE, D(15000), None, "人次"),
        ("3万亩以上", Op.GE, D(30000), None, "亩"),
        ("0.00015万人", Op.EQ, D("1.5"), None, "人"),
        ("1-1.5万人", Op.RANGE, D(10000), D(15000), "人"),
        ("1万-1.5万人", Op.RANGE, D(10000), D(15000), "人"),
        ("1万-15000人", Op.RANGE, D(10000), D(15000), "人"),
        ("14万元", Op.EQ, D(14), None, "万元"),
        ("≤524.31万元", Op.LE, D("524.31"), None, "万元"),
        ("0.5-1.5万元", Op.RANGE, D("0.5"), D("1.5"), "万元"),
        ("2万元/人", Op.EQ, D(2), None, "万元/人"),
    ],
)
def test_wan_multiplies_except_in_money(written: str, op: Op, value: Decimal, upper: Decimal | None, unit: str) -> None:
    expr = parse_value(written)
    assert (expr.op, expr.value, expr.upper, expr.unit) == (op, value, upper, unit)
    assert expr.text == written


def test_a_multiplied_value_is_a_plain_integer_when_whole() -> None:
    assert str(parse_value("1.5万份").value) == "15000"


def test_the_map_form_multiplies_as_the_text_it_prints() -> None:
    assert parse_value({"op": "≥", "value": 14, "unit": "万人"}) == ValueExpr(Op.GE, D(140000), None, "人", "≥14万人")
    assert parse_value({"value": 14, "unit": "万元"}).unit == "万元"


def test_wan_beyond_the_limits_is_refused() -> None:
    with pytest.raises(ValueParseError, match="超出范围"):
        parse_value("999999999999万人")


@pytest.mark.parametrize(
    ("written", "op", "value", "unit", "parts"),
    [
        ("参考率98%以上，优秀率90%以上", Op.GE, D(98), "%", ("参考率98%以上", "优秀率90%以上")),
        ("参考率98%以上,优秀率90%以上。", Op.GE, D(98), "%", ("参考率98%以上", "优秀率90%以上。")),
        ("≥95%；≥90%；100件", Op.GE, D(95), "%", ("≥95%", "≥90%", "100件")),
        ("覆盖1.5万人;满意度≥90%", Op.EQ, D(15000), "人", ("覆盖1.5万人", "满意度≥90%")),
    ],
)
def test_two_targets_in_one_cell_count_as_the_first(
    written: str, op: Op, value: Decimal, unit: str, parts: tuple[str, ...]
) -> None:
    expr = parse_value(written)
    assert (expr.op, expr.value, expr.unit, expr.note) == (op, value, unit, ValueNote.TWO_TARGETS)
    assert expr.text == written
    assert target_parts(written) == parts


@pytest.mark.parametrize(
    ("written", "fragment"),
    [
        ("1.完成率90%，2.满意度95%", "多个数字"),
        ("4.公职人员学法考试参考率达到90%。", "多个数字"),
        ("1,620件", "千位分隔符"),
        ("98%-90%,95%", "多个数字"),
    ],
)
def test_several_numbers_that_are_not_several_targets_are_still_refused(written: str, fragment: str) -> None:
    with pytest.raises(ValueParseError, match=fragment):
        parse_value(written)


@pytest.mark.parametrize(
    "written", ["半年一次", "每季度一次", "全区", "全覆盖", "不断提高", "良好", "优良", "优", "合格", "满意"]
)
def test_qualitative_targets_carry_no_note(written: str) -> None:
    expr = parse_value(written)
    assert (expr.op, expr.value, expr.note) == (Op.QUALITATIVE, None, None)


@pytest.mark.parametrize(
    ("written", "grades"),
    [
        ("优良差", ("优", "良", "差")),
        ("好坏", ("好", "坏")),
        ("优/良/中/差", ("优", "良", "中", "差")),
        ("满意、基本满意、不满意", ("满意", "基本满意", "不满意")),
        ("合格 不合格", ("合格", "不合格")),
        ("高中低", ("高", "中", "低")),
    ],
)
def test_an_evaluation_scale_is_noted_with_its_grades(written: str, grades: tuple[str, ...]) -> None:
    expr = parse_value(written)
    assert (expr.op, expr.note) == (Op.QUALITATIVE, ValueNote.SCALE)
    assert scale_grades("".join(written.split())) == grades


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ({"op": "定性", "value": "优良差"}, "优良差"),
        ({"op": "qualitative", "value": "好坏", "unit": ""}, "好坏"),
        ({"op": "定性", "text": "优/良/中/差"}, "优/良/中/差"),
    ],
)
def test_a_scale_in_the_map_form_is_noted_too(raw: dict[str, object], text: str) -> None:
    assert parse_value(raw) == ValueExpr(Op.QUALITATIVE, None, text=text, note=ValueNote.SCALE)


def test_a_qualitative_map_with_a_target_grade_gets_no_note() -> None:
    assert parse_value({"op": "定性", "value": "优"}) == ValueExpr(Op.QUALITATIVE, None, text="优")


@given(st.text(alphabet=st.characters(exclude_categories=["Nd"]), min_size=1))
def test_notes_never_make_text_without_digits_fail(text: str) -> None:
    try:
        expr = parse_value(text)
    except ValueParseError as err:
        assert "不能为空" in err.message
        return
    assert expr.note in (None, ValueNote.SCALE)


@given(st.decimals(min_value=0, max_value=10**6, places=2), st.sampled_from(["", "人", "份", "人次", "亩"]))
def test_wan_is_ten_thousand_times_the_number(amount: Decimal, unit: str) -> None:
    expr = parse_value(f"{amount}万{unit}")
    assert (expr.value, expr.unit) == (amount * 10000, unit)


def _documented_rows() -> list[tuple[str, str]]:
    """(example, meaning) for every example of docs/data-format.md's table of real tables' forms."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "data-format.md").read_text(encoding="utf-8")
    table = doc.split("forms of real target tables", 1)[1].split("\n\n", 2)[1]
    rows = [line.split("|")[1:3] for line in table.splitlines() if line.strip().startswith("| `")]
    return [(example, meaning) for written, meaning in rows for example in re.findall(r"`([^`]+)`", written)]


_RULE_NOTES = {
    "calculation_target": ValueNote.CALCULATION,
    "date_target": ValueNote.DATE,
    "two_targets": ValueNote.TWO_TARGETS,
    "scale_target": ValueNote.SCALE,
}


@pytest.mark.parametrize(("written", "meaning"), _documented_rows())
def test_every_documented_form_reads_as_documented(written: str, meaning: str) -> None:
    expr = parse_value(written)
    warned = re.search(r"\*warning\* `(\w+)`", meaning)
    if warned:
        assert expr.note is _RULE_NOTES[warned[1]]
    elif "deadline" in meaning:
        assert expr.note is ValueNote.DEADLINE
    else:
        assert expr.note is None


def test_the_documented_table_is_found() -> None:
    assert len(_documented_rows()) >= 30
