"""Reading a user's worksheets as grids: each visible sheet's used range, merged ranges as one
cell, every value as Excel shows it (whole numbers, no float residues, percentages, dates,
saved formula results, 是/否), places as Excel names them; oversized sheets are refused."""

from __future__ import annotations

import io
from datetime import date, datetime, time
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from hostile import members, rezip
from reportgen.data.excel.grids import number_text, read_sheets, value_text
from reportgen.errors import DataError
from reportgen.support import limits
from reportgen.support.grid import Grid, TableDocument

SHEET = "xl/worksheets/sheet1.xml"


def saved(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read(data: bytes) -> TableDocument:
    return read_sheets(data, "批复表.xlsx")


def texts(grid: Grid) -> list[list[str]]:
    return [[cell.text for cell in row] for row in grid.cells]


def approved_table() -> bytes:
    """A 批复表 as units keep it: a title merged across, a label merged down, the table off A1."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "批复表"
    sheet["B2"] = "2023年部门整体支出绩效目标批复表"
    sheet.merge_cells("B2:E2")
    rows: list[list[str | float | None]] = [
        ["年度预算", "资金总额", 524.31, None],
        [None, "其中：财政拨款", 524.31, None],
        [None, "其他资金", 0, None],
    ]
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row, start=2):
            sheet.cell(r, c, value)
    sheet.merge_cells("B3:B5")
    sheet["F9"].number_format = "0.00"  # formatted but empty: not part of the used range
    return saved(book)


def error_of(data: bytes) -> str:
    with pytest.raises(DataError) as caught:
        read(data)
    return caught.value.render()


def test_a_sheet_is_its_used_range_with_merged_ranges_as_one_cell() -> None:
    document = read(approved_table())
    (grid,) = document.grids
    assert (grid.name, grid.excel, grid.first_row, grid.first_col) == ("工作表“批复表”", True, 2, 2)
    assert texts(grid) == [
        ["2023年部门整体支出绩效目标批复表"] * 4,
        ["年度预算", "资金总额", "524.31", ""],
        ["年度预算", "其中：财政拨款", "524.31", ""],
        ["年度预算", "其他资金", "0", ""],
    ]
    title, label = grid.at(0, 0), grid.at(1, 0)
    assert title is not None and all(grid.at(0, c) is title for c in range(4)) and title.cols == 4
    assert label is not None and all(grid.at(r, 0) is label for r in (1, 2, 3)) and label.rows == 3
    assert document.paragraphs == ()


def test_places_are_excel_cell_names() -> None:
    (grid,) = read(approved_table()).grids
    assert grid.place(3, 1) == "工作表“批复表”C5"
    assert grid.place(0, 0) == "工作表“批复表”B2"
    assert grid.row_place(2) == "工作表“批复表”第4行"


def test_values_read_as_the_user_sees_them() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([16905537.089999996, 100.0, 7, 0.1 + 0.2, 1e15, 1.5e-5])
    sheet.append([1, 0.955, 1.3911, 12, True, False])
    for cell, number_format in zip(sheet[2][:4], ["0%", "0.0%", "0.00%", '0"%"'], strict=True):
        cell.number_format = number_format
    sheet.append([datetime(2024, 1, 31), datetime(2024, 1, 31, 8, 30), date(2023, 12, 1), time(9, 5)])
    (grid,) = read(saved(book)).grids
    assert texts(grid) == [
        ["16905537.09", "100", "7", "0.3", "1000000000000000", "0.000015"],
        ["100%", "95.5%", "139.11%", "12", "是", "否"],
        ["2024-01-31", "2024-01-31 08:30", "2023-12-01", "09:05", "", ""],
    ]


def test_formulas_read_as_their_saved_results_and_errors_as_excel_shows_them() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["合计", 1])
    data = saved(book)
    xml = members(data)[SHEET]
    cells = (
        '<c r="C1"><f>SUM(B1)</f><v>402.31</v></c><c r="D1" t="e"><f>B1/0</f><v>#DIV/0!</v></c>'
        '<c r="E1"><f>B1*2</f></c><c r="F1" t="str"><f>A1</f><v>合计</v></c></row>'
    )
    data = rezip(data, {SHEET: xml.replace(b"</row>", cells.encode(), 1)})
    (grid,) = read(data).grids
    assert texts(grid) == [["合计", "1", "402.31", "#DIV/0!", "", "合计"]]


def test_html_remnants_and_spaces_in_cells_are_cleaned() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["<p>一是…</p> <p>二是…</p>", "  资金　　总额 ", "   "])
    (grid,) = read(saved(book)).grids
    assert texts(grid) == [["一是…\n二是…", "资金 总额"]]  # a blank cell is no content


def test_hidden_and_empty_sheets_are_passed_over_and_the_others_kept_in_order() -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "申报表"
    first["A1"] = "甲"
    hidden = book.create_sheet("隐藏")
    hidden["A1"] = "乙"
    hidden.sheet_state = "hidden"
    book.create_sheet("空白")
    book.create_sheet("批复表")["C3"] = "丙"
    document = read(saved(book))
    assert [(grid.name, grid.first_row, grid.first_col) for grid in document.grids] == [
        ("工作表“申报表”", 1, 1),
        ("工作表“批复表”", 3, 3),
    ]


def test_a_merged_range_with_text_counts_in_whole_and_one_without_text_not_at_all() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "项目名称"
    sheet.merge_cells("A1:D2")
    sheet["A3"] = "x"
    sheet.merge_cells("A5:H9")  # empty: the used range ends at row 3
    (grid,) = read(saved(book)).grids
    assert (grid.height, grid.width) == (3, 4)
    assert grid.at(1, 3) is grid.at(0, 0)


def test_a_used_range_beyond_the_bound_is_refused_naming_the_sheet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_CELLS", 100)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "批复表"
    sheet["A1"] = "标题"
    sheet["J20"] = "误填"
    message = error_of(saved(book))
    assert "工作表“批复表”的已用区域 A1:J20 有 200 个单元格位置，超过 100 个" in message
    assert "请删除远离表格的多余内容" in message


def test_all_sheets_together_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_CELLS", 100)
    book = openpyxl.Workbook()
    for index in range(3):
        sheet = book.active if index == 0 else book.create_sheet()
        assert sheet is not None
        sheet.title = f"表{index + 1}"
        sheet["A1"], sheet["F8"] = "a", "b"  # 48 positions each
    message = error_of(saved(book))
    assert "工作簿中各工作表的已用区域共超过 100 个单元格位置（读到工作表“表3”时）" in message


def test_damaged_or_foreign_files_are_refused_as_no_workbook() -> None:
    assert "不是有效的 Excel 工作簿（.xlsx）" in error_of(b"just text")
    assert "不是有效的 Excel 工作簿（.xlsx）" in error_of(rezip(approved_table(), {"xl/workbook.xml": None}))
    broken = error_of(rezip(approved_table(), {SHEET: b"<worksheet"}))
    assert "工作表“批复表”（xl/worksheets/sheet1.xml）不是有效的 XML" in broken


def test_the_text_of_single_values() -> None:
    assert value_text(None) == ""
    assert value_text(2.50) == "2.5"
    assert value_text(-3.0) == "-3"
    assert value_text(0.5, "0.00%;[Red]-0.00%") == "50%"
    assert value_text(0.5, '[$-804]0"%"') == "0.5"
    assert value_text(float("nan")) == ""
    assert value_text(datetime(2024, 1, 31, 8, 30, 15)) == "2024-01-31 08:30:15"
    assert number_text(Decimal("1E+3")) == "1000"
