"""汇总.xlsx as a bureau's clerk opens it: numbers as numbers, a link to each report, every
warning, and failed units under their names."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.features.batch.summary import cell_lines
from summary_units import batch, column, sheet_of, unit, write_unit

pytestmark = pytest.mark.rendering


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Worksheet]:
    folder = tmp_path_factory.mktemp("data")
    write_unit(folder, "a_coded", unit(1, code="431102001"))
    write_unit(folder, "b_plain", unit(2))
    write_unit(folder, "c_broken", unit(3, broken=True))
    (folder / "d_unreadable.yaml").write_text("unit: [不是\n  正确的 YAML", encoding="utf-8")
    out = folder.parent / "out"
    batch([folder], out)
    return out, sheet_of(out / "汇总.xlsx")


def row_of(sheet: Worksheet, source: str) -> int:
    files = column(sheet, "数据文件")
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, files).value == source)


def test_the_columns_a_bureau_asked_for(summary: tuple[Path, Worksheet]) -> None:
    _, sheet = summary
    headers = [cell.value for cell in sheet[1]]
    for title in (
        "年度",
        "单位代码",
        "单位名称",
        "预算数（万元）",
        "执行数（万元）",
        "执行率",
        "总分",
        "等级",
        "报告",
        "问题",
    ):
        assert title in headers


def test_amounts_rates_and_scores_are_numbers_with_number_formats(summary: tuple[Path, Worksheet]) -> None:
    _, sheet = summary
    row = row_of(sheet, "a_coded.yaml")
    budget = sheet.cell(row, column(sheet, "预算数（万元）"))
    executed = sheet.cell(row, column(sheet, "执行数（万元）"))
    rate = sheet.cell(row, column(sheet, "执行率"))
    total = sheet.cell(row, column(sheet, "总分"))
    year = sheet.cell(row, column(sheet, "年度"))
    assert all(isinstance(c.value, (int, float)) for c in (budget, executed, rate, total, year))
    assert (budget.number_format, executed.number_format) == ("0.00", "0.00")
    assert rate.number_format == "0.00%" and 0 < float(rate.value) <= 1  # type: ignore[arg-type]
    assert total.number_format == "0.00" and year.value == 2023
    expected = (Decimal(str(executed.value)) / Decimal(str(budget.value))).quantize(Decimal("0.0001"))
    assert Decimal(str(rate.value)) == expected  # the rate is the fraction of the amounts shown
    assert budget.alignment.horizontal == "right"


def test_the_unit_code_comes_from_the_data(summary: tuple[Path, Worksheet]) -> None:
    _, sheet = summary
    codes = column(sheet, "单位代码")
    assert sheet.cell(row_of(sheet, "a_coded.yaml"), codes).value == "431102001"
    assert sheet.cell(row_of(sheet, "b_plain.yaml"), codes).value is None


def test_each_report_is_linked_relative_to_the_workbook(summary: tuple[Path, Worksheet]) -> None:
    out, sheet = summary
    cell = sheet.cell(row_of(sheet, "a_coded.yaml"), column(sheet, "报告"))
    assert cell.hyperlink is not None and cell.hyperlink.target == cell.value == "a_coded.docx"
    assert (out / cell.hyperlink.target).is_file()  # relative: the folder can be moved or zipped
    failed = sheet.cell(row_of(sheet, "c_broken.yaml"), column(sheet, "报告"))
    assert failed.value is None and failed.hyperlink is None


def test_warnings_are_listed_as_well_as_errors_without_field_paths(summary: tuple[Path, Worksheet]) -> None:
    _, sheet = summary
    problems = column(sheet, "问题")
    good = str(sheet.cell(row_of(sheet, "a_coded.yaml"), problems).value)
    assert good.startswith("提示：") and "绩效指标第" in good
    bad = str(sheet.cell(row_of(sheet, "c_broken.yaml"), problems).value)
    assert bad.splitlines()[0].startswith("错误：全年执行数：应填写数字")
    assert "提示：" in bad or len(bad.splitlines()) == 1
    assert "budget." not in good + bad and "indicators[" not in good + bad


def test_a_failed_unit_shows_its_name_and_why(summary: tuple[Path, Worksheet]) -> None:
    _, sheet = summary
    names, status, problems = column(sheet, "单位名称"), column(sheet, "状态"), column(sheet, "问题")
    broken = row_of(sheet, "c_broken.yaml")
    assert sheet.cell(broken, names).value == unit(3)["unit"]["name"]  # read from its data
    assert sheet.cell(broken, column(sheet, "年度")).value == 2023
    unreadable = row_of(sheet, "d_unreadable.yaml")
    assert sheet.cell(unreadable, names).value == "d_unreadable"  # no data to read: its file's name
    assert sheet.cell(unreadable, status).value == sheet.cell(broken, status).value == "失败"
    assert sheet.cell(unreadable, problems).value


def test_a_problems_cell_holds_no_more_than_excel_allows() -> None:
    lines = [f"提示：绩效指标第{n}项：{'很长的说明' * 40}。" for n in range(1, 500)]
    text = cell_lines(lines)
    assert len(text) <= 32_767 and text.splitlines()[0] == lines[0]
    assert text.splitlines()[-1].startswith("……另有") and "reportgen check" in text.splitlines()[-1]
    assert cell_lines(lines[:3]) == "\n".join(lines[:3])
