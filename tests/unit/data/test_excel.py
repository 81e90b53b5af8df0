"""Excel workbooks: the staff workbook round trip, cells named in errors, multi-unit workbooks.

Fixture workbooks are built here with openpyxl from the examples; ``fixtures/xlsx`` holds
one workbook saved by LibreOffice (formula results, merged cells as an office suite writes
them).
"""

from __future__ import annotations

import copy
import datetime
import io
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.api import check_data, load
from reportgen.data.excel import (
    is_multi_unit,
    read_units,
    read_units_apart,
    read_workbook,
    unplaced,
    write_table,
    write_units_workbook,
    write_workbook,
)
from reportgen.data.labels import label_for
from reportgen.data.sources import RawData, read_data
from reportgen.data.sources.yaml_source import read_yaml
from reportgen.errors import DataError
from reportgen.features.batch.run import run_batch
from reportgen.figures.as_json import figures_json
from samples import EXAMPLES, LINGLING, LINGLING_PROJECT, MINIMAL, ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "xlsx"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*/data.yaml"))
INDICATOR_HEADERS = [
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "完成档次",
    "偏差原因分析及改进措施",
    "绩效标准",
    "指标方向",
    "是否适用",
]


def data_of(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = read_data(path).data
    return data


def workbook(tmp_path: Path, data: dict[str, Any] | None = None, name: str = "data.xlsx") -> Path:
    path = tmp_path / name
    assert write_workbook(path, data if data is not None else data_of(LINGLING)) == []
    return path


def edit(path: Path, change: Callable[[Workbook], object]) -> Path:
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)
    return path


def sheet(book: Workbook, title: str) -> Worksheet:
    found = book[title]
    assert isinstance(found, Worksheet)
    return found


def errors(path: Path) -> list[tuple[str, str, str]]:
    """(location, path, message) of every error reading or validating ``path``."""
    try:
        checked = load(path)
    except DataError as exc:
        return [(i.location, i.path, i.message) for i in exc.issues]
    return [(i.location, i.path, i.message) for i in checked.errors]


def cache_result(path: Path, title: str, cell: str, value: str, kind: str = "n") -> None:
    """Give a formula written by openpyxl the saved result Excel would store with it."""
    index = openpyxl.load_workbook(path).sheetnames.index(title) + 1
    member = f"xl/worksheets/sheet{index}.xml"
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    xml, count = re.subn(
        rf'<c r="{cell}"([^>]*)><f>([^<]*)</f><v\s*/?>(?:</v>)?',
        rf'<c r="{cell}"\1 t="{kind}"><f>\2</f><v>{value}</v>',
        files[member].decode(),
    )
    assert count == 1, xml[:500]
    files[member] = xml.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)


# --- round trip ------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.parent.name)
def test_written_workbook_reads_back_as_the_yaml(example: Path, tmp_path: Path) -> None:
    data = data_of(example)
    raw = read_workbook(workbook(tmp_path, data))
    assert raw.data == data
    assert raw.file == str(tmp_path / "data.xlsx")


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.parent.name)
def test_loaded_workbook_has_the_figures_of_the_yaml(example: Path, tmp_path: Path) -> None:
    from_yaml, from_xlsx = load(example), load(workbook(tmp_path, data_of(example)))
    assert from_xlsx.ok, from_xlsx.errors
    assert from_yaml.figures is not None and from_xlsx.figures is not None
    assert figures_json(from_xlsx.figures) == figures_json(from_yaml.figures)
    assert [w.path for w in from_xlsx.warnings] == [w.path for w in from_yaml.warnings]
    assert all(re.fullmatch(r"\w+(!\w+(:\w+)?)?", w.location) for w in from_xlsx.warnings)


def test_read_data_reads_workbooks_and_explains_xls(tmp_path: Path) -> None:
    assert read_data(workbook(tmp_path)).data == data_of(LINGLING)
    with pytest.raises(DataError, match=r"另存为 \.xlsx"):
        read_data(tmp_path / "old.xls")
    with pytest.raises(DataError, match="文件不存在"):
        read_data(tmp_path / "missing.xlsx")
    (tmp_path / "fake.xlsx").write_text("not a workbook", encoding="utf-8")
    with pytest.raises(DataError, match="不是有效的 Excel 工作簿"):
        read_data(tmp_path / "fake.xlsx")


