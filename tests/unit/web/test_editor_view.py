"""What the editor shows: inputs filled from the data, ids from paths, problems at markers."""

from __future__ import annotations

from typing import Any

import pytest

from editor_data import starter_data
from reportgen.api import check_values
from reportgen.data.fieldpath import format_path
from reportgen.data.starter import blank_data
from reportgen.web.edit import set_field
from reportgen.web.editor_view import editor_sections, field_id, marker_id, placed, section_view
from reportgen.web.fields import sections


@pytest.fixture
def data() -> dict[str, Any]:
    return starter_data()


def test_ids_come_from_the_path() -> None:
    assert field_id(("indicators", 3, "actual")) == "f-indicators-3--actual"
    assert marker_id(("budget", "by_source", "general_public")) == "p-budget-by-source-general-public"
    assert field_id(("scoring", "group_weights", "产出指标")) != field_id(("scoring", "group_weights", "效益指标"))


def test_every_section_of_the_data_format_is_shown(data: dict[str, Any]) -> None:
    shown = editor_sections(data)
    assert [s.title for s in shown] == [s.title for s in sections()]
    assert {"单位信息", "年度资金", "项目支出", "年度目标", "绩效指标", "绩效情况", "存在问题", "改进措施"} <= {
        s.title for s in shown
    }


def test_inputs_show_the_data_as_the_form_writes_it(data: dict[str, Any]) -> None:
    form = {i.path: i for i in section_view(0, data).inputs}
    assert form["kind"].value == "部门整体支出" and form["kind"].widget == "select"
    assert form["money_unit"].choices == (("元", "元"), ("万元", "万元"))
    assert form["unit.overview"].widget == "textarea" and form["year"].value == "2024"
    budget = {i.path: i for i in section_view(1, data).inputs}
    assert budget["budget.adjusted"].unit == "万元" and budget["budget.weight"].unit == "分"
    table = section_view(4, data)
    assert table.repeating and len(table.rows) == len(data["indicators"])
    cells = {c.path: c for c in table.rows[4].cells}
    assert cells["indicators[4].direction"].value == "反向"
    applicable = cells["indicators[4].applicable"]  # left out: the data format's default, 是
    assert applicable.widget == "checkbox" and applicable.checked
    scale = {i.path: i for i in section_view(0, data).inputs}["scoring.scale_to_100"]
    assert scale.widget == "checkbox" and not scale.checked
    level2 = cells["indicators[4].level2"]  # 二级指标 under their 一级指标
    assert level2.value == "成本指标" and level2.choices == ()
    assert ("产出指标", ("数量指标", "质量指标", "时效指标", "成本指标")) in level2.groups


def test_a_value_not_among_the_choices_is_shown_as_it_is(data: dict[str, Any]) -> None:
    odd = set_field(data, ("indicators", 0, "level1"), "产出").data
    cell = next(c for c in section_view(4, odd).rows[0].cells if c.path == "indicators[0].level1")
    assert cell.value == "产出" and ("产出", "产出") in cell.choices


def test_a_problem_is_shown_at_its_fields_marker_and_a_change_tells_which_markers_changed(
    data: dict[str, Any],
) -> None:
    before = placed(check_values(data).issues, data)
    path = ("indicators", 0, "actual")
    emptied = set_field(data, path, "").data
    after = placed(check_values(emptied).issues, emptied)
    (problem,) = after.at(marker_id(path))
    assert problem.word == "尚未填写" and "法律援助案件办理数量" in problem.message
    assert problem.anchor == field_id(path) and format_path(path) not in problem.message
    assert marker_id(path) in after.changed_markers(before)


def test_a_problem_of_a_whole_table_is_shown_at_its_section(data: dict[str, Any]) -> None:
    heavier = set_field(data, ("indicators", 0, "weight"), "20").data
    shown = placed(check_values(heavier).issues, heavier)
    assert any("分值合计" in p.message for p in shown.at("p-sec-4")), shown.all


def test_a_problem_of_a_part_of_a_form_is_beside_its_first_field_and_of_a_whole_section_at_the_section() -> None:
    data = blank_data("project", 2025)
    shown = placed(check_values(data).issues, data)
    (project,) = shown.at(marker_id(("project", "name")))  # 项目信息 is a part of 单位信息
    assert "必须填写项目信息" in project.message and "project" not in project.message
    typo = {**starter_data(), "budget": {**starter_data()["budget"], "excuted": 1}}
    (unknown,) = placed(check_values(typo).issues, typo).at("p-sec-1")  # the whole of 年度资金
    assert unknown.removable == "budget.excuted" and unknown.key == "excuted"


def test_the_format_version_is_shown_only_when_it_needs_correcting() -> None:
    def shown(data: dict[str, object]) -> list[str]:
        return [i.path for i in section_view(0, data).inputs]

    assert "format" not in shown({"format": "reportgen/1", "year": 2024})
    assert "format" in shown({"format": "reportgen/9"}) and "format" in shown({})
