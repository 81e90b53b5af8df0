"""Workbooks handed out by the web pages (a template to fill in, a list of initial passwords,
the audit log): one plain table in the house style, the same bytes every time for the same
content. openpyxl stamps the moment it saves into the document's properties and into every
zip member; both are fixed here."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Collection, Iterable, Sequence
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from reportgen.data.excel.style import BORDER, HEADER_FILL, HEADER_FONT, HINT_FONT, TEXT_FORMAT, put

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FIXED = datetime(2000, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_CORE = "docProps/core.xml"
_MODIFIED = re.compile(rb"(<dcterms:modified\b[^>]*>)[^<]*(</dcterms:modified>)")


def table_bytes(
    sheet_title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    widths: Sequence[int],
    *,
    text_columns: Collection[int] = (),
    hint: str = "",
) -> bytes:
    """One sheet: bold frozen headers, then ``rows`` (text kept as text, ``None`` empty).

    Streamed (openpyxl's write-only mode: 50,000 rows in a few seconds, not a minute).
    ``text_columns`` (1-based) are formatted as text, so that a code typed as 001 stays 001;
    ``hint`` is a grey note to the right of the headers."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title)
    for col, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    for col in text_columns:  # the column's own format: Excel gives it to every cell typed into it
        sheet.column_dimensions[get_column_letter(col)].number_format = TEXT_FORMAT
    sheet.freeze_panes = "A2"
    header = [_cell(sheet, text, font=HEADER_FONT, fill=HEADER_FILL, border=BORDER) for text in headers]
    if hint:
        header += [_cell(sheet, None), _cell(sheet, hint, font=HINT_FONT)]
    sheet.append(header)
    for values in rows:
        sheet.append(
            [
                _cell(sheet, value, number_format=TEXT_FORMAT) if col in text_columns else _plain(sheet, value)
                for col, value in enumerate(values, 1)
            ]
        )
    return fixed_bytes(book)


def _plain(sheet: WriteOnlyWorksheet, value: object) -> object:
    """A value as written without a style (much faster than a cell): text that looks like a
    formula still a cell kept as text (:func:`put`)."""
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith("="):
            return _cell(sheet, value)
    return None if value == "" else value


def _cell(sheet: WriteOnlyWorksheet, value: object, **style: Any) -> Cell:
    cell = WriteOnlyCell(sheet)
    if value is not None and value != "":
        put(cell, value)
    for name, given in style.items():
        setattr(cell, name, given)
    return cell


def fixed_bytes(book: Workbook) -> bytes:
    """``book`` as .xlsx bytes, the same bytes every time for the same content."""
    book.properties.created = _FIXED  # openpyxl sets "modified" to now while saving: fixed below
    written = io.BytesIO()
    book.save(written)
    fixed = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(written.getvalue())) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, _ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            content = source.read(info.filename)
            if info.filename == _CORE:
                content = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            target.writestr(member, content)
    return fixed.getvalue()


def column_letter(column: int) -> str:
    """The letters of a 1-based column: 1 → A, 28 → AB."""
    return get_column_letter(column)
