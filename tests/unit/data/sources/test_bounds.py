"""Hostile and broken YAML and JSON files end in a clear Chinese error with the place to fix.

Alias bombs and recursive aliases, deep nesting, tags that do not fit their value, keys
that are lists, control characters, huge integers: each one a :class:`DataError` naming
line and column, never a traceback, never unbounded time or memory.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hostile import no_traceback, run_limited
from reportgen.data.sources.json_source import read_json
from reportgen.data.sources.yaml_source import read_yaml
from reportgen.errors import DataError
from samples import MINIMAL


def yaml_error(text: str) -> str:
    with pytest.raises(DataError) as caught:
        read_yaml(text, "data.yaml")
    return caught.value.render()


def json_error(text: str) -> str:
    with pytest.raises(DataError) as caught:
        read_json(text, "data.json")
    return caught.value.render()


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * width) + "]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_ends_quickly_with_a_clear_error(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(billion_laughs(), encoding="utf-8")  # about 500 bytes; 387 million values expanded
    result = run_limited("validate", bomb)
    output = no_traceback(result)
    assert result.returncode == 1
    assert "锚点引用（“*”）超过 10000 次" in output
    assert "第1行" in output


@pytest.mark.parametrize(
    "text", ["a: &x [*x]\n", "a: &x {b: *x}\n", "a: &x [1, [2, *x]]\n"], ids=["list", "map", "nested"]
)
def test_an_alias_inside_its_own_anchor_is_an_error_not_a_recursion(text: str) -> None:
    assert "锚点在自身内部被引用" in yaml_error(text)


def test_anchors_used_a_few_times_still_work() -> None:
    text = MINIMAL.replace("unit: {name: 某县司法局}", "unit: {name: &n 某县司法局, short_name: *n}")
    assert read_yaml(text, "data.yaml").data["unit"] == {"name": "某县司法局", "short_name": "某县司法局"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: " + "[" * 100 + "]" * 100, "嵌套层数过多（超过 64 层）"),
        ("a: " + "[" * 100_000, "嵌套层数过多"),
        ("- " * 900 + "x\n", "嵌套层数过多（超过 64 层）"),
        ("a: !!bool 1\n", "取值“1”不能按标签 !!bool 读取"),
        ("a: !!timestamp abc\n", "取值“abc”不能按标签 !!timestamp 读取"),
        ("a: !!int x\n", "取值“x”不能按标签 !!int 读取"),
        ("? [1]\n: 2\n", "字段名不能是列表或键值表"),
        ("a: [1, 2\n", "列表缺少逗号或右方括号"),
        ("a: {b: 1\n", "键值表缺少逗号或右花括号"),
        ("a: b\nc: \x00\n", "包含不可见的控制字符 U+0000"),
        ("a: \x01\n", "包含不可见的控制字符 U+0001"),
        ("a: \ufffe\n", "包含无效字符 U+FFFE"),
        ('a: "\\ud800"\n', "\\u 转义不是有效的字符"),
        ('a: "x\n', "缺少结尾的引号"),
        ("a: b\n--- \nc: d\n", "一个文件只能有一份数据"),
    ],
    ids=[
        "nested-100",
        "nested-100000",
        "block-nested",
        "bool-tag",
        "timestamp-tag",
        "int-tag",
        "list-key",
        "missing-bracket",
        "missing-brace",
        "nul",
        "control",
        "non-character",
        "surrogate-escape",
        "open-quote",
        "two-documents",
    ],
)
def test_broken_yaml_is_explained_in_chinese_with_line_and_column(text: str, expected: str) -> None:
    message = yaml_error(text)
    assert expected in message
    assert "第" in message and "列" in message
    for english in ("did not find", "unacceptable", "Node(", "while parsing", "expected"):
        assert english not in message


def test_the_impossible_date_without_a_tag_is_still_left_to_validation() -> None:
    assert read_yaml("date: 2025-13-01\n", "data.yaml").data == {"date": "2025-13-01"}


@pytest.mark.parametrize(
    ("text", "expected", "where"),
    [
        ("[" * 100_000 + "]" * 100_000, "嵌套层数过多（超过 64 层）", "第1行第65列"),
        ('{"a": ' + "[" * 70 + "]" * 70 + "}", "嵌套层数过多（超过 64 层）", "第1行第70列"),
        ('{"a":\n ' + "9" * 5000 + "}", "整数“99999999999999999999…”有 5000 位，最多 30 位", "第2行第2列"),
        ('{"a": "\\x"}', "反斜杠", "第1行第8列"),
        ('{"a": 1,}', "键名应加英文双引号", "第1行第9列"),
    ],
    ids=["nested-100000", "nested-70", "huge-integer", "bad-escape", "trailing-comma"],
)
def test_broken_json_is_explained_in_chinese_with_line_and_column(text: str, expected: str, where: str) -> None:
    message = json_error(text)
    assert expected in message and where in message


def test_a_huge_json_integer_ends_with_a_clear_error(tmp_path: Path) -> None:
    data = tmp_path / "data.json"
    data.write_text('{"format": "reportgen/1", "year": ' + "7" * 100_000 + "}", encoding="utf-8")
    result = run_limited("validate", data)
    assert result.returncode == 1
    assert "数值超出范围" in no_traceback(result)


def test_a_lone_surrogate_in_json_is_refused_and_printed_safely(tmp_path: Path) -> None:
    data = tmp_path / "data.json"
    data.write_text('{"format": "reportgen/1", "unit": {"name": "某\\ud800局"}, "备\\udfff注": 1}', encoding="utf-8")
    result = run_limited("validate", data)
    output = no_traceback(result)
    assert result.returncode == 1
    assert "unit.name（单位名称）: 包含无效字符 U+D800（第2个字符处）" in output
    assert "备[U+DFFF]注" in output  # the key is shown with the code point


def test_a_file_larger_than_any_real_one_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportgen.data.sources import read_data
    from reportgen.support import limits

    monkeypatch.setattr(limits, "MAX_TEXT_FILE", 1000)
    data = tmp_path / "data.yaml"
    data.write_text(MINIMAL + "#" * 1000, encoding="utf-8")
    with pytest.raises(DataError, match=r"文件过大（超过 1 KB）"):
        read_data(data)


def test_a_file_name_that_is_not_utf8_is_printed_safely(tmp_path: Path) -> None:
    import os

    name = os.fsdecode(b"\xff\xfe.yaml")  # surrogate escapes, as Python decodes such a name
    data = tmp_path / name
    data.write_text(MINIMAL.replace("year: 2023", "year: 1990"), encoding="utf-8")
    result = run_limited("validate", data)
    assert result.returncode == 1
    assert "[U+DCFF][U+DCFE].yaml:第3行第7列: year（年度）" in no_traceback(result)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("data.json", '{"format": "reportgen/1", "year": -1e99992022}'),
        ("data.yaml", "format: reportgen/1\nyear: 1.0e+99992022\n"),
    ],
    ids=["json", "yaml"],
)
def test_a_number_with_a_huge_exponent_in_an_integer_field_ends_quickly(tmp_path: Path, name: str, text: str) -> None:
    data = tmp_path / name
    data.write_text(text, encoding="utf-8")
    result = run_limited("validate", data, timeout=60)  # converting 1e99992022 to an int took minutes
    assert result.returncode == 1
    assert "year（年度）: 数值“" in no_traceback(result)
