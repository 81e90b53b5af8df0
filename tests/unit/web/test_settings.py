"""A report's template set and style: only built-in names, the 湖南 outline only for 部门整体支出."""

from __future__ import annotations

import pytest

from reportgen.web import settings


def test_the_built_in_template_sets_are_offered_by_their_chinese_names() -> None:
    offered = {option.name: option for option in settings.template_options("department")}
    assert offered["standard"].title == "标准模板（五章）" and offered["hunan"].title == "湖南省格式（十章）"
    assert not any(option.note for option in offered.values())
    assert next(iter(offered)) == "standard"


def test_the_hunan_outline_is_marked_for_a_project_report() -> None:
    offered = {option.name: option for option in settings.template_options("project")}
    assert offered["hunan"].note == "仅用于部门整体支出" and offered["standard"].note == ""


def test_the_built_in_style_is_offered_and_stored_as_the_default() -> None:
    assert [option.name for option in settings.style_options()] == ["gbt9704"]
    assert settings.style_title("") == settings.style_title("gbt9704") == "党政机关公文格式（GB/T 9704-2012）"
    assert settings.stored_style("gbt9704") == ""


@pytest.mark.parametrize(
    ("narrative", "kind"), [("standard", "department"), ("standard", "project"), ("hunan", "department")]
)
def test_a_built_in_choice_that_serves_the_kind_is_accepted(narrative: str, kind: str) -> None:
    assert settings.refused(narrative, "gbt9704", kind) == []


def test_the_hunan_outline_is_refused_for_a_project_with_the_reason() -> None:
    assert settings.refused("hunan", "gbt9704", "project") == [
        "湖南省格式（十章）只用于部门整体支出绩效自评，本报告是项目支出，不能使用；请选择标准模板（五章）。"
    ]
    assert settings.refused("hunan", "gbt9704", "") == []  # the kind not filled in yet: told on the preview


def test_no_template_set_is_marked_while_the_kind_is_not_filled_in() -> None:
    assert not any(option.note for option in settings.template_options(""))


@pytest.mark.parametrize(
    ("narrative", "style"),
    [("../x", "gbt9704"), ("_common", "gbt9704"), ("standard", "../gbt9704"), ("standard", "gbt9704.yaml"), ("", "")],
)
def test_a_name_that_is_not_built_in_is_refused(narrative: str, style: str) -> None:
    assert settings.refused(narrative, style, "department")
