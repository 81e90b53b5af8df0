"""Opening a workbook: each worksheet as a grid of plain cells, merged ranges resolved.

Values are the results Excel saved (``data_only``); a formula cell without a saved result,
or with an error result such as ``#DIV/0!``, is a cell with a ``problem``. The cells are read
from the sheets' XML by :mod:`reportgen.data.excel.sheetxml` (the values openpyxl would give,
about twenty times faster); a workbook whose XML that reader does not know is read by
openpyxl, as before.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import NamedTuple

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.workbook.workbook import Workbook

from reportgen.data.excel.entry import NO_RESULT, Cells, entry
from reportgen.data.excel.package import BAD_NUMBER, NOT_XLSX, Package, Range, open_package, package_of
from reportgen.data.excel.sheetxml import StyleFormats, Unsupported, hollow_book, read_cells
from reportgen.data.layout import norm
from reportgen.errors import DataError

__all__ = ["NO_RESULT", "Cell", "Grid", "grids_of", "open_grids"]


class Cell(NamedTuple):
    """A cell as read: ``where`` names the cell to fix (the top-left one of a merged range)."""

    value: object
    where: str
    number_format: str = "General"
    own: bool = True  # False: the value of a merged range, repeated below its top-left cell
    problem: str = ""


class Grid:
    """One worksheet's cells; a vertically merged range gives its value to every row.

    ``cells`` are the sheet's cells by row and column (blank ones too), ``width`` the last
    column of any of them. ``merged`` are the sheet's merged ranges (read from its XML, not by
    openpyxl): as in Excel, the cells of a range other than its top-left one are empty.
    :class:`Cell` objects, and their locations, are made only for the cells asked for.
    """

    def __init__(
        self, title: str, cells: Cells, width: int, merged: Sequence[Range] = (), bad_numbers: Collection[str] = ()
    ) -> None:
        self.title = title
        self._bad = set(bad_numbers)  # references (``B2``) of number cells whose stored value is not a number
        self._cells = cells
        self._anchor: dict[tuple[int, int], tuple[int, int]] = {}
        self._covered: set[tuple[int, int]] = set()
        for min_row, min_col, max_row, max_col in merged:
            for row in range(min_row, max_row + 1):
                self._anchor[(row, min_col)] = (min_row, min_col)
                self._covered.update((row, col) for col in range(min_col, max_col + 1))
            self._covered.discard((min_row, min_col))
        covered = self._covered
        held = {  # the rows with a cell of their own that holds something (or is a bad number)
            row
            for (row, col), (value, _, problem) in cells.items()
            if (value is not None or problem) and (row, col) not in covered
        }
        bad = (coordinate_to_tuple(ref) for ref in self._bad)
        held.update(row for row, col in bad if (row, col) in cells and (row, col) not in covered)
        self.rows = sorted(held)
        self.max_col = max(width, max((col for (_, col) in self._covered), default=0))

    def where(self, row: int, col: int) -> str:
        return f"{self.title}!{get_column_letter(col)}{row}"

    def span(self, row: int, first: int, last: int) -> str:
        """The location of a row of cells: ``绩效指标!A7:L7``."""
        return f"{self.title}!{get_column_letter(first)}{row}:{get_column_letter(last)}{row}"

    def cell(self, row: int, col: int) -> Cell:
        anchor = self._anchor.get((row, col))
        value, where, number_format, problem = self.read(row, col)
        return Cell(value, where, number_format, anchor is None or anchor == (row, col), problem)

    def read(self, row: int, col: int) -> tuple[object, str, str, str]:
        """The cell's value, location, number format and problem (what :meth:`cell` gives, but
        no Cell: a workbook's reader reads every cell of its tables this way)."""
        return self.read_row(row, (col,))[0]

    def read_row(self, row: int, cols: Sequence[int]) -> list[tuple[object, str, str, str]]:
        """:meth:`read` of the cells ``cols`` of ``row``."""
        title, cells, anchors, covered, bad = self.title, self._cells, self._anchor, self._covered, self._bad
        out: list[tuple[object, str, str, str]] = []
        for col in cols:
            at = anchors.get((row, col), (row, col)) if anchors else (row, col)
            line, column = at
            where = f"{title}!{_LETTERS[column] if column < _CACHED else get_column_letter(column)}{line}"
            found = cells.get(at)
            if found is None or (covered and at in covered):
                out.append((None, where, "General", ""))
            elif bad and self._is_bad(line, column):
                out.append((None, where, found[1], BAD_NUMBER))
            else:
                out.append((found[0], where, found[1], found[2]))
        return out

    def holds_any(self, row: int, cols: Sequence[int]) -> bool:
        """Whether any of the cells ``cols`` of ``row`` :meth:`holds` something."""
        cells, covered, bad = self._cells, self._covered, self._bad
        for col in cols:
            if covered and (row, col) in covered:
                continue
            found = cells.get((row, col))
            if found is not None and (found[0] is not None or found[2] or (bad and self._is_bad(row, col))):
                return True
        return False

    def holds(self, row: int, col: int) -> bool:
        """Whether the cell itself (not a merged range above it) holds a value or a problem."""
        return self.holds_any(row, (col,))

    def _is_bad(self, row: int, col: int) -> bool:
        return bool(self._bad) and f"{get_column_letter(col)}{row}" in self._bad


_CACHED = 703  # columns A to ZZ
_LETTERS = [""] + [get_column_letter(col) for col in range(1, _CACHED)]


def _load(data: bytes, data_only: bool) -> Workbook:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about Excel features it drops
        return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only)


def _has_formulas(book: Workbook) -> bool:
    return any(cell.data_type == "f" for sheet in book.worksheets for cell in sheet._cells.values())


Sheets = list[tuple[str, Cells, int]]  # each worksheet's title, cells and last column, in order


def _sheets(package: Package) -> Sheets:
    """Every worksheet's cells: read from the XML, or by openpyxl where the XML is unusual."""
    try:
        return _sheets_from_xml(package)
    except Unsupported:
        return _sheets_by_openpyxl(package)


def _sheets_from_xml(package: Package) -> Sheets:
    hollow = hollow_book(package.members)
    styles = StyleFormats(hollow.book)
    epoch = hollow.book.epoch
    sheets: Sheets = []
    for sheet in hollow.book.worksheets:
        root, content = hollow.sheet_data[sheet.title]
        cells, width = read_cells(root, content, hollow.shared_strings, styles, epoch)
        sheets.append((sheet.title, cells, width))
    return sheets


def _sheets_by_openpyxl(package: Package) -> Sheets:
    book = _load(package.data, data_only=False)
    values = _load(package.data, data_only=True) if _has_formulas(book) else None
    sheets: Sheets = []
    for sheet in book.worksheets:
        read = sheet if values is None else values[sheet.title]
        cells: Cells = {}
        for at, found in read._cells.items():
            formula = values is not None and (f := sheet._cells.get(at)) is not None and f.data_type == "f"
            cells[at] = entry(found.value, found.data_type, found.number_format, formula)
        sheets.append((sheet.title, cells, max((col for _, col in read._cells), default=0)))
    return sheets


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
        sheets = _sheets(package)
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
    for title, cells, width in sheets:
        key = norm(title)
        if key in titles:
            raise DataError.single(
                file,
                f"工作簿中有两个工作表“{titles[key]}”和“{title}”，名称只差空格或大小写，"
                "无法确定读取哪一个：请删除或重命名其中一个。",
                location=title,
            )
        titles[key] = title
        merged, bad = package.merged.get(title, []), package.bad_numbers.get(title, set())
        grids[key] = Grid(title, cells, width, merged, bad)
    return grids
