"""A plain formatted table in a workbook of its own (the batch summary, 汇总.xlsx).

The workbook is written by :mod:`reportgen.ooxml.spreadsheet` (SpreadsheetML text, no
per-cell style objects); this is its entry point for files and streams.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from reportgen.ooxml.spreadsheet import Link, table_workbook

__all__ = ["Link", "write_table"]


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
    content = table_workbook(sheet_title, headers, rows, widths, formats)
    if isinstance(path, Path):
        path.write_bytes(content)
    else:
        path.write(content)