def test_staff_workbook_layout(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(workbook(tmp_path, data_of(LINGLING_PROJECT)))
    assert book.sheetnames == [
        "说明",
        "单位信息",
        "年度资金",
        "项目支出",
        "年度目标",
        "绩效指标",
        "绩效情况",
        "存在问题",
        "改进措施",
        "职能职责",
        "内设机构",
        "其他情况",
    ]
    indicators = sheet(book, "绩效指标")
    assert [c.value for c in indicators[1]] == INDICATOR_HEADERS
    assert indicators.freeze_panes == "A2"
    assert indicators["E2"].number_format == "@"  # “95%” typed there stays text
    rules = {str(rule.sqref).split(":")[0]: rule for rule in indicators.data_validations.dataValidation}
    assert rules["A2"].type == "list" and "产出指标" in str(rules["A2"].formula1)
    assert rules["F2"].type == "decimal" and rules["F2"].operator == "greaterThanOrEqual"
    assert '"正向,反向"' in str(rules["K2"].formula1) and '"是,否"' in str(rules["L2"].formula1)
    info = sheet(book, "单位信息")
    assert [c.value for c in info[1]] == ["字段", "内容", "填写说明"]
    rows = {row[0].value: row[1].value for row in info.iter_rows(min_row=2)}
    assert rows["评价类型"] == "项目支出" and rows["金额单位"] == "万元" and rows["项目名称"] == "司法行政业务项目支出"
    assert sheet(book, "年度资金")["B2"].number_format == "#,##0.00"
    assert "reportgen validate" in str([c.value for c in sheet(book, "说明")["A"]])


def test_empty_workbook_points_at_the_blank_cells(tmp_path: Path) -> None:
    path = tmp_path / "blank.xlsx"
    write_workbook(path)
    assert read_workbook(path).data == {"format": "reportgen/1"}
    found = {p: where for where, p, _ in errors(path)}
    assert found["kind"] == "单位信息!B3"
    assert found["budget"] == "年度资金!B2"  # the first cell of 年度资金
    assert "indicators" not in found  # a draft may have no indicator yet


def test_unplaced_values_are_reported(tmp_path: Path) -> None:
    data = data_of(LINGLING)
    data["extension"] = "x"
    data["indicators"][0]["remark"] = "y"
    assert write_workbook(tmp_path / "a.xlsx", data) == ["indicators[0].remark", "extension"]
    assert unplaced(data_of(LINGLING_PROJECT)) == []


# --- cells named in errors -----------------------------------------------------------


def test_bad_target_actual_and_weight_name_their_cells(tmp_path: Path) -> None:
    def spoil(book: Workbook) -> None:
        indicators = sheet(book, "绩效指标")
        indicators["D7"] = "≥90%以下"
        indicators["E7"] = "1,620件"
        indicators["F8"] = "十分"

    found = errors(edit(workbook(tmp_path), spoil))
    assert [(where, p) for where, p, _ in found] == [
        ("绩效指标!D7", "indicators[5].target"),
        ("绩效指标!E7", "indicators[5].actual"),
        ("绩效指标!F8", "indicators[6].weight"),
    ]
    assert "方向相反" in found[0][2] and "千位分隔符" in found[1][2] and "应填写数字" in found[2][2]
    assert label_for(("indicators", 5, "target")) == "年度指标值"


def test_formula_results_are_read(tmp_path: Path) -> None:
    path = edit(
        workbook(tmp_path, data_of(LINGLING_PROJECT)),
        lambda book: sheet(book, "年度资金").__setitem__("B4", "=B3+124.52"),
    )
    cache_result(path, "年度资金", "B4", "442.91999999999996")  # as Excel saves 318.4+124.52
    assert read_workbook(path).data["budget"]["executed"] == Decimal("442.92")


def test_formula_without_result_is_an_error_naming_the_cell(tmp_path: Path) -> None:
    path = edit(workbook(tmp_path), lambda book: sheet(book, "年度资金").__setitem__("B4", "=B3"))
    with pytest.raises(DataError) as caught:
        read_workbook(path)
    (issue,) = caught.value.issues
    assert (issue.location, issue.path, issue.label) == ("年度资金!B4", "budget.executed", "全年执行数")
    assert "没有保存计算结果" in issue.message


def test_formula_error_value_is_an_error(tmp_path: Path) -> None:
    path = edit(workbook(tmp_path), lambda book: sheet(book, "绩效指标").__setitem__("F3", "=1/0"))
    cache_result(path, "绩效指标", "F3", "#DIV/0!", kind="e")
    ((where, p, message),) = errors(path)
    assert (where, p) == ("绩效指标!F3", "indicators[1].weight") and "#DIV/0!" in message


def test_saved_by_libreoffice(tmp_path: Path) -> None:
    raw = read_workbook(FIXTURES / "saved-by-libreoffice.xlsx")
    assert raw.data["budget"]["executed"] == Decimal("442.92")  # =B3+124.52
    assert [i["level1"] for i in raw.data["indicators"]] == ["产出指标"] * 5 + ["效益指标"] * 3 + ["满意度指标"]
    assert raw.locate(("indicators", 3, "level1")) == "绩效指标!A2"  # merged A2:A6
    assert check_data(raw).ok


def test_numbers_stored_as_text(tmp_path: Path) -> None:
    def as_text(book: Workbook) -> None:
        sheet(book, "年度资金")["B2"] = "15205000.00"
        sheet(book, "年度资金")["B3"] = " 16,905,537.09 "
        sheet(book, "单位信息")["B4"] = "2022"

    path = edit(workbook(tmp_path), as_text)
    raw = read_workbook(path)
    assert raw.data["budget"]["initial"] == Decimal("15205000.00")
    assert raw.data["year"] == 2022 and isinstance(raw.data["year"], int)
    assert raw.data["budget"]["adjusted"] == "16,905,537.09"  # validation explains it
    ((where, p, message),) = errors(path)
    assert (where, p) == ("年度资金!B3", "budget.adjusted") and "千分位" in message


def test_cell_types_as_a_person_means_them(tmp_path: Path) -> None:
    def retype(book: Workbook) -> None:
        info, indicators = sheet(book, "单位信息"), sheet(book, "绩效指标")
        info["B3"] = "department"  # the code instead of 部门整体支出
        info["B18"] = datetime.datetime(2023, 4, 25)  # 报告日期
        info["B8"] = 301001  # 单位代码 typed as a number
        indicators["E3"] = 0.95  # typed “95%”: Excel keeps 0.95 shown as a percentage
        indicators["E3"].number_format = "0%"
        indicators["F3"] = 9.5
        indicators["G3"] = 0.1
        indicators["K3"] = "反向"
        indicators["L3"] = "否"
        indicators["L4"] = "是"

    raw = read_workbook(edit(workbook(tmp_path), retype))
    data = raw.data
    assert data["kind"] == "department" and data["date"] == datetime.date(2023, 4, 25)
    assert data["unit"]["code"] == "301001"
    second = data["indicators"][1]
    assert second["actual"] == "95%"
    assert second["weight"] == Decimal("9.5") and second["score"] == Decimal("0.1")
    assert (second["direction"], second["applicable"], data["indicators"][2]["applicable"]) == ("reverse", False, True)
    assert raw.locate(("indicators", 1, "direction")) == "绩效指标!K3"


def test_blank_and_trailing_rows_are_skipped(tmp_path: Path) -> None:
    def loosen(book: Workbook) -> None:
        indicators = sheet(book, "绩效指标")
        indicators.insert_rows(3, 2)
        indicators["C4"] = "   "
        indicators["A40"] = None
        indicators["C60"] = " "
        sheet(book, "项目支出").insert_rows(2)

    path = edit(workbook(tmp_path), loosen)
    raw = read_workbook(path)
    assert raw.data == data_of(LINGLING)
    assert raw.locate(("indicators", 0, "target")) == "绩效指标!D2"
    assert raw.locate(("indicators", 1, "target")) == "绩效指标!D5"
    assert raw.locate(("indicators", 1)) == "绩效指标!A5:L5"
    assert raw.locate(("projects", 0, "name")) == "项目支出!A3"


def test_merged_level1_cells(tmp_path: Path) -> None:
    def merge(book: Workbook) -> None:
        indicators = sheet(book, "绩效指标")
        for row in range(3, 7):
            indicators.cell(row, 1).value = None
        indicators.merge_cells("A2:A6")
        indicators.merge_cells("B2:B6")

    raw = read_workbook(edit(workbook(tmp_path), merge))
    assert raw.data == data_of(LINGLING)
    assert raw.locate(("indicators", 4, "level1")) == "绩效指标!A2"


def test_unknown_column_is_an_error_and_unknown_sheet_is_ignored(tmp_path: Path) -> None:
    def extend(book: Workbook) -> None:
        sheet(book, "绩效指标")["M1"] = "备注"
        sheet(book, "绩效指标")["M2"] = "x"
        book.create_sheet("草稿")["A1"] = "随便写写"

    with pytest.raises(DataError) as caught:
        read_workbook(edit(workbook(tmp_path), extend))
    (issue,) = caught.value.issues
    assert issue.location == "绩效指标!M1"
    assert "不认识的列“备注”" in issue.message and "绩效指标" in issue.message


def test_content_without_header_is_an_error(tmp_path: Path) -> None:
    path = edit(workbook(tmp_path), lambda book: sheet(book, "绩效指标").__setitem__("N5", "多余"))
    assert [(where, message[:6]) for where, _, message in errors(path)] == [("绩效指标!N5", "这一列有内容")]


def test_unknown_field_row_is_an_error(tmp_path: Path) -> None:
    path = edit(workbook(tmp_path), lambda book: sheet(book, "单位信息").append(["负责人", "张三"]))
    ((where, _, message),) = errors(path)
    assert where == "单位信息!A33" and "不认识的字段“负责人”" in message


def test_missing_required_sheet_is_named(tmp_path: Path) -> None:
    path = edit(workbook(tmp_path), lambda book: book.remove(book["年度资金"]))
    with pytest.raises(DataError, match="缺少工作表“年度资金”"):
        read_workbook(path)


def test_sheet_and_column_order_do_not_matter(tmp_path: Path) -> None:
    data = data_of(LINGLING_PROJECT)
    book = openpyxl.load_workbook(workbook(tmp_path, data))
    old = sheet(book, "绩效指标")
    rows = [[c.value for c in row] for row in old.iter_rows(max_row=len(data["indicators"]) + 1)]
    headers = [str(value) for value in rows[0]]
    book.remove(old)
    new = book.create_sheet("绩效指标", 1)
    order = [11, 3, 0, 2, 1, 5, 4, 6, 7, 8, 9, 10]
    english = {"年度指标值": "target", "三级指标": "indicators.name"}
    new.append(["序号", *[english.get(headers[i], headers[i]) for i in order]])
    for number, row in enumerate(rows[1:], 1):
        new.append([number, *[row[i] for i in order]])
    book.move_sheet("说明", 5)
    book.save(tmp_path / "shuffled.xlsx")
    assert read_workbook(tmp_path / "shuffled.xlsx").data == data


# --- multi-unit workbooks ----------------------------------------------------------


def three_units() -> list[dict[str, Any]]:
    first, second = data_of(LINGLING), data_of(LINGLING_PROJECT)
    second["unit"]["name"] = "零陵区某项目单位"
    third = read_yaml(MINIMAL, "minimal.yaml").data
    return [first, second, third]


def test_multi_unit_workbook_round_trip(tmp_path: Path) -> None:
    units = three_units()
    path = tmp_path / "units.xlsx"
    assert write_units_workbook(path, units) == []
    assert is_multi_unit(path) and not is_multi_unit(workbook(tmp_path))
    raws = read_units(path)
    assert [r.data for r in raws] == units
    assert [r.file for r in raws] == [f"{path}#{u['unit']['name']}" for u in units]
    book = openpyxl.load_workbook(path)
    assert sheet(book, "绩效指标")["A1"].value == "单位名称"
    assert [c.value for c in sheet(book, "单位信息")[1]][:2] == ["单位名称", "格式版本"]
    with pytest.raises(DataError, match="多单位工作簿"):
        read_workbook(path)


def test_multi_unit_workbook_by_hand(tmp_path: Path) -> None:
    """Three units typed by a person: merged 单位名称 cells, one unit with a bad weight."""
    book = openpyxl.Workbook()
    info = book.active
    assert info is not None
    info.title = "单位信息"
    info.append(["单位名称", "格式版本", "评价类型", "年度", "金额单位"])
    for name in ("甲局", "乙局", "丙局"):
        info.append([name, "reportgen/1", "部门整体支出", 2023, "万元"])
    budget = book.create_sheet("年度资金")
    budget.append(["单位名称", "年初预算数", "全年预算数", "全年执行数"])
    for name in ("丙局", "甲局", "乙局"):
        budget.append([name, 100, 100, 95.5])
    indicators = book.create_sheet("绩效指标")
    indicators.append(["单位名称", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值"])
    for name in ("甲局", "乙局", "丙局"):
        indicators.append([name, "产出指标", "数量指标", "办理案件", "100件", "100件", 50])
        indicators.append([None, "效益指标", "社会效益指标", "社会稳定", "良好", "良好", 30])
        indicators.append([None, "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "95%", 10])
    for top in (2, 5, 8):
        indicators.merge_cells(f"A{top}:A{top + 2}")
    indicators["G6"] = "三十"  # 乙局's second indicator
    goals = book.create_sheet("年度目标")
    goals.append(["单位名称", "预期目标", "实际完成情况"])
    goals.append(["丙局", "化解矛盾纠纷", "化解1620件"])
    book.save(tmp_path / "units.xlsx")

    raws = read_units(tmp_path / "units.xlsx")
    assert [r.file.rsplit("#", 1)[1] for r in raws] == ["甲局", "乙局", "丙局"]
    first, second, third = raws
    assert first.data["budget"] == {"initial": 100, "adjusted": 100, "executed": Decimal("95.5")}
    assert [i["name"] for i in second.data["indicators"]] == ["办理案件", "社会稳定", "满意度"]
    assert third.data["goals"] == [{"expected": "化解矛盾纠纷", "actual": "化解1620件"}]
    assert "goals" not in first.data
    assert third.locate(("indicators", 2, "target")) == "绩效指标!E10"
    assert third.locate(("budget", "executed")) == "年度资金!D2"
    assert third.locate(("unit", "name")) == "单位信息!A4"
    assert first.locate(("goals",)) == "年度目标"
    checks = [check_data(raw) for raw in raws]
    assert [c.ok for c in checks] == [True, False, True]
    assert [(e.location, e.path) for e in checks[1].errors] == [("绩效指标!G6", "indicators[1].weight")]


def test_multi_unit_rows_of_unknown_units_are_errors(tmp_path: Path) -> None:
    units = three_units()
    path = tmp_path / "units.xlsx"
    write_units_workbook(path, units)

    def rename(book: Workbook) -> None:
        sheet(book, "绩效指标")["A3"] = "永州市零陵区司法厅"
        sheet(book, "年度资金")["A3"] = None

    with pytest.raises(DataError) as caught:
        read_units(edit(path, rename))
    assert [(i.location, i.message[:12]) for i in caught.value.issues] == [
        ("年度资金!A3", "请填写单位名称：多单位工"),
        ("绩效指标!A3:M3", "单位“永州市零陵区司法厅"),
    ]


def test_single_unit_workbook_as_units(tmp_path: Path) -> None:
    path = workbook(tmp_path)
    (raw,) = read_units(path)
    assert raw.file == str(path) and raw.data == data_of(LINGLING)


# --- the batch summary -------------------------------------------------------------


def test_write_table(tmp_path: Path) -> None:
    path = tmp_path / "汇总.xlsx"
    rows: list[list[object]] = [[1, "甲局", Decimal("87.50"), "96.12%", "第一行\n第二行"], [2, "乙局", "", "", None]]
    write_table(path, "汇总", ["序号", "单位名称", "综合得分", "预算执行率", "问题"], rows, [6, 20, 10, 10, 40])
    book = openpyxl.load_workbook(path)
    table = sheet(book, "汇总")
    assert [c.value for c in table[1]] == ["序号", "单位名称", "综合得分", "预算执行率", "问题"]
    assert table["A1"].font.bold and table.freeze_panes == "A2"
    assert table["C2"].value == 87.5 and table["C2"].number_format == "0.00"
    assert table["D2"].value == "96.12%" and table["E2"].alignment.wrap_text
    assert table["C3"].value is None
    assert table.column_dimensions["B"].width == 20


def test_round_trip_keeps_unusual_values(tmp_path: Path) -> None:
    data = copy.deepcopy(data_of(LINGLING))
    data["indicators"][0]["target"] = "=500件"
    data["indicators"][0]["applicable"] = False
    data["indicators"][1]["direction"] = "reverse"
    data["performance"].append("只有内容的一项")
    data["scoring"] = {"group_weights": {"产出指标": 50}, "qualitative_bands": [Decimal("0.9"), Decimal("0.7")]}
    data["date"] = datetime.date(2023, 4, 25)
    data["application"] = "第一段\n\n第二段"
    back = read_workbook(workbook(tmp_path, data)).data
    data["performance"][-1] = {"text": "只有内容的一项"}
    assert back == data


def test_workbook_written_to_a_stream(tmp_path: Path) -> None:
    stream = io.BytesIO()
    write_workbook(stream, data_of(LINGLING_PROJECT))
    (tmp_path / "streamed.xlsx").write_bytes(stream.getvalue())
    assert read_workbook(tmp_path / "streamed.xlsx").data == data_of(LINGLING_PROJECT)


def test_form_without_its_header_row_is_not_taken_for_many_units(tmp_path: Path) -> None:
    path = edit(workbook(tmp_path), lambda book: sheet(book, "单位信息").delete_rows(1))
    assert not is_multi_unit(path)
    with pytest.raises(DataError, match="缺少表头“字段”和“内容”"):
        read_workbook(path)


def _apart(path: Path) -> list[tuple[str, str]]:
    """Each entry of read_units_apart: its label and 'ok' or its first problem's location and message start."""
    found = []
    for unit in read_units_apart(path):
        label = unit.file.rsplit("#", 1)[1]
        found.append(
            (label, "ok" if isinstance(unit, RawData) else f"{unit.issues[0].location} {unit.issues[0].message[:8]}")
        )
    return found


def _rename_second(to: str | None, everywhere: bool = True) -> Callable[[Workbook], None]:
    def rename(book: Workbook) -> None:
        for ws in book.worksheets if everywhere else [sheet(book, "单位信息")]:
            for row in ws.iter_rows():
                if row[0].value == "零陵区某项目单位":
                    row[0].value = to

    return rename


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            _rename_second("永州市零陵区司法局"),
            [("永州市零陵区司法局", "单位信息!A3:AE3 单位“永州市零陵"), ("某县司法局", "ok")],
        ),
        (
            _rename_second(None, everywhere=False),
            [
                ("永州市零陵区司法局", "ok"),
                ("单位信息!A3（未填写单位名称）", "单位信息!A3 请填写单位名称："),
                ("某县司法局", "ok"),
            ],
        ),
    ],
)
def test_a_duplicate_or_blank_unit_name_fails_only_those_units(
    tmp_path: Path, change: Callable[[Workbook], None], expected: list[tuple[str, str]]
) -> None:
    path = tmp_path / "units.xlsx"
    write_units_workbook(path, three_units())
    assert _apart(edit(path, change)) == expected
    with pytest.raises(DataError):
        read_units(path)  # the strict reader still lists every problem


def test_a_row_of_an_unknown_unit_fails_the_unit_around_it(tmp_path: Path) -> None:
    path = tmp_path / "units.xlsx"
    write_units_workbook(path, three_units())

    def typo(book: Workbook) -> None:
        sheet(book, "绩效指标")["A3"] = "永州市零陵区司法厅"

    assert [label for label, state in _apart(edit(path, typo)) if state != "ok"] == ["永州市零陵区司法局"]


@pytest.mark.rendering
def test_a_batch_renders_the_other_units_of_a_workbook_with_a_duplicate_name(tmp_path: Path) -> None:
    path = tmp_path / "units.xlsx"
    write_units_workbook(path, three_units())
    edit(path, _rename_second("永州市零陵区司法局"))
    result = run_batch([path], tmp_path / "out", jobs=1)
    assert [(u.unit, u.status) for u in result.units] == [("永州市零陵区司法局", "failed"), ("某县司法局", "ok")]
