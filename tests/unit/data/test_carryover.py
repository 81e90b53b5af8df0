"""Next year's report from this year's: targets and text that stay true carried over, the
year's figures and the text that reports on the year cleared, and a draft that opens."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from reportgen import api
from reportgen.data.sources import read_data
from reportgen.errors import Issue
from samples import EXAMPLES, FIXTURES, LINGLING, LINGLING_PROJECT

_SOURCES = sorted([*(FIXTURES / "valid").glob("*.yaml"), *EXAMPLES.glob("*/data.yaml")])


def _data(path: Path) -> dict[str, Any]:
    return dict(read_data(path).data)


def _said(issues: list[Issue]) -> set[tuple[str, str]]:
    return {(issue.path, issue.message) for issue in issues}


@pytest.mark.parametrize("source", _SOURCES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_copy_is_a_draft_with_nothing_wrong_that_the_source_did_not_have(source: Path) -> None:
    data = _data(source)
    original, copied = api.check_values(data), api.check_values(api.next_year(data))
    assert _said(copied.errors) <= _said(original.errors)
    assert _said(copied.warnings) <= _said(original.warnings)
    assert copied.missing, "a copy lacks the new year's figures"
    if original.ok:
        assert copied.ok and copied.report is not None and copied.report.year == data["year"] + 1


def test_the_examples_copy_without_any_error_or_warning() -> None:
    for source in EXAMPLES.glob("*/data.yaml"):
        copied = api.check_values(api.next_year(_data(source)))
        assert copied.errors == [] and copied.warnings == [], source


def test_the_unit_its_goals_and_its_indicator_table_are_carried_over() -> None:
    data = _data(LINGLING)
    copied = api.next_year(data)
    assert copied["format"] == "reportgen/1" and copied["kind"] == "department" and copied["year"] == 2023
    assert copied["money_unit"] == data["money_unit"]
    unit = data["unit"]
    assert copied["unit"]["name"] == unit["name"] and copied["unit"]["short_name"] == unit["short_name"]
    assert copied["unit"]["functions"] == unit["functions"] and copied["unit"]["departments"] == unit["departments"]
    assert [g["expected"] for g in copied["goals"]] == [g["expected"] for g in data["goals"]]
    kept = ("level1", "level2", "name", "target", "weight")
    assert [{k: i.get(k) for k in kept} for i in copied["indicators"]] == [
        {k: i.get(k) for k in kept} for i in data["indicators"]
    ]


def test_the_projects_keep_their_names_sources_and_notes() -> None:
    data = _data(LINGLING)
    data["projects"][0]["source"] = "上级转移支付"
    data["projects"][0]["note"] = "用于法律援助。"
    copied = api.next_year(data)["projects"]
    assert [p["name"] for p in copied] == [p["name"] for p in data["projects"]]
    assert copied[0] == {"name": data["projects"][0]["name"], "source": "上级转移支付", "note": "用于法律援助。"}


def test_a_copy_renders_as_a_draft_with_its_amounts_to_be_filled_in() -> None:
    copied = api.check_values(api.next_year(_data(LINGLING)))
    assert "项目“司法业务经费”的预算数尚未填写。" in [issue.message for issue in copied.missing]
    document = api.Renderer().document(copied)
    text = "\n".join(getattr(block, "text", "") for block in document.blocks)
    assert "司法业务经费预算数【待补充：预算数】" in text and "2023" in text


def test_a_project_report_keeps_its_project() -> None:
    data = _data(LINGLING_PROJECT)
    assert api.next_year(data)["project"] == data["project"]


def test_every_figure_of_the_year_and_the_text_reporting_on_it_is_cleared() -> None:
    data = _data(LINGLING)
    data["date"] = "2023-04-25"
    data["published"] = {"total": 98}
    data["application"] = "自评结果将在门户网站公开。"
    data["other"] = "无。"
    copied = api.next_year(data)
    assert copied["budget"] == {"weight": 10}  # no amount, by source or by nature: only the rule
    assert all(not {"budget", "executed", "published"} & item.keys() for item in copied["projects"])
    assert "staff" not in copied["unit"]
    assert all("actual" not in goal for goal in copied["goals"])
    for indicator in copied["indicators"]:
        assert not {"actual", "score", "grade", "deviation"} & indicator.keys()
    for key in ("performance", "problems", "measures", "application", "other", "published", "date"):
        assert key not in copied


def test_the_rules_of_scoring_are_carried_over() -> None:
    data = _data(FIXTURES / "valid" / "group_weight_mismatch.yaml")
    data["scoring"] = {"group_weights": {"产出指标": 55, "效益指标": 25, "满意度指标": 10}}
    data["budget"]["weight"] = 10
    copied = api.next_year(data)
    assert copied["scoring"] == data["scoring"] and copied["budget"] == {"weight": 10}


def test_a_copy_goes_through_the_workbook_and_back_unchanged(tmp_path: Path) -> None:
    copied = api.next_year(_data(LINGLING))
    (tmp_path / "copy.xlsx").write_bytes(api.workbook_bytes(copied)[0])
    checked = api.check_data(read_data(tmp_path / "copy.xlsx"))
    assert checked.errors == [] and checked.report is not None and checked.report.year == 2023
    assert [p.name for p in checked.report.projects] == [p["name"] for p in copied["projects"]]


def test_what_the_data_format_does_not_know_is_left_behind() -> None:
    data = _data(LINGLING)
    data["remarks"] = "?"
    data["indicators"][0]["colour"] = "red"
    copied = api.next_year(data)
    assert "remarks" not in copied and "colour" not in copied["indicators"][0]


def test_the_copy_shares_nothing_with_its_source() -> None:
    data = _data(LINGLING)
    before = copy.deepcopy(data)
    copied = api.next_year(data)
    copied["unit"]["functions"].append("新职能")
    copied["indicators"][0]["name"] = "改过"
    assert data == before


def test_a_report_without_a_year_cannot_be_copied() -> None:
    data = _data(LINGLING)
    del data["year"]
    with pytest.raises(api.CannotCopy, match="没有填写年度"):
        api.next_year(data)


def test_the_note_names_the_year_copied_from() -> None:
    assert api.copy_note({"year": 2024}) == "由 2024 年度报告复制"
