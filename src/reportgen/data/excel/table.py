"""A plain formatted table in a workbook of its own (the batch summary, 汇总.xlsx)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from reportgen.data.excel.style import BORDER, header_row, number_format, put

LINK_FONT = Font(color="0563C1", underline="single")


@dataclass(frozen=True)
class Link:
    """A cell showing ``text`` that opens ``target`` (a path relative to the workbook, or a URL)."""

    text: str
    target: str


def write_table(
    path: Path | IO[bytes],
    sheet_title: str,
    headers: list[str],
    rows: list[list[object]],
    widths: list[int] | None = None,
    formats: list[str | None] | None = None,
) -> None:
    """One sheet: a bold frozen header with a filter, then ``rows``.

    Numbers (int, Decimal) stay numbers, shown in the column's format of ``formats`` when it
    names one (``"0.00"``, ``"0.00%"``), else with the decimals a Decimal has; numbers are
    right-aligned. Text is written as given, wrapped when it has line breaks; a
    :class:`Link` is its text, opening its target; ``None`` and ``""`` leave the cell empty.
    """
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_title
    header_row(sheet, 1, headers, widths)
    for index, values in enumerate(rows, 2):
        for col, value in enumerate(values, 1):
            cell = sheet.cell(index, col)
            numeric = isinstance(value, (int, Decimal)) and not isinstance(value, bool)
            if isinstance(value, Link):
                put(cell, value.text)
                cell.hyperlink = value.target
                cell.font = LINK_FONT
            elif value is not None and value != "":
                put(cell, value)
                chosen = formats[col - 1] if formats and col <= len(formats) else None
                cell.number_format = chosen if chosen and numeric else number_format(value)
            cell.border = BORDER
            wrap = isinstance(value, str) and "\n" in value
            cell.alignment = Alignment(vertical="top", wrap_text=wrap, horizontal="right" if numeric else None)
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(len(rows) + 1, 1)}"
    book.save(path)
