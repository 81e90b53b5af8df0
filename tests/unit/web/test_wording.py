"""Editor messages in the form's words: no data key, no field path, over every data file we have."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.api import check_data
from reportgen.data.labels import LABELS
from reportgen.data.layout import SHEETS
from reportgen.data.sources import read_data
from reportgen.errors import DataError
from reportgen.web.editor_view import placed
from reportgen.web.wording import form_words
from samples import EXAMPLES, FIXTURES

_DATA_FILES = sorted(
    [
        *(FIXTURES / "valid").glob("*.yaml"),
        *(FIXTURES / "invalid").glob("*.yaml"),
        *(FIXTURES / "invalid").glob("*.json"),
        *(FIXTURES / "xlsx").glob("*.xlsx"),
        *EXAMPLES.glob("*/data.yaml"),
    ]
)
_KEYS = {part for dotted in LABELS for part in dotted.split(".")} | {
    stored for sheet in SHEETS for field in sheet.fields for shown, stored in field.choices if stored != shown
}
_WORD = re.compile(r"(?<![A-Za-z0-9_/\-.])[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*(?![A-Za-z0-9_/\-])")
_PATH = re.compile(r"[A-Za-z_]+\[\d+\]|\[\d+\]")


def _keys_in(text: str) -> list[str]:
    return [word for word in _WORD.findall(text) if any(part in _KEYS for part in word.split("."))]


@pytest.mark.parametrize("data_file", _DATA_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_editor_message_names_a_data_key_or_a_field_path(data_file: Path) -> None:
    try:
        checked = check_data(read_data(data_file))
    except DataError:  # unreadable files never reach the form
        return
    for problem in placed(checked.issues, checked.raw.data).all:
        for text in (problem.place, problem.message):
            assert not _keys_in(text) and not _PATH.search(text), text


@pytest.mark.parametrize(
    ("message", "words"),
    [
        (
            "评价类型为项目支出（project）时，必须填写项目信息："
            "项目名称 name、主管部门 authority、实施单位 implementer。",
            "评价类型为项目支出时，必须填写项目信息：项目名称、主管部门、实施单位。",
        ),
        ("取值“部门”无效，只能填写：department、project。", "取值“部门”无效，只能填写：部门整体支出、项目支出。"),
        ("取值“up”无效，只能填写：positive、reverse。", "取值“up”无效，只能填写：正向、反向。"),
        (
            "是否应为“executed”？可用的字段：initial、adjusted。",
            "是否应为“全年执行数”？可用的字段：年初预算数、全年预算数。",
        ),
        (
            "基本支出尚未填写（基本支出 basic，或项目支出 project 与全年执行数）。",
            "基本支出尚未填写（基本支出，或项目支出与全年执行数）。",
        ),
        ("或在评分规则 scoring.group_weights 中写明本单位的分值。", "或在评分规则“一级指标分值”中写明本单位的分值。"),
        ("请在评分规则中写明 scale_to_100: true（折算为百分制）。", "请在评分规则中写明“折算为百分制”填“是”。"),
        ("请把金额单位 money_unit 改为“元”。", "请把金额单位改为“元”。"),
        ("应填写 true（是）或 false（否），现为“x”。", "应填写“是”或“否”，现为“x”。"),
        ("取值“reportgen/2”无效，只能填写：reportgen/1。", "取值“reportgen/2”无效，只能填写：reportgen/1。"),
        ("不认识的字段“excuted”。", "不认识的字段“excuted”。"),  # what the user wrote stays as written
    ],
)
def test_data_keys_become_the_forms_words(message: str, words: str) -> None:
    assert form_words(message) == words
