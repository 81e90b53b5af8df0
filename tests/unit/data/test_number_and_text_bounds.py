"""Numbers beyond any real report's range and characters XML cannot hold, at the data boundary.

A number is checked once where it enters (values and amounts): beyond 1e15, below 1e-20 (and
not zero), or with more than 20 significant digits, it is "数值超出范围" with its location,
instead of an InvalidOperation deep inside rounding. A text with a control character or a
non-character is refused with the field and the character; the writer drops any that reach
it another way, so no document is ever invalid XML.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from lxml import etree

from reportgen.api import check_data
from reportgen.data.sources.json_source import read_json
from reportgen.data.sources.yaml_source import read_yaml
from reportgen.docx.baseline import baseline_xml
from reportgen.figures.numbers import percent, round_half_up, shares
from reportgen.ooxml.package import core_xml
from reportgen.revise.model import Baseline, Generated, Origin
from samples import MINIMAL

INDICATOR = "{level1: 产出指标, level2: 数量指标, name: 办理案件, target: 100件, actual: 100件, weight: 50}"


def errors(text: str) -> list[tuple[str, str, str]]:
    checked = check_data(read_yaml(text, "data.yaml"))
    return [(issue.path, issue.location, issue.message) for issue in checked.errors]


@pytest.mark.parametrize(
    ("old", "new", "path", "expected"),
    [
        ("initial: 100", "initial: 1e27", "budget.initial", "金额过大/数值超出范围"),
        ("initial: 100", "initial: 1.0e+9999", "budget.initial", "金额过大/数值超出范围"),
        ("initial: 100", "initial: 1e99999999", "budget.initial", "金额过大/数值超出范围"),
        ("executed: 100}", "executed: 1000000000000001}", "budget.executed", "金额过大/数值超出范围"),
        ("weight: 50}", "weight: 123456789012345678901234567890}", "indicators[0].weight", "金额过大"),
        ("weight: 50}", "weight: 0.123456789012345678901234567890}", "indicators[0].weight", "有效数字不能超过 20 位"),
        (
            "target: 100件",
            "target: {value: 0.00000000000000000000000000000001, unit: 件}",
            "indicators[0].target",
            "不为零的数值绝对值不能小于 1e-20",
        ),
        ("target: 100件", "target: " + "9" * 40 + "件", "indicators[0].target", "金额过大/数值超出范围"),
        ("actual: 100件", "actual: 100-" + "9" * 30 + "件", "indicators[0].actual", "金额过大/数值超出范围"),
        ("actual: 100件", "actual: 1.0e+400", "indicators[0].actual", "金额过大/数值超出范围"),
        (
            "name: 某县司法局}",
            "name: 某县司法局}\nscoring: {over_threshold: 1.0e+30}",
            "scoring.over_threshold",
            "金额过大",
        ),
        (
            "{name: 某县司法局}",
            "{name: 某县司法局, staff: {authorized: 100000000000000000000000}}",
            "unit.staff.authorized",
            "过大，应不大于 10000000",
        ),
    ],
    ids=[
        "amount-1e27",
        "amount-1e9999",
        "amount-text-1e99999999",
        "amount-just-over",
        "weight-30-digits",
        "weight-30-decimals",
        "target-1e-32",
        "target-text-40-digits",
        "range-upper-30-digits",
        "actual-1e400",
        "scoring",
        "head-count",
    ],
)
def test_a_number_beyond_range_is_an_error_at_its_place(old: str, new: str, path: str, expected: str) -> None:
    text = MINIMAL.replace(old, new, 1)
    assert text != MINIMAL
    found = errors(text)
    assert [p for p, _, _ in found] == [path]
    assert found[0][1].startswith("第") and expected in found[0][2]


def test_numbers_of_real_reports_stay_valid() -> None:
    text = MINIMAL.replace("initial: 100, adjusted: 100", "initial: 999999999999999.99, adjusted: 999999999999999.99")
    text = text.replace("executed: 100}", "executed: 0}")
    text = text.replace("weight: 50}", "weight: 49.99999999999999}")  # an Excel float residue stays valid
    assert errors(text) == []


def test_json_numbers_beyond_range_name_the_field() -> None:
    checked = check_data(read_json('{"format": "reportgen/1", "budget": {"initial": 1e9999}}', "data.json"))
    assert any(i.path == "budget.initial" and "金额过大" in i.message for i in checked.errors)


@pytest.mark.parametrize(
    "value",
    [
        Decimal("1e27"),
        Decimal("1e400"),
        Decimal("-1e300"),
        Decimal("123456789012345678901234567890.555"),
        Decimal("1e-40"),
        Decimal("Infinity"),
    ],
)
def test_rounding_never_raises(value: Decimal) -> None:
    rounded = round_half_up(value)
    assert rounded == value or rounded.as_tuple().exponent == -2
    percent(value, Decimal("1e-20"))


def test_shares_of_huge_parts_add_up() -> None:
    assert sum(shares([Decimal("1e40"), Decimal("3e40")]) or []) == 100


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        ("unit.name", '"某县\\x01司法局"', "包含不可见的控制字符 U+0001（第3个字符处）"),
        ("unit.name", '"某县司法局\\x1f"', "包含不可见的控制字符 U+001F（第6个字符处）"),
        ("unit.name", '"\\uFFFE某县司法局"', "包含无效字符 U+FFFE（第1个字符处）"),
        ("unit.name", '"某县\\e司法局"', "包含不可见的控制字符 U+001B（第3个字符处）"),
    ],
    ids=["x01", "x1f", "fffe", "escape"],
)
def test_a_control_character_in_any_text_is_refused_with_the_field(field: str, text: str, expected: str) -> None:
    found = errors(MINIMAL.replace("{name: 某县司法局}", "{name: " + text + "}"))
    assert found == [(field, "第5行第14列", expected + "：这类字符通常是从其他软件复制时带入的，请删除该字符后再试。")]


def test_a_control_character_in_a_key_or_list_item_is_refused() -> None:
    text = MINIMAL.replace("{name: 某县司法局}", '{name: 某县司法局, functions: ["调解\\x02"], "a\\x03": 1}')
    assert [(p, m[:20]) for p, _, m in errors(text)] == [
        ("unit.a[U+0003]", "字段名包含不可见的控制字符 U+0003"),
        ("unit.functions[0]", "包含不可见的控制字符 U+0002（第3"),
    ]


def test_tabs_line_breaks_and_word_line_breaks_stay_valid() -> None:
    text = '{name: 某县司法局, overview: "一\\t二\\n三\\r\\n四\\v五"}'
    assert errors(MINIMAL.replace("{name: 某县司法局}", text)) == []


def parses(xml: bytes) -> bool:
    return etree.fromstring(xml) is not None


def test_core_properties_never_hold_an_illegal_character() -> None:
    xml = core_xml("某县\x01司法局\ufffe", "作者\x1f\ud800", None)
    assert parses(xml)
    assert "<dc:title>某县司法局</dc:title>" in xml.decode()


def test_the_baseline_never_holds_an_illegal_character() -> None:
    baseline = Baseline(
        (Generated('key\x01<&"', "文\x02字"), Generated.table("t\x1f", (("a\x00", "b"),))),
        Origin("sha256:\x05", "standard\x06", "gbt9704\ufffe"),
        "1.0\x07",
    )
    xml = baseline_xml(baseline)
    assert parses(xml)
    assert b"\x01" not in xml and b"\x02" not in xml
