"""Tests for reportgen.data.values: parsing 年度指标值 / 实际完成值 expressions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.data.values import (
    Op,
    ValueExpr,
    ValueParseError,
    convert_money,
    parse_value,
    units_compatible,
)

D = Decimal

# (written, op, value, upper, unit)
TEXT_CASES: list[tuple[str, Op, Decimal | None, Decimal | None, str]] = [
    # docs/data-format.md "Value expressions" table
    ("500件", Op.EQ, D(500), None, "件"),
    ("100%", Op.EQ, D(100), None, "%"),
    ("12月", Op.EQ, D(12), None, "月"),
    ("≥90%", Op.GE, D(90), None, "%"),
    ("≧90%", Op.GE, D(90), None, "%"),
    (">90%", Op.GT, D(90), None, "%"),
    ("90%以上", Op.GE, D(90), None, "%"),
    ("不低于90%", Op.GE, D(90), None, "%"),
    ("≤524.31万元", Op.LE, D("524.31"), None, "万元"),
    ("≦524.31万元", Op.LE, D("524.31"), None, "万元"),
    ("≦90万元", Op.LE, D(90), None, "万元"),
    ("不超过90万元", Op.LE, D(90), None, "万元"),
    ("<1%", Op.LT, D(1), None, "%"),
    ("400-500人", Op.RANGE, D(400), D(500), "人"),
    ("400～500人", Op.RANGE, D(400), D(500), "人"),
    ("400至500人", Op.RANGE, D(400), D(500), "人"),
    ("98%以上", Op.GE, D(98), None, "%"),
    ("参考率98%以上", Op.GE, D(98), None, "%"),
    # more range separators and unit placements
    ("400~500人", Op.RANGE, D(400), D(500), "人"),
    ("400—500人", Op.RANGE, D(400), D(500), "人"),
    ("400——500人", Op.RANGE, D(400), D(500), "人"),
    ("400到500人", Op.RANGE, D(400), D(500), "人"),
    ("400人-500人", Op.RANGE, D(400), D(500), "人"),
    ("400人至500", Op.RANGE, D(400), D(500), "人"),
    ("400-500", Op.RANGE, D(400), D(500), ""),
    ("400-400人", Op.RANGE, D(400), D(400), "人"),
    ("0.5-1.5万元", Op.RANGE, D("0.5"), D("1.5"), "万元"),
    ("人数400-500人", Op.RANGE, D(400), D(500), "人"),
    # prefix comparison words
    (">=90%", Op.GE, D(90), None, "%"),
    ("<=5%", Op.LE, D(5), None, "%"),
    ("=324个", Op.EQ, D(324), None, "个"),
    ("不少于300案件数", Op.GE, D(300), None, "案件数"),
    ("不小于560人数", Op.GE, D(560), None, "人数"),
    ("至少12场次", Op.GE, D(12), None, "场次"),
    ("高于95%", Op.GT, D(95), None, "%"),
    ("超过3200件", Op.GT, D(3200), None, "件"),
    ("大于0件", Op.GT, D(0), None, "件"),
    ("不高于5%", Op.LE, D(5), None, "%"),
    ("不多于3次", Op.LE, D(3), None, "次"),
    ("不大于2起", Op.LE, D(2), None, "起"),
    ("低于1%", Op.LT, D(1), None, "%"),
    ("少于3次", Op.LT, D(3), None, "次"),
    ("小于1%", Op.LT, D(1), None, "%"),
    ("≤0起", Op.LE, D(0), None, "起"),
    # suffix comparison words
    ("95%及以上", Op.GE, D(95), None, "%"),
    ("1%以下", Op.LE, D(1), None, "%"),
    ("1%及以下", Op.LE, D(1), None, "%"),
    ("5天以内", Op.LE, D(5), None, "天"),
    ("5个工作日之内", Op.LE, D(5), None, "个工作日"),
    ("3天内", Op.LE, D(3), None, "天"),
    ("90以上", Op.GE, D(90), None, ""),
    ("不低于90%以上", Op.GE, D(90), None, "%"),
    ("不超过5天以内", Op.LE, D(5), None, "天"),
    # labels before the number are ignored
    ("完成率≥95%", Op.GE, D(95), None, "%"),
    ("满意度不低于90%", Op.GE, D(90), None, "%"),
    ("达到98%", Op.EQ, D(98), None, "%"),
    ("达到90%以上", Op.GE, D(90), None, "%"),
    ("达到5%以下", Op.LE, D(5), None, "%"),
    ("参与度80%", Op.EQ, D(80), None, "%"),
    ("安置帮教衔接率达到90%以上", Op.GE, D(90), None, "%"),
    ("成本控制在不超过90万元", Op.LE, D(90), None, "万元"),
    # numbers and units as written
    ("98.5%", Op.EQ, D("98.5"), None, "%"),
    ("524.31万元", Op.EQ, D("524.31"), None, "万元"),
    ("14万", Op.EQ, D(140000), None, ""),
    ("500人次", Op.EQ, D(500), None, "人次"),
    ("4期", Op.EQ, D(4), None, "期"),
    ("2万份", Op.EQ, D(20000), None, "份"),
    ("1620件", Op.EQ, D(1620), None, "件"),
    ("1500元/人", Op.EQ, D(1500), None, "元/人"),
    ("90", Op.EQ, D(90), None, ""),
    ("0", Op.EQ, D(0), None, ""),
    ("007件", Op.EQ, D(7), None, "件"),
    ("100%。", Op.EQ, D(100), None, "%"),
    # full-width characters and spaces
    ("＞９０％", Op.GT, D(90), None, "%"),
    ("＞＝９０％", Op.GE, D(90), None, "%"),
    ("＜＝５％", Op.LE, D(5), None, "%"),
    ("９８．５％", Op.EQ, D("98.5"), None, "%"),
    ("４００－５００人", Op.RANGE, D(400), D(500), "人"),
    ("４００〜５００人", Op.RANGE, D(400), D(500), "人"),
    ("\u3000９８％\u3000", Op.EQ, D(98), None, "%"),
    ("≥ 500 人次", Op.GE, D(500), None, "人次"),
    ("≥\u3000500\u3000人次", Op.GE, D(500), None, "人次"),
    ("400 - 500 人", Op.RANGE, D(400), D(500), "人"),
    # qualitative: no digit at all
    ("良好", Op.QUALITATIVE, None, None, ""),
    ("非常满意", Op.QUALITATIVE, None, None, ""),
    ("已完成", Op.QUALITATIVE, None, None, ""),
    ("有提高", Op.QUALITATIVE, None, None, ""),
    ("优良差", Op.QUALITATIVE, None, None, ""),
    ("好坏", Op.QUALITATIVE, None, None, ""),
    ("完成政府工作需要", Op.QUALITATIVE, None, None, ""),
    ("无直接经济效益", Op.QUALITATIVE, None, None, ""),
    ("产生良好持续影响", Op.QUALITATIVE, None, None, ""),
    ("社会和谐稳定", Op.QUALITATIVE, None, None, ""),
    ("不超过预算", Op.QUALITATIVE, None, None, ""),
    ("达成预期指标", Op.QUALITATIVE, None, None, ""),
    ("三次", Op.QUALITATIVE, None, None, ""),
    ("无", Op.QUALITATIVE, None, None, ""),
    ("—", Op.QUALITATIVE, None, None, ""),
    # not applicable: only these exact forms
    ("不适用", Op.NOT_APPLICABLE, None, None, ""),
    ("/", Op.NOT_APPLICABLE, None, None, ""),
    ("／", Op.NOT_APPLICABLE, None, None, ""),
    (" 不适用 ", Op.NOT_APPLICABLE, None, None, ""),
]


@pytest.mark.parametrize(("written", "op", "value", "upper", "unit"), TEXT_CASES, ids=[c[0] for c in TEXT_CASES])
def test_parse_text(written: str, op: Op, value: Decimal | None, upper: Decimal | None, unit: str) -> None:
    expr = parse_value(written)
    assert (expr.op, expr.value, expr.upper, expr.unit) == (op, value, upper, unit)
    assert expr.text == written.strip()


# (raw, op, value, upper, unit, text)
MAP_CASES: list[tuple[dict[str, object], Op, Decimal | None, Decimal | None, str, str]] = [
    ({"op": "≥", "value": 90, "unit": "%"}, Op.GE, D(90), None, "%", "≥90%"),
    ({"op": ">=", "value": "90", "unit": "%"}, Op.GE, D(90), None, "%", "≥90%"),
    ({"op": "≧", "value": D("90.5"), "unit": "%"}, Op.GE, D("90.5"), None, "%", "≥90.5%"),
    ({"op": ">", "value": 0.1, "unit": "%"}, Op.GT, D("0.1"), None, "%", ">0.1%"),
    ({"op": "≤", "value": 524.31, "unit": "万元"}, Op.LE, D("524.31"), None, "万元", "≤524.31万元"),
    ({"op": "<=", "value": 5}, Op.LE, D(5), None, "", "≤5"),
    ({"op": "≦", "value": 0, "unit": "起"}, Op.LE, D(0), None, "起", "≤0起"),
    ({"op": "<", "value": 1, "unit": "%"}, Op.LT, D(1), None, "%", "<1%"),
    ({"op": "=", "value": 324, "unit": "个"}, Op.EQ, D(324), None, "个", "324个"),
    ({"value": 12, "unit": "月"}, Op.EQ, D(12), None, "月", "12月"),
    ({"op": "=", "value": -5, "unit": "%"}, Op.EQ, D(-5), None, "%", "-5%"),
    ({"op": "≥", "value": "-2.5", "unit": "%"}, Op.GE, D("-2.5"), None, "%", "≥-2.5%"),
    ({"op": "≥", "value": "９０", "unit": " % "}, Op.GE, D(90), None, "%", "≥90%"),
    (
        {"op": "range", "value": 400, "upper": 500, "unit": "人"},
        Op.RANGE,
        D(400),
        D(500),
        "人",
        "400-500人",
    ),
    (
        {"op": "range", "value": -10, "upper": 10, "unit": "%"},
        Op.RANGE,
        D(-10),
        D(10),
        "%",
        "-10～10%",
    ),
    (
        {"op": "RANGE", "value": 1, "upper": 1, "unit": "件", "text": "1件"},
        Op.RANGE,
        D(1),
        D(1),
        "件",
        "1件",
    ),
    ({"op": "≥", "value": 90, "text": "九成以上"}, Op.GE, D(90), None, "", "九成以上"),
    ({"op": "qualitative", "text": "良好"}, Op.QUALITATIVE, None, None, "", "良好"),
    ({"op": "n/a"}, Op.NOT_APPLICABLE, None, None, "", "不适用"),
    ({"op": "不适用", "text": "／"}, Op.NOT_APPLICABLE, None, None, "", "／"),
    ({"op": Op.GE, "value": 95, "unit": "%"}, Op.GE, D(95), None, "%", "≥95%"),
]


@pytest.mark.parametrize(
    ("raw", "op", "value", "upper", "unit", "text"),
    MAP_CASES,
    ids=[str(c[-1]) + "-" + str(c[0].get("op", "")) for c in MAP_CASES],
)
def test_parse_map(
    raw: dict[str, object],
    op: Op,
    value: Decimal | None,
    upper: Decimal | None,
    unit: str,
    text: str,
) -> None:
    assert parse_value(raw) == ValueExpr(op, value, upper, unit, text)


@pytest.mark.parametrize(
    ("raw", "value", "text"),
    [
        (500, D(500), "500"),
        (0, D(0), "0"),
        (-3, D(-3), "-3"),
        (D("98.50"), D("98.50"), "98.50"),
        (0.1, D("0.1"), "0.1"),
        (524.31, D("524.31"), "524.31"),
        (1.5e-05, D("1.5E-5"), "0.000015"),
    ],
    ids=["int", "zero", "negative", "decimal", "float-0.1", "float-524.31", "float-exponent"],
)
def test_parse_plain_number(raw: object, value: Decimal, text: str) -> None:
    expr = parse_value(raw)
    assert (expr.op, expr.value, expr.upper, expr.unit, expr.text) == (Op.EQ, value, None, "", text)


def test_float_is_not_binary_arithmetic() -> None:
    assert parse_value(0.1).value == D("0.1")
    assert parse_value({"op": "range", "value": 0.1, "upper": 0.3}).upper == D("0.3")


# (raw, fragments that the Chinese message must contain)
ERROR_CASES: list[tuple[str, object, tuple[str, ...]]] = [
    ("empty", "", ("不能为空",)),
    ("blank", " \u3000 ", ("不能为空",)),
    ("none", None, ("不能为空",)),
    ("thousands", "1,620件", ("千位分隔符", "1620件")),
    ("thousands-fullwidth", "1，620件", ("千位分隔符",)),
    ("numbered-sentence", "4.公职人员学法考试参考率达到90%。", ("多个数字",)),
    ("range-reversed", "500-400人", ("下限大于上限", "400-500人")),
    ("range-units-differ", "400%-500人", ("单位不同",)),
    ("negative-text", "-5%", ("负数", "映射")),
    ("plus-minus", "±10%以内", ("±",)),
    ("conflicting-direction", "≥90%以下", ("方向相反",)),
    ("conflicting-direction-2", "不超过5%以上", ("方向相反",)),
    ("trailing-dot", "98.%", ("无法识别", "≥90%", "400-500人", "定性描述")),
    ("comparator-in-unit", "90%>=", ("单位",)),
    ("bool", True, ("无法识别",)),
    ("list", [90], ("无法识别",)),
    ("map-unknown-key", {"op": "≥", "value": 90, "units": "%"}, ("未知的键", "units")),
    ("map-unknown-op", {"op": "约", "value": 90}, ("op", "约", "range")),
    ("map-op-not-text", {"op": 1, "value": 90}, ("op",)),
    ("map-missing-value", {"op": "≥", "unit": "%"}, ("缺少 value",)),
    ("map-value-none", {"op": "range", "value": None, "upper": 5}, ("缺少 value",)),
    ("map-value-text", {"op": "≥", "value": "90%"}, ("value", "应为数字")),
    ("map-value-bool", {"op": "≥", "value": False}, ("value", "应为数字")),
    ("map-value-nan", {"op": "≥", "value": float("nan")}, ("value", "有限")),
    ("map-value-inf", {"op": "≥", "value": D("Infinity")}, ("value", "有限")),
    ("map-missing-upper", {"op": "range", "value": 400}, ("缺少 upper",)),
    ("map-upper-below", {"op": "range", "value": 500, "upper": 400}, ("upper", "value", "下限")),
    ("map-upper-not-range", {"op": "≥", "value": 1, "upper": 5}, ("upper", "range")),
    ("map-upper-text", {"op": "range", "value": 1, "upper": "五"}, ("upper", "应为数字")),
    ("map-unit-not-text", {"op": "=", "value": 1, "unit": 5}, ("unit", "文字")),
    ("map-text-not-text", {"op": "=", "value": 1, "text": 5}, ("text", "文字")),
    ("map-qualitative-number", {"op": "qualitative", "value": 90}, ("定性", "value")),
    ("map-qualitative-unit", {"op": "qualitative", "unit": "%"}, ("unit",)),
    ("map-na-value", {"op": "n/a", "value": "x"}, ("不适用", "value")),
    ("map-na-upper", {"op": "n/a", "upper": 5}, ("upper",)),
]


@pytest.mark.parametrize(("raw", "fragments"), [c[1:] for c in ERROR_CASES], ids=[c[0] for c in ERROR_CASES])
def test_parse_errors(raw: object, fragments: tuple[str, ...]) -> None:
    with pytest.raises(ValueParseError) as info:
        parse_value(raw)
    assert isinstance(info.value, ValueError)
    assert str(info.value) == info.value.message
    for fragment in fragments:
        assert fragment in info.value.message


@pytest.mark.parametrize(
    ("written", "quantitative", "direction"),
    [
        ("500件", True, "positive"),
        ("≥90%", True, "positive"),
        (">90%", True, "positive"),
        ("400-500人", True, "positive"),
        ("≤524.31万元", True, "reverse"),
        ("<1%", True, "reverse"),
        ("5天以内", True, "reverse"),
        ("良好", False, None),
        ("不适用", False, None),
    ],
)
def test_direction_and_is_quantitative(written: str, quantitative: bool, direction: str | None) -> None:
    expr = parse_value(written)
    assert expr.is_quantitative is quantitative
    assert expr.direction == direction


@pytest.mark.parametrize(
    ("value", "from_unit", "to_unit", "expected"),
    [
        (D("16905537.09"), "元", "万元", D("1690.553709")),
        (D("524.31"), "万元", "元", D("5243100")),
        (D("0.01"), "元", "万元", D("0.000001")),
        (D("12.5"), "万元", "万元", D("12.5")),
        (D("12.5"), "元", "元", D("12.5")),
        (D(500), "件", "件", D(500)),
        (D(500), "", "件", D(500)),
        (D(500), "万元", "", D(500)),
    ],
    ids=["yuan-to-wan", "wan-to-yuan", "small", "wan-same", "yuan-same", "same-unit", "empty-from", "empty-to"],
)
def test_convert_money(value: Decimal, from_unit: str, to_unit: str, expected: Decimal) -> None:
    assert convert_money(value, from_unit, to_unit) == expected


@pytest.mark.parametrize(("from_unit", "to_unit"), [("件", "万元"), ("元", "%"), ("人", "人次"), ("万", "万元")])
def test_convert_money_rejects_other_units(from_unit: str, to_unit: str) -> None:
    with pytest.raises(ValueError, match="不能换算"):
        convert_money(D(1), from_unit, to_unit)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("件", "件", True),
        ("元", "万元", True),
        ("万元", "元", True),
        ("", "%", True),
        ("%", "", True),
        ("", "", True),
        ("件", "个", False),
        ("人", "人次", False),
        ("%", "万元", False),
        ("万", "万元", False),
    ],
)
def test_units_compatible(a: str, b: str, expected: bool) -> None:
    assert units_compatible(a, b) is expected


# --- properties -------------------------------------------------------------------------------

UNITS = [
    "",
    "件",
    "人",
    "人次",
    "%",
    "万元",
    "元",
    "个",
    "场次",
    "次",
    "月",
    "卷",
    "天",
    "小时",
    "户",
    "份",
    "期",
    "篇",
    "案件数",
    "起",
]
FORMS: list[tuple[str, str, Op]] = [
    ("", "", Op.EQ),
    ("=", "", Op.EQ),
    ("≥", "", Op.GE),
    ("≧", "", Op.GE),
    (">=", "", Op.GE),
    ("不低于", "", Op.GE),
    ("不少于", "", Op.GE),
    ("至少", "", Op.GE),
    ("", "以上", Op.GE),
    ("", "及以上", Op.GE),
    (">", "", Op.GT),
    ("高于", "", Op.GT),
    ("超过", "", Op.GT),
    ("≤", "", Op.LE),
    ("≦", "", Op.LE),
    ("<=", "", Op.LE),
    ("不超过", "", Op.LE),
    ("不高于", "", Op.LE),
    ("", "以下", Op.LE),
    ("", "以内", Op.LE),
    ("<", "", Op.LT),
    ("低于", "", Op.LT),
    ("少于", "", Op.LT),
]
amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)
labels = st.sampled_from(["", "完成率", "参考率", "满意度", "达到"])


@given(amounts, st.sampled_from(FORMS), st.sampled_from(UNITS), labels)
def test_written_single_value_round_trips(amount: Decimal, form: tuple[str, str, Op], unit: str, label: str) -> None:
    prefix, suffix, op = form
    expr = parse_value(f"{label}{prefix}{amount}{unit}{suffix}")
    assert (expr.op, expr.value, expr.unit) == (op, amount, unit)


@given(amounts, amounts, st.sampled_from(["-", "～", "~", "至", "—"]), st.sampled_from(UNITS))
def test_written_range_round_trips(a: Decimal, b: Decimal, sep: str, unit: str) -> None:
    low, high = min(a, b), max(a, b)
    expr = parse_value(f"{low}{sep}{high}{unit}")
    assert (expr.op, expr.value, expr.upper, expr.unit) == (Op.RANGE, low, high, unit)


@given(
    amounts,
    st.sampled_from([Op.EQ, Op.GE, Op.GT, Op.LE, Op.LT, Op.RANGE]),
    st.sampled_from(UNITS),
    amounts,
)
def test_map_text_parses_back_to_same_value(amount: Decimal, op: Op, unit: str, extra: Decimal) -> None:
    raw: dict[str, object] = {"op": op.value, "value": amount, "unit": unit}
    if op is Op.RANGE:
        raw["upper"] = amount + extra
    expr = parse_value(raw)
    again = parse_value(expr.text)
    assert (again.op, again.value, again.upper, again.unit) == (
        expr.op,
        expr.value,
        expr.upper,
        expr.unit,
    )


@given(st.text(alphabet=st.characters(exclude_categories=["Nd"]), min_size=1))
def test_text_without_digits_is_never_an_error(text: str) -> None:
    try:
        expr = parse_value(text)
    except ValueParseError as err:  # only white space and trailing punctuation
        assert "不能为空" in err.message
        return
    assert expr.value is None
    assert expr.op in (Op.QUALITATIVE, Op.NOT_APPLICABLE)
