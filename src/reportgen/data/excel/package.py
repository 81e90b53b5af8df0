"""A workbook's package before openpyxl sees it: bounded, merged ranges and bad numbers taken out.

The package is read within the bounds of :mod:`reportgen.support.limits` (:mod:`reportgen.support.archive`).
Merged ranges are read from each worksheet's XML here and removed from it, because
openpyxl formats every edge cell of a merged range one by one (one merged column of 50,000
rows takes five seconds, a whole column minutes); :class:`~reportgen.data.excel.grid.Grid`
resolves the ranges itself. Their total area, and the number of cells (openpyxl needs about
a kilobyte and ten microseconds for each), are bounded before anything is built.

Every XML part must be well-formed: a broken one is named (with the sheet's title) instead of
"not a workbook". A number cell whose stored value is empty or not a finite number (``<v></v>``, as openpyxl
writes infinity, or ``<v>inf</v>``, which openpyxl cannot read at all) is emptied and kept
as a cell with a problem, so that the error names the cell instead of "missing" or "not a
workbook".
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from xml.parsers import expat

from reportgen.errors import DataError
from reportgen.ooxml.elements import XMLSyntaxError, parse
from reportgen.support import limits
from reportgen.support.archive import ArchiveError, Members, NotAnArchive, read_file, read_members

NOT_XLSX = "无法打开：不是有效的 Excel 工作簿（.xlsx）。如果是旧版 .xls 文件，请在 Excel 或 WPS 中另存为 .xlsx 后再试。"
_MERGE_CELLS = re.compile(rb"<((?:\w+:)?)mergeCells\b[^>]*?(?:/>|>.*?</\1mergeCells>)", re.S)
_MERGE = re.compile(
    rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="\$?([A-Za-z]{1,3})\$?(\d{1,7})'
    rb'(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?"'
)
_BAD_NUMBER = re.compile(
    rb'<((?:\w+:)?)c\b(?=[^>]*\br="([A-Z]{1,3}\d{1,7})")(?![^>]*\bt="(?!n")[^"]*")([^>]*)>'
    rb"(\s*)<\1v>\s*(|[+-]?(?:inf|infinity|nan))\s*</\1v>",
    re.I,
)
_MAYBE_BAD = re.compile(rb"<(?:\w+:)?v>\s*(?:[+-]?(?:inf|nan)|<)", re.I)  # cheap: only then look for _BAD_NUMBER
_CELL = re.compile(rb"<(?:\w+:)?(?:c|si)[\s>/]")  # a cell of a sheet, or an item of the shared strings
BAD_NUMBER = "单元格的数值无效（文件中保存的是空值、无穷大或非数字，可能由其他程序写入）：请填写一个有限的数字。"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

Range = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col


@dataclass
class Package:
    """The parts of the workbook (merged ranges and bad numbers taken out), the merged ranges
    of each sheet and its bad numbers, by sheet title; :attr:`data` packs the parts for openpyxl."""

    members: Members
    merged: dict[str, list[Range]] = field(default_factory=dict)
    bad_numbers: dict[str, set[str]] = field(default_factory=dict)  # title → cell references
    original: bytes | None = None  # the file itself when no part was changed

    @cached_property
    def data(self) -> bytes:
        """The package as a zip: the file itself, or its changed parts packed anew."""
        return self.original if self.original is not None else _repacked(self.members, {})


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def _ranges(blob: bytes) -> list[Range]:
    found = []
    for first_col, first_row, last_col, last_row in _MERGE.findall(blob):
        cols = sorted((_column(first_col), _column(last_col or first_col)))
        rows = sorted((int(first_row), int(last_row or first_row)))
        found.append((rows[0], cols[0], rows[1], cols[1]))
    return found


def _area(ranges: list[Range]) -> int:
    return sum((max_row - min_row + 1) * (max_col - min_col + 1) for min_row, min_col, max_row, max_col in ranges)


def _sheet_parts(parts: dict[str, bytes]) -> dict[str, str]:
    """Worksheet part name → sheet title, from the workbook part and its relationships."""
    try:
        book_name = "xl/workbook.xml"
        rels = parse(parts["_rels/.rels"])
        for rel in rels:
            if str(rel.get("Type", "")).endswith("/officeDocument"):
                book_name = posixpath.normpath(rel.get("Target", "").lstrip("/"))
        folder = posixpath.dirname(book_name)
        book = parse(parts[book_name])
        book_rels = parse(parts[posixpath.join(folder, "_rels", posixpath.basename(book_name) + ".rels")])
        targets = {rel.get("Id"): rel.get("Target", "") for rel in book_rels}
        titles = {}
        for sheet in book.iter("{*}sheet"):
            target = targets.get(sheet.get(_REL), "")
            name = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            titles[posixpath.normpath(name)] = sheet.get("name", "")
        return titles
    except (KeyError, XMLSyntaxError, ValueError, TypeError):
        return {}  # openpyxl will find the package broken and say so


def _broken_xml(name: str, blob: bytes) -> str:
    """Where the XML of part ``name`` is not well-formed (``第2行第15列``), or "" if it is.

    Streamed through expat (no tree is built), so a large sheet costs no memory here.
    """
    parser = expat.ParserCreate(namespace_separator=" ")
    try:
        parser.Parse(blob, True)
    except expat.ExpatError as exc:
        return f"第{exc.lineno}行第{exc.offset + 1}列"
    except (ValueError, LookupError):  # an unknown encoding declared
        return "第1行"
    return ""


def _repacked(members: Members, replaced: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        for name, blob in members:
            package.writestr(name, replaced.get(name, blob))
    return out.getvalue()


def open_package(path: Path) -> Package:
    """The workbook at ``path``, checked and with merged ranges taken out; DataError if it cannot be."""
    file = str(path)
    try:
        data = read_file(path)
    except ArchiveError as exc:
        raise DataError.single(file, exc.message) from None
    return package_of(data, file)


def package_of(data: bytes, file: str) -> Package:
    """The workbook in ``data`` (named ``file`` in errors), as :func:`open_package` reads it."""
    try:
        members = read_members(data)
    except NotAnArchive:
        raise DataError.single(file, NOT_XLSX) from None
    except ArchiveError as exc:
        raise DataError.single(file, exc.message) from None
    parts = dict(members)
    titles = _sheet_parts(parts)
    for name, blob in members:
        if name.endswith((".xml", ".rels")) and (where := _broken_xml(name, blob)):
            part = f"工作表“{titles[name]}”（{name}）" if name in titles else f"部件“{name}”"
            raise DataError.single(
                file,
                f"文件中的{part}不是有效的 XML：文件可能已损坏，请用 Excel 或 WPS 打开并另存后再试。",
                location=where,
            )
    merged: dict[str, list[Range]] = {}
    bad: dict[str, set[str]] = {}
    replaced: dict[str, bytes] = {}
    for name, blob in members:
        if not (name in titles or name.startswith("xl/worksheets/")):
            continue
        title = titles.get(name, "")
        if b"mergeCell" in blob:
            merged.setdefault(title, []).extend(_ranges(blob))
            blob = replaced[name] = _MERGE_CELLS.sub(b"", blob)
        if _MAYBE_BAD.search(blob) and (found := {m.group(2).decode() for m in _BAD_NUMBER.finditer(blob)}):
            bad.setdefault(title, set()).update(found)
            replaced[name] = _BAD_NUMBER.sub(rb"<\1c\3>\4", blob)
    cells = sum(len(_CELL.findall(blob)) for name, blob in members if name.startswith("xl/") and name.endswith(".xml"))
    if cells > limits.MAX_CELLS:
        raise DataError.single(
            file,
            f"工作簿中有 {cells} 个单元格（含共享文字），超过 {limits.MAX_CELLS} 个："
            "请检查是否有大片无用的空白格式或多余的工作表，删除后再试。",
        )
    area = sum(_area(ranges) for ranges in merged.values())
    if area > limits.MAX_MERGED_CELLS:
        raise DataError.single(
            file,
            f"工作簿中合并的单元格共有 {area} 个，超过 {limits.MAX_MERGED_CELLS} 个"
            "（可能合并了整列或整行）：请取消不必要的合并后再试。",
        )
    if replaced:
        changed = tuple((name, replaced.get(name, blob)) for name, blob in members)
        return Package(changed, merged, bad)
    return Package(members, merged, bad, original=data)
