"""A plain formatted table in a workbook of its own (the batch summary, 汇总.xlsx)."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from reportgen.data.excel.style import BORDER, header_row, number_format, put


def write_table(
    path: Path | IO[bytes],
    sheet_title: str,
    headers: list[str],
    rows: list[list[object]],
    widths: list[int] | None = None,
) -> None:
    """One sheet: a bold frozen header with a filter, then ``rows``.

    Numbers (int, Decimal) stay numbers, with two decimals shown for Decimals that have
    them; text (also percent strings such as ``95.68%``) is written as given, wrapped when
    it has line breaks; ``None`` and ``""`` leave the cell empty.
    """
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_title
    header_row(sheet, 1, headers, widths)
    for index, values in enumerate(rows, 2):
        for col, value in enumerate(values, 1):
            cell = sheet.cell(index, col)
            if value is not None and value != "":
                put(cell, value)
                cell.number_format = number_format(value)
            cell.border = BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=isinstance(value, str) and "\n" in value)
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(len(rows) + 1, 1)}"
    book.save(path)
