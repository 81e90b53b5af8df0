"""Opening a workbook: each worksheet as a grid of plain cells, merged ranges resolved.

Values are the results Excel saved (``data_only``); a formula cell without a saved result,
or with an error result such as ``#DIV/0!``, is a cell with a ``problem``.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.data.excel.package import BAD_NUMBER, NOT_XLSX, Package, Range, open_package, package_of
from reportgen.data.layout import norm
from reportgen.errors import DataError

NO_RESULT = (
    "单元格是公式，但文件中没有保存计算结果（文件可能由程序生成、未在 Excel 中保存过）："
    "请在 Excel 或 WPS 中打开并保存一次后再试，或直接填写数值。"
)


@dataclass(frozen=True)
class Cell:
    """A cell as read: ``where`` names the cell to fix (the top-left one of a merged range)."""

    value: object
    where: str
    number_format: str = "General"
    own: bool = True  # False: the value of a merged range, repeated below its top-left cell
    problem: str = ""


class Grid:
    """One worksheet's cells; a vertically merged range gives its value to every row.

    ``merged`` are the sheet's merged ranges (read from its XML, not by openpyxl): as in
    Excel, the cells of a range other than its top-left one are empty.
    """

    def __init__(
        self,
        sheet: Worksheet,
        formulas: Worksheet | None,
        merged: Sequence[Range] = (),
        bad_numbers: Collection[str] = (),
    ) -> None:
        self.title = sheet.title
        self._bad = set(bad_numbers)  # references (``B2``) of number cells whose stored value is not a number
        self._sheet = sheet
        self._formulas = formulas
        self._anchor: dict[tuple[int, int], tuple[int, int]] = {}
        self._covered: set[tuple[int, int]] = set()
        for min_row, min_col, max_row, max_col in merged:
            for row in range(min_row, max_row + 1):
                self._anchor[(row, min_col)] = (min_row, min_col)
                self._covered.update((row, col) for col in range(min_col, max_col + 1))
            self._covered.discard((min_row, min_col))
        self.rows = sorted({row for (row, col) in sheet._cells if self._holds(row, col)})
        self.max_col = max((col for (_, col) in (*sheet._cells, *self._covered)), default=0)

    def where(self, row: int, col: int) -> str:
        return f"{self.title}!{get_column_letter(col)}{row}"

    def span(self, row: int, first: int, last: int) -> str:
        """The location of a row of cells: ``绩效指标!A7:L7``."""
        return f"{self.title}!{get_column_letter(first)}{row}:{get_column_letter(last)}{row}"

    def cell(self, row: int, col: int) -> Cell:
        anchor = self._anchor.get((row, col))
        if anchor is not None and anchor != (row, col):
            return replace(self._own(*anchor), own=False)
        return self._own(row, col)

    def _holds(self, row: int, col: int) -> bool:
        cell = self._own(row, col)
        return cell.value is not None or bool(cell.problem)

    def _own(self, row: int, col: int) -> Cell:
        found = self._sheet._cells.get((row, col))
        where = self.where(row, col)
        if found is None or isinstance(found, MergedCell) or (row, col) in self._covered:
            return Cell(None, where)
        if self._bad and where.rsplit("!", 1)[1] in self._bad:
            return Cell(None, where, found.number_format, problem=BAD_NUMBER)
        value, fmt = found.value, found.number_format
        if found.data_type == "e":
            return Cell(None, where, fmt, problem=f"单元格的值是错误值 {value}：请改正公式，或直接填写数值。")
        if isinstance(value, str) and not value.strip():
            value = None
        if value is None and self._formulas is not None:
            formula = self._formulas._cells.get((row, col))
            if formula is not None and formula.data_type == "f":
                return Cell(None, where, fmt, problem=NO_RESULT)
        return Cell(value, where, fmt)


def _load(data: bytes, data_only: bool) -> Workbook:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about Excel features it drops
        return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only)


def _has_formulas(book: Workbook) -> bool:
    return any(cell.data_type == "f" for sheet in book.worksheets for cell in sheet._cells.values())


def open_grids(path: Path) -> dict[str, Grid]:
    """Every worksheet of the workbook at ``path`` by its normalised title."""
    return _grids(str(path), lambda: open_package(path))


def grids_of(data: bytes, file: str) -> dict[str, Grid]:
    """Every worksheet of the workbook in ``data`` (an upload; ``file`` names it in errors),
    read within the same bounds as a file."""
    return _grids(file, lambda: package_of(data, file))


def _grids(file: str, opened: Callable[[], Package]) -> dict[str, Grid]:
    try:
        package = opened()
        book = _load(package.data, data_only=False)
        values = _load(package.data, data_only=True) if _has_formulas(book) else None
    except FileNotFoundError:
        raise DataError.single(file, "文件不存在，请检查路径。") from None
    except PermissionError as exc:
        raise DataError.single(file, f"无法读取文件：{exc.strerror}。") from None
    except (DataError, MemoryError):
        raise
    except Exception:  # openpyxl raises many kinds of errors on a damaged or foreign file
        raise DataError.single(file, NOT_XLSX) from None
    grids: dict[str, Grid] = {}
    titles: dict[str, str] = {}
    for sheet in book.worksheets:
        key = norm(sheet.title)
        if key in titles:
            raise DataError.single(
                file,
                f"工作簿中有两个工作表“{titles[key]}”和“{sheet.title}”，名称只差空格或大小写，"
                "无法确定读取哪一个：请删除或重命名其中一个。",
                location=sheet.title,
            )
        titles[key] = sheet.title
        merged, bad = package.merged.get(sheet.title, []), package.bad_numbers.get(sheet.title, set())
        if values is None:
            grids[key] = Grid(sheet, None, merged, bad)
        else:
            grids[key] = Grid(values[sheet.title], sheet, merged, bad)
    return grids
