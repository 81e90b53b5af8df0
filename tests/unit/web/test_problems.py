"""Every issue the CLI finds gets its field in the form and a place in plain Chinese."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.api import Checked, check_data, check_values, load
from reportgen.data.fieldpath import PathKey, parse_path
from reportgen.data.sources import read_data
from reportgen.errors import DataError, Issue, Severity
from reportgen.web.problems import WHOLE_FILE, Place, place_of, problems_by_field
from samples import EXAMPLES, FIXTURES

_DATA_FILES = sorted(
    [
        *(FIXTURES / "valid").glob("*.yaml"),
        *(FIXTURES / "invalid").glob("*.yaml"),
        *(FIXTURES / "invalid").glob("*.json"),
        *EXAMPLES.glob("*/data.yaml"),
    ]
)
_FIELD_PATH = re.compile(r"[A-Za-z_]+\s*(?:\.|\[)|\[\d+\]|[a-z]+_[a-z]+")


def _checked(path: Path) -> Checked | None:
    try:
        return check_data(read_data(path))
    except DataError:  # unreadable files (malformed YAML, empty) never reach the form
        return None


@pytest.mark.parametrize("data_file", _DATA_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_issue_has_a_chinese_place_and_a_field_of_its_own_path(data_file: Path) -> None:
    checked = _checked(data_file)
    if checked is None:  # the reader's own message names line and column; there is no form to show
        assert data_file.stem in {"duplicate_key", "empty", "malformed_json", "malformed_yaml"}
        return
    for issue in checked.issues:
        place = place_of(issue, checked.raw.data)
        assert place.text and not _FIELD_PATH.search(place.text), (issue.path, place.text)
        assert re.search(r"[\u4e00-\u9fff]", place.text)
        assert parse_path(issue.path)[: len(place.path)] == place.path, (issue.path, place.path)


_CASES: list[tuple[str, str, PathKey, str, str]] = [
    # data file, issue path → the form's field, the section, the place in Chinese
    ("valid/draft_actual_missing.yaml", "indicators[0].actual", ("indicators", 0, "actual"), "绩效指标",
     "绩效指标“法律援助办案数量”的实际完成值"),
    ("valid/project_over_budget.yaml", "projects[0].executed", ("projects", 0, "executed"), "项目支出",
     "项目“法律援助经费”的执行数"),
    ("valid/draft_budget_total_only.yaml", "budget.executed", ("budget", "executed"), "年度资金",
     "年度资金的全年执行数"),
    ("valid/by_source_sum.yaml", "budget.by_source", ("budget", "by_source"), "年度资金", "年度资金的按收入性质分"),
    ("valid/group_weight_mismatch.yaml", "indicators", ("indicators",), "绩效指标", "绩效指标"),
    ("valid/wan_amounts_in_yuan.yaml", "money_unit", ("money_unit",), "单位信息", "单位信息的金额单位"),
    ("invalid/missing_budget.yaml", "budget", ("budget",), "年度资金", "年度资金"),
    ("invalid/several_errors.yaml", "budget.excuted", ("budget",), "年度资金", "年度资金"),
    ("invalid/unknown_key_typo.yaml", "indicatros", (), "", WHOLE_FILE),
    ("invalid/top_level_list.yaml", "", (), "", WHOLE_FILE),
    ("invalid/placeholder_row.yaml", "indicators[3].name", ("indicators", 3, "name"), "绩效指标",
     "绩效指标第4项的三级指标"),
    ("invalid/project_kind_without_project.yaml", "project", ("project",), "单位信息", "单位信息的项目信息"),
    ("invalid/qualitative_bands_wrong_order.yaml", "scoring.qualitative_bands", ("scoring", "qualitative_bands"),
     "单位信息", "单位信息的定性指标档次下限"),
    ("invalid/year_not_integer.yaml", "year", ("year",), "单位信息", "单位信息的年度"),
    ("../../examples/shifeng-2023-draft/data.yaml", "goals[1].actual", ("goals", 1, "actual"), "年度目标",
     "年度总体目标第2项的实际完成情况"),
    ("../../examples/shifeng-2023-draft/data.yaml", "unit.functions", ("unit", "functions"), "职能职责", "职能职责"),
    ("../../examples/shifeng-2023-draft/data.yaml", "problems", ("problems",), "存在问题", "存在问题"),
]  # fmt: skip


@pytest.mark.parametrize(("data_file", "issue_path", "field", "section", "text"), _CASES)
def test_places_of_the_fixtures_issues(
    data_file: str, issue_path: str, field: PathKey, section: str, text: str
) -> None:
    checked = _checked(FIXTURES / data_file)
    assert checked is not None
    issue = next(i for i in checked.issues if i.path == issue_path)
    assert place_of(issue, checked.raw.data) == Place(section, field, text)


_ITEMS = {
    "indicators": [{"name": "法律援助案件"}, {"name": ""}, {}],
    "problems": [{"title": "资金拨付不及时"}, {"text": "……"}],
    "measures": [{"text": "加强管理"}],
    "performance": [{"title": "一、成效"}],
    "projects": [{"name": "法律援助经费"}, {"budget": 1}],
    "unit": {"functions": ["负责……"], "departments": ["办公室"]},
}


@pytest.mark.parametrize(
    ("path", "field", "text"),
    [
        ("indicators[0].actual", ("indicators", 0, "actual"), "绩效指标“法律援助案件”的实际完成值"),
        ("indicators[1].target", ("indicators", 1, "target"), "绩效指标第2项的年度指标值"),
        ("indicators[2]", ("indicators", 2), "绩效指标第3项"),
        ("indicators[7].name", ("indicators", 7, "name"), "绩效指标第8项的三级指标"),  # beyond the data: numbered
        ("indicators[0].colour", ("indicators", 0), "绩效指标“法律援助案件”"),  # an unknown key: the item
        ("problems[1].cause", ("problems", 1, "cause"), "存在的问题第2项的原因分析"),
        ("problems[0].title", ("problems", 0, "title"), "存在的问题第1项的标题"),
        ("measures[0].text", ("measures", 0, "text"), "改进措施第1项的内容"),
        ("performance[0]", ("performance", 0), "绩效情况第1项"),
        ("projects[1].name", ("projects", 1, "name"), "项目第2项的项目名称"),
        ("unit.functions[0]", ("unit", "functions", 0), "职能职责第1项"),
        ("unit.departments", ("unit", "departments"), "内设机构"),
        ("unit.staff.actual", ("unit", "staff", "actual"), "单位信息的实有人数"),
        ("unit.staff", ("unit", "staff"), "单位信息的人员情况"),
        ("unit", ("unit",), "单位信息"),
        ("budget.by_nature.basic", ("budget", "by_nature", "basic"), "年度资金的基本支出"),
        ("budget.by_source.gold", ("budget", "by_source"), "年度资金的按收入性质分"),
        ("scoring.profile", ("scoring", "profile"), "单位信息的评分规则方案"),
        ("application", ("application",), "其他情况的结果应用和公开情况"),
    ],
)
def test_places_use_the_datas_own_names_else_the_items_number(path: str, field: PathKey, text: str) -> None:
    place = place_of(Issue(path, "……"), _ITEMS)
    assert (place.path, place.text) == (field, text)


def test_a_check_of_plain_values_is_the_files_check() -> None:
    from_file = load(EXAMPLES / "shifeng-2023-draft" / "data.yaml")
    from_form = check_values(from_file.raw.data)
    assert [(i.path, i.severity, i.message) for i in from_form.issues] == [
        (i.path, i.severity, i.message) for i in from_file.issues
    ]
    assert from_form.raw.file == "网页表单" and from_form.figures == from_file.figures


def test_problems_by_field_keep_errors_warnings_and_missing_apart() -> None:
    draft = problems_by_field(load(EXAMPLES / "shifeng-2023-draft" / "data.yaml"))
    actual = draft[("indicators", 0, "actual")]
    assert not actual.errors and not actual.warnings
    assert [p.place.text for p in actual.missing] == ["绩效指标“完成法律援助案件”的实际完成值"]
    assert all(p.severity is Severity.MISSING for p in actual.missing)

    final = problems_by_field(load(EXAMPLES / "lingling-2022" / "data.yaml"))
    warned = final[("indicators", 0, "actual")]
    assert not warned.errors and not warned.missing and len(warned.warnings) == 1
    assert "社区矫正管理人数" in warned.warnings[0].message

    broken = problems_by_field(check_data(read_data(FIXTURES / "invalid" / "several_errors.yaml")))
    assert [p.message for p in broken[("kind",)].errors] == ["取值“部门”无效，只能填写：department、project。"]
    assert len(broken[("budget",)].errors) == 1  # the unknown key excuted: shown on the section


def test_every_issue_is_under_exactly_one_field_in_the_order_found() -> None:
    checked = load(EXAMPLES / "shifeng-2023-draft" / "data.yaml")
    grouped = problems_by_field(checked)
    listed = [
        p.message for problems in grouped.values() for p in (*problems.errors, *problems.warnings, *problems.missing)
    ]
    assert sorted(listed) == sorted(i.message for i in checked.issues)
    assert next(iter(grouped)) == place_of(checked.issues[0], checked.raw.data).path


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("", ()),
        ("year", ("year",)),
        ("indicators[3].target", ("indicators", 3, "target")),
        ("unit.functions[0]", ("unit", "functions", 0)),
        ("scoring.qualitative_bands[1]", ("scoring", "qualitative_bands", 1)),
    ],
)
def test_parse_path_reads_what_format_path_writes(text: str, path: PathKey) -> None:
    from reportgen.data.fieldpath import format_path

    assert parse_path(text) == path and format_path(path) == text
