"""Workbooks handed out by the web pages (a template to fill in, a list of initial passwords,
the audit log): one plain table in the house style, the same bytes every time for the same
content. openpyxl stamps the moment it saves into the document's properties and into every
zip member; both are fixed here."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Collection, Sequence
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from reportgen.data.excel.style import BORDER, HINT_FONT, TEXT_FORMAT, header_row, put

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FIXED = datetime(2000, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_CORE = "docProps/core.xml"
_MODIFIED = re.compile(rb"(<dcterms:modified\b[^>]*>)[^<]*(</dcterms:modified>)")


def table_bytes(
    sheet_title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[int],
    *,
    text_columns: Collection[int] = (),
    hint: str = "",
) -> bytes:
    """One sheet: bold frozen headers, then ``rows`` (text as given, ``None`` empty).

    ``text_columns`` (1-based) are formatted as text, so that a code typed as 001 stays 001;
    ``hint`` is a grey note to the right of the headers."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None, "a new workbook has a sheet"
    sheet.title = sheet_title
    header_row(sheet, 1, list(headers), list(widths))
    for index, values in enumerate(rows, 2):
        for col, value in enumerate(values, 1):
            cell = sheet.cell(index, col)
            if value is not None and value != "":
                put(cell, value)
            cell.border = BORDER
            cell.alignment = Alignment(vertical="top")
    for col in text_columns:  # the column's own format: Excel gives it to every cell typed into it
        sheet.column_dimensions[get_column_letter(col)].number_format = TEXT_FORMAT
        for index in range(2, len(rows) + 2):
            sheet.cell(index, col).number_format = TEXT_FORMAT
    if hint:
        note = sheet.cell(1, len(headers) + 2, hint)
        note.font = HINT_FONT
    return fixed_bytes(book)


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
