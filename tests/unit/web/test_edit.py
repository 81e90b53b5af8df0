"""One change to the data, as the editor makes it: text typed becomes the value the workbook
reader would give, nothing typed is lost, the data given is never changed."""

from __future__ import annotations

import copy
import datetime
from decimal import Decimal
from typing import Any

import pytest

from editor_data import starter_data
from reportgen.data.fieldpath import PathKey
from reportgen.web.edit import EditError, change_rows, get, locate, remove_unknown, set_field, value_of


@pytest.fixture
def data() -> dict[str, Any]:
    return starter_data()


def _field_at(path: PathKey) -> Any:
    return locate(path).field


@pytest.mark.parametrize(
    ("path", "typed", "value"),
    [
        (("budget", "adjusted"), "1696.4", Decimal("1696.4")),
        (("budget", "adjusted"), " 1700 ", 1700),
        (("budget", "adjusted"), "0.10", Decimal("0.10")),
        (("budget", "adjusted"), "1,696.4", "1,696.4"),  # kept as typed: validation explains it
        (("year",), "2025", 2025),
        (("year",), "二〇二五", "二〇二五"),
        (("kind",), "项目支出", "project"),
        (("indicators", 0, "direction"), "反向", "reverse"),
        (("indicators", 0, "applicable"), "否", False),
        (("indicators", 0, "applicable"), "是", True),
        (("indicators", 0, "actual"), " 326件 ", "326件"),
        (("date",), "2025-04-25", datetime.date(2025, 4, 25)),
        (("date",), "2025年4月25日", datetime.date(2025, 4, 25)),
        (("unit", "overview"), "第一段\r\n第二段", "第一段\n第二段"),
        (("budget", "adjusted"), "   ", None),
    ],
)
def test_text_typed_becomes_the_value_a_workbook_cell_would_give(path: PathKey, typed: str, value: object) -> None:
    found = value_of(typed, _field_at(path))
    assert found == value and type(found) is type(value)


def test_a_change_sets_the_field_and_names_its_place_in_the_note(data: dict[str, Any]) -> None:
    before = copy.deepcopy(data)
    change = set_field(data, ("indicators", 0, "actual"), "330件")
    assert change.changed and get(change.data, ("indicators", 0, "actual")) == "330件"
    assert change.note == "修改 绩效指标“法律援助案件办理数量”的实际完成值"
    assert data == before  # the data given is left as it was
    assert change.data["indicators"][1] is data["indicators"][1]  # what did not change is shared


def test_an_emptied_field_removes_its_key(data: dict[str, Any]) -> None:
    change = set_field(data, ("budget", "executed"), "")
    assert "executed" not in change.data["budget"] and change.note == "清空 年度资金的全年执行数"


def test_the_same_value_typed_again_changes_nothing(data: dict[str, Any]) -> None:
    assert not set_field(data, ("indicators", 0, "weight"), "15").changed
    assert not set_field(data, ("kind",), "部门整体支出").changed
    assert set_field(data, ("indicators", 0, "weight"), "15.5").changed


def test_a_field_the_data_lacks_is_made_with_the_parts_above_it() -> None:
    change = set_field({"format": "reportgen/1"}, ("unit", "staff", "actual"), "12")
    assert change.data == {"format": "reportgen/1", "unit": {"staff": {"actual": 12}}}


def test_a_text_of_a_list_of_texts_is_set_in_its_row(data: dict[str, Any]) -> None:
    change = set_field(data, ("unit", "functions", 1), "负责全县法治宣传教育")
    assert change.data["unit"]["functions"][1] == "负责全县法治宣传教育"
    emptied = set_field(data, ("unit", "functions", 1), "")
    assert emptied.data["unit"]["functions"][1] == "" and len(emptied.data["unit"]["functions"]) == len(
        data["unit"]["functions"]
    )


@pytest.mark.parametrize("path", [("nonsense",), ("indicators", 0, "colour"), ("indicators", "x", "name"), ()])
def test_a_path_that_is_not_a_field_of_the_form_is_refused(data: dict[str, Any], path: PathKey) -> None:
    with pytest.raises(EditError):
        set_field(data, path, "1")


def _names(data: dict[str, Any]) -> list[str]:
    return [item["name"] for item in data["indicators"]]


def test_rows_are_added_removed_and_moved(data: dict[str, Any]) -> None:
    names = _names(data)
    added = change_rows(data, ("indicators",), "add", 1)
    assert added.data["indicators"][1] == {} and added.note == "在绩效指标中添加第2行"
    removed = change_rows(data, ("indicators",), "remove", 0)
    assert _names(removed.data) == names[1:] and removed.note == "删除 绩效指标“法律援助案件办理数量”"
    down = change_rows(data, ("indicators",), "down", 0)
    assert _names(down.data)[:2] == [names[1], names[0]] and down.note.startswith("下移 绩效指标")
    up = change_rows(data, ("indicators",), "up", 1)
    assert _names(up.data)[:2] == [names[1], names[0]]
    assert _names(data) == names


def test_a_row_added_past_the_end_goes_last_and_a_list_of_texts_gets_an_empty_text(data: dict[str, Any]) -> None:
    added = change_rows(data, ("unit", "functions"), "add", 99)
    assert added.data["unit"]["functions"][-1] == ""
    assert change_rows({}, ("goals",), "add", 0).data == {"goals": [{}]}


def test_moving_the_first_row_up_or_the_last_down_changes_nothing(data: dict[str, Any]) -> None:
    assert not change_rows(data, ("indicators",), "up", 0).changed
    assert not change_rows(data, ("indicators",), "down", len(data["indicators"]) - 1).changed


@pytest.mark.parametrize(
    ("path", "op", "index"),
    [(("indicators",), "remove", 99), (("indicators",), "shuffle", 0), (("budget",), "add", 0), (("year",), "add", 0)],
)
def test_a_row_operation_the_page_never_asks_is_refused(
    data: dict[str, Any], path: PathKey, op: str, index: int
) -> None:
    with pytest.raises(EditError):
        change_rows(data, path, op, index)


def test_a_key_the_data_format_does_not_know_can_be_removed_and_no_other(data: dict[str, Any]) -> None:
    typo = {**data, "budget": {**data["budget"], "excuted": 1}}
    removed = remove_unknown(typo, ("budget", "excuted"))
    assert removed.data["budget"] == data["budget"] and removed.note == "删除未识别的内容“excuted”"
    for known in [
        ("budget", "executed"),
        ("indicators",),
        ("scoring", "group_weights", "产出指标"),
        ("budget", "nope"),
    ]:
        with pytest.raises(EditError):
            remove_unknown(typo, known)


def test_the_default_of_a_field_left_out_is_the_data_formats() -> None:
    from reportgen.data.validate import default_of

    assert default_of(("indicators", 3, "applicable")) is True
    assert default_of(("scoring", "scale_to_100")) is False
    assert default_of(("year",)) is None and default_of(("nonsense", "x")) is None
