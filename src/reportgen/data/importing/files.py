"""Opening the file a user wants imported: a Word document or an Excel workbook, told by its content.

:func:`read_document` reads the file within the bounds of :mod:`reportgen.support.limits` and
hands it to the reader its content calls for (a zip holding ``word/document.xml`` is a Word
document, one holding ``xl/workbook.xml`` a workbook, whatever the file is named). Every
file that cannot be read — missing, too large, an old .doc/.xls, a PDF, a web page saved as
.doc, a damaged package — is a :class:`~reportgen.errors.DataError` saying in Chinese what
it is and how to get a file that can be imported. A document without any table is no error
here: it gives no grids, and the mapper says what it looked for.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from reportgen.data.excel.grids import read_sheets
from reportgen.errors import DataError
from reportgen.ooxml.tables import read_tables
from reportgen.support.archive import ArchiveError, read_file
from reportgen.support.grid import TableDocument

__all__ = ["read_document"]

# The main part of a package (Word may number it: word/document2.xml).
_WORD_MAIN = re.compile(r"word/document\d*\.xml")
_EXCEL_MAIN = re.compile(r"xl/workbook\d*\.xml")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of .doc, .xls, .wps, .et
_WORD_SUFFIXES = (".doc", ".dot", ".wps", ".wpt")
_EXCEL_SUFFIXES = (".xls", ".xlt", ".et", ".ett")

OLD_WORD = "这是旧版 Word（.doc）文件，请用 Word 或 WPS 打开后“另存为” .docx 再导入。"
OLD_EXCEL = "这是旧版 Excel（.xls）文件，请用 Excel 或 WPS 打开后“另存为” .xlsx 再导入。"
OLD_EITHER = "这是旧版 Word（.doc）或 Excel（.xls）文件，请用 Word、Excel 或 WPS 打开后“另存为” .docx 或 .xlsx 再导入。"
WPS_WORD = "这是 WPS 文字（.wps）文件，请用 WPS 打开后“另存为” .docx 再导入。"
WPS_EXCEL = "这是 WPS 表格（.et）文件，请用 WPS 打开后“另存为” .xlsx 再导入。"
PDF = "PDF 中的表格无法可靠读取：请找到原始的 Word 或 Excel 文件（.docx 或 .xlsx）再导入。"
WEB_PAGE = (
    "这个文件其实是网页（HTML）、RTF 或 XML 格式，只是名称像 Word 或 Excel 文件：请用 Word、Excel 或 WPS 打开后"
    "“另存为” .docx 或 .xlsx 再导入。"
)
OPEN_DOCUMENT = "这是 OpenDocument 文件（.odt 或 .ods）：请用 WPS、Word 或 Excel 打开后“另存为” .docx 或 .xlsx 再导入。"
OTHER_ZIP = (
    "这个压缩包既不是 Word 文档（.docx）也不是 Excel 工作簿（.xlsx）："
    "请选择绩效目标表或自评表所在的 Word 或 Excel 文件。"
)
UNKNOWN = "无法识别的文件格式：导入需要 Word 文档（.docx）或 Excel 工作簿（.xlsx）。"
DAMAGED_ZIP = "文件已损坏（压缩包不完整或数据有误）：请用 Word、WPS 或 Excel 打开并另存后再试。"
EMPTY = "文件是空的（0 字节）：请检查是否选错了文件，或文件在复制时已损坏。"


def read_document(path: Path) -> TableDocument:
    """The tables (and, of a Word document, the text) of the file at ``path``; DataError if unreadable."""
    file = str(path)
    data = _read(path, file)
    kind = _kind(data, path.suffix.lower())
    if kind == "xlsx":
        return read_sheets(data, file)
    if kind == "docx":
        try:
            return read_tables(data, file)
        except ValueError as exc:
            raise DataError.single(file, str(exc)) from None
    raise DataError.single(file, kind)


def _read(path: Path, file: str) -> bytes:
    try:
        data = read_file(path)
    except ArchiveError as exc:
        raise DataError.single(file, exc.message) from None
    except FileNotFoundError:
        raise DataError.single(file, "文件不存在：请检查文件名和所在的文件夹。") from None
    except IsADirectoryError:
        raise DataError.single(file, "这是一个文件夹，不是文件：请选择 Word 或 Excel 文件。") from None
    except PermissionError:
        raise DataError.single(file, "没有读取这个文件的权限：请把文件复制到自己的文件夹后再试。") from None
    except OSError as exc:
        raise DataError.single(
            file, f"无法读取文件（{exc.strerror or type(exc).__name__}）：请检查文件后再试。"
        ) from None
    if not data:
        raise DataError.single(file, EMPTY)
    return data


def _kind(data: bytes, suffix: str) -> str:
    """What the file is by its content: "docx" or "xlsx" for a package to read, else the
    message saying why it cannot be read (the suffix only tells an old Word file from an old
    Excel one)."""
    if data.startswith(_OLE2):
        if suffix in (".wps", ".wpt"):
            return WPS_WORD
        if suffix in (".et", ".ett"):
            return WPS_EXCEL
        return OLD_WORD if suffix in _WORD_SUFFIXES else OLD_EXCEL if suffix in _EXCEL_SUFFIXES else OLD_EITHER
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    if not data.startswith(b"PK"):
        if _web_page(head):
            return WEB_PAGE
        if suffix in (".wps", ".wpt"):
            return WPS_WORD
        if suffix in (".et", ".ett"):
            return WPS_EXCEL
        return UNKNOWN
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, IndexError, KeyError, OverflowError):
        return DAMAGED_ZIP
    if any(_WORD_MAIN.fullmatch(name) for name in names):
        return "docx"
    if any(_EXCEL_MAIN.fullmatch(name) for name in names):
        return "xlsx"
    if "mimetype" in names and any(name == "content.xml" for name in names):
        return OPEN_DOCUMENT
    return OTHER_ZIP


def _web_page(head: bytes) -> bool:
    """Whether the file starts like a web page, an MHT archive or RTF (what "save as Word" of many systems writes)."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return start.startswith((b"<!doctype html", b"<html", b"mime-version:", b"{\\rtf", b"<?xml")) or b"<html" in start
