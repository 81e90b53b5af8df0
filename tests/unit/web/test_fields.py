"""The editor's forms are the workbook's sheets: same sections, fields, labels, kinds and choices."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from reportgen.data.layout import SHEETS
from reportgen.data.vocabulary import LEVEL1
from reportgen.web.fields import FormSection, sections
from samples import EXAMPLES, FIXTURES


def _section(title: str) -> FormSection:
    return next(s for s in sections() if s.title == title)


def test_every_sheet_is_a_section_in_the_workbooks_order() -> None:
    assert [s.title for s in sections()] == [sheet.title for sheet in SHEETS]
    assert [s.title for s in sections()][:5] == ["单位信息", "年度资金", "项目支出", "年度目标", "绩效指标"]


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda sheet: sheet.title)
def test_each_field_is_the_workbooks_column_or_row(sheet) -> None:  # type: ignore[no-untyped-def]
    section = _section(sheet.title)
    assert section.repeating is not sheet.form and section.required == sheet.required
    assert section.path == (() if sheet.form else sheet.path)
    shown = [(f.path, f.label, f.kind, f.hint, f.required, f.choices, f.strict, f.money) for f in section.fields]
    laid_out = [(f.path, f.label, f.kind.value, f.hint, f.required, f.choices, f.strict, f.money) for f in sheet.fields]
    assert shown == laid_out


@pytest.mark.parametrize(
    ("title", "path", "label", "kind", "required"),
    [
        ("单位信息", ("unit", "name"), "单位名称", "text", True),
        ("单位信息", ("year",), "年度", "int", True),
        ("年度资金", ("budget", "executed"), "全年执行数", "amount", False),
        ("项目支出", ("executed",), "执行数（实际拨付数）", "amount", False),
        ("绩效指标", ("target",), "年度指标值", "value", True),
        ("绩效指标", ("applicable",), "是否适用", "bool", False),
        ("存在问题", ("cause",), "原因分析", "text", False),
        ("职能职责", (), "职能职责", "text", False),
    ],
)
def test_fields_have_their_chinese_label_kind_and_requirement(
    title: str, path: tuple[str, ...], label: str, kind: str, required: bool
) -> None:
    field = _section(title).field(path)
    assert field is not None
    assert (field.label, field.kind, field.required) == (label, kind, required)


def test_the_indicator_table_has_its_drop_downs() -> None:
    indicators = _section("绩效指标")
    assert indicators.repeating and indicators.path == ("indicators",)
    level1 = indicators.field(("level1",))
    direction = indicators.field(("direction",))
    grade = indicators.field(("grade",))
    assert level1 is not None and [stored for _, stored in level1.choices] == list(LEVEL1)
    assert direction is not None and direction.choices == (("正向", "positive"), ("反向", "reverse"))
    assert grade is not None and [shown for shown, _ in grade.choices] == ["达成", "部分达成", "未达成"]


def test_every_field_has_a_chinese_label_and_money_amounts_are_marked() -> None:
    for section in sections():
        for field in section.fields:
            assert field.label and not field.label.isascii(), (section.title, field.path)
    budget = _section("年度资金")
    assert all(f.money for f in budget.fields if f.path != ("budget", "weight"))
    weight = budget.field(("budget", "weight"))
    assert weight is not None and not weight.money


def _leaves(data: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    if isinstance(data, dict):
        return [leaf for key, value in data.items() for leaf in _leaves(value, (*path, key))]
    if isinstance(data, list) and data and not all(isinstance(v, str) for v in data):
        return [leaf for i, value in enumerate(data) for leaf in _leaves(value, (*path, i))]
    return [path]


def _has_field(path: tuple[str | int, ...]) -> bool:
    for section in sections():
        if section.repeating and path[: len(section.path)] == section.path:
            inner = path[len(section.path) + 1 :]
            return len(path) == len(section.path) or section.field(inner) is not None
        if not section.repeating and section.field(path) is not None:
            return True
    return any(s.field((*path, 0)) for s in sections() if not s.repeating)  # qualitative_bands: one row each


@pytest.mark.parametrize(
    "data_file",
    [*sorted(EXAMPLES.glob("*/data.yaml")), *sorted((FIXTURES / "valid").glob("*.yaml"))],
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_every_value_of_the_examples_has_a_field_in_the_form(data_file: Path) -> None:
    data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    assert [leaf for leaf in _leaves(data) if not _has_field(leaf)] == []


def test_the_forms_import_without_openpyxl() -> None:
    code = "import sys; sys.modules['openpyxl'] = None; import reportgen.web.fields as f; print(len(f.sections()))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(SHEETS)
