"""The worksheets of a workbook a user gives us, as grids: ``.xlsx`` → :class:`TableDocument`.

Unlike the staff workbook's reader (:mod:`reportgen.data.excel.grid`), nothing here knows a
layout: every visible worksheet with content is one :class:`~reportgen.support.grid.Grid`
named "工作表“<title>”", holding its used range (from the first to the last row and column
with text, a merged area with text counting in whole), its merged ranges as merged areas.

A cell reads as the user sees it in Excel: integers without ".0", floats without binary
residues (16905537.09, not 16905537.089999996), a number formatted as a percentage as
"98.5%", dates as 2024-01-31, formulas as the results Excel saved (a formula without a saved
result is empty), error values as written (``#DIV/0!``), booleans as 是/否. Numbers are shown
in full, not rounded to their display format, so a reviewer's figures stay exact.

Bounds: the package is checked by :func:`reportgen.data.excel.package.package_of` (members,
cells, merged cells, XML), and a sheet's used range, and all of them together, may hold at most
``limits.MAX_CELLS`` positions. Every refusal is a :class:`~reportgen.errors.DataError`.
"""

from __future__ import annotations

import io
import re
import warnings
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import openpyxl
from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.data.excel.package import NOT_XLSX, Range, package_of
from reportgen.errors import DataError
from reportgen.support import limits
from reportgen.support.grid import Grid, Merge, TableDocument, build_grid, cell_text, number_text

__all__ = ["number_text", "read_sheets", "sheet_name", "value_text"]

# Parts of a number format that are no format codes: quoted text, escaped characters, [colours].
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


def sheet_name(title: str) -> str:
    """How a worksheet is named in messages: 工作表“批复表”."""
    return f"工作表“{title}”"


def read_sheets(data: bytes, file: str) -> TableDocument:
    """Every visible worksheet with content of the workbook in ``data`` (named ``file``).

    DataError, with a Chinese message, when the workbook is damaged or beyond the bounds.
    """
    package = package_of(data, file)
    book = _load(package.data, file)
    grids: list[Grid] = []
    positions = 0
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        grid = _grid(sheet, package.merged.get(sheet.title, []), file, positions)
        if grid is not None:
            grids.append(grid)
            positions += grid.height * grid.width
    return TableDocument(file, tuple(grids))


def _load(data: bytes, file: str) -> Workbook:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel features it drops
            return openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except MemoryError:
        raise
    except Exception:  # openpyxl raises many kinds of errors on a damaged or foreign file
        raise DataError.single(file, NOT_XLSX) from None


def _grid(sheet: Worksheet, merged: list[Range], file: str, positions: int) -> Grid | None:
    """The sheet's used range as a grid; None when the sheet holds no text (blanks are none)."""
    texts: dict[tuple[int, int], str] = {}
    for (row, col), cell in sheet._cells.items():
        if not isinstance(cell, MergedCell) and (text := cell_text(value_text(cell.value, cell.number_format))):
            texts[(row, col)] = text
    ranges = [(top, left, bottom, right) for top, left, bottom, right in merged if (top, left) in texts]
    corners = [*texts, *((bottom, right) for _, _, bottom, right in ranges)]
    if not corners:
        return None
    first_row, first_col = min(row for row, _ in texts), min(col for _, col in texts)
    last_row, last_col = max(row for row, _ in corners), max(col for _, col in corners)
    height, width = last_row - first_row + 1, last_col - first_col + 1
    name = sheet_name(sheet.title)
    used = f"{get_column_letter(first_col)}{first_row}:{get_column_letter(last_col)}{last_row}"
    if height * width > limits.MAX_CELLS:
        raise DataError.single(
            file,
            f"{name}的已用区域 {used} 有 {height * width} 个单元格位置，超过 {limits.MAX_CELLS} 个："
            "请删除远离表格的多余内容（如误填在很远处的单元格）后再试。",
            location=sheet.title,
        )
    if positions + height * width > limits.MAX_CELLS:
        raise DataError.single(
            file,
            f"工作簿中各工作表的已用区域共超过 {limits.MAX_CELLS} 个单元格位置（读到{name}时）："
            "请删除不需要导入的工作表，或拆成几个较小的工作簿分别导入。",
            location=sheet.title,
        )
    rows = [[""] * width for _ in range(height)]
    for (row, col), text in texts.items():
        rows[row - first_row][col - first_col] = text
    merges: list[Merge] = [
        (top - first_row, left - first_col, bottom - first_row, right - first_col)
        for top, left, bottom, right in ranges
    ]
    return build_grid(name, rows, merges, excel=True, first_row=first_row, first_col=first_col)


def value_text(value: object, number_format: str = "General") -> str:
    """A cell's value as Excel shows it, in full (see the module's notes)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        if isinstance(value, float) and not (value == value and abs(value) != float("inf")):
            return ""
        if _is_percent(number_format):
            return f"{number_text(Decimal(_shortest(value)) * 100)}%"
        return number_text(Decimal(_shortest(value)))
    if isinstance(value, datetime):
        if value.time() == time():
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M" if value.second == 0 else "%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, time):
        return value.strftime("%H:%M" if value.second == 0 else "%H:%M:%S")
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def _shortest(value: int | float) -> str:
    """The number's text without binary residues: at most 15 significant digits, as Excel shows."""
    return str(value) if isinstance(value, int) else format(value, ".15g")


def _is_percent(number_format: str) -> bool:
    return "%" in _LITERALS.sub("", number_format or "")
