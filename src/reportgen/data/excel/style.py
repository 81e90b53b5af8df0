"""Cell styles shared by the staff workbook and the batch summary."""

from __future__ import annotations

from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

_THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
HINT_FONT = Font(color="7F7F7F")
TEXT_FORMAT = "@"


def put(cell: Cell | MergedCell, value: object) -> None:
    """Write ``value``; text is kept as text even when it starts with “=”."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value  # type: ignore[assignment]
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"


def header_row(sheet: Worksheet, row: int, headers: list[str], widths: list[int] | None = None) -> None:
    """Bold, shaded, bordered headers in ``row``; column widths; panes frozen below it."""
    for col, text in enumerate(headers, 1):
        cell = sheet.cell(row, col)
        put(cell, text)
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if widths and col <= len(widths):
            sheet.column_dimensions[get_column_letter(col)].width = widths[col - 1]
    sheet.freeze_panes = f"A{row + 1}"


def number_format(value: object) -> str:
    """A Decimal shows the decimals it was given (``87.50`` → ``0.00``); others Excel's own format."""
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and -10 <= exponent < 0:
            return "0." + "0" * -exponent
    return "General"
