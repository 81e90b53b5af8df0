"""A worksheet's cells read straight from its XML, as openpyxl would bind them, without binding.

openpyxl builds a Cell object (with a style array) for every cell it reads, through an
element tree: about twenty microseconds a cell, most of the time a large workbook takes.
Here the ``<sheetData>`` of each worksheet is scanned with regular expressions and every
cell's value is made with openpyxl's own conversions (``_cast_number``, ``from_excel`` with
the workbook's epoch and date styles, ``from_ISO8601``, its shared strings), so that values
and types are the ones openpyxl gives. Everything around the cells (the workbook, styles,
shared strings, the sheets' other elements) is still read by openpyxl, from a "hollow"
package whose sheets have no cells: a workbook openpyxl refuses is refused as before.

Only the usual shapes of cell XML are read here (``<c>`` with ``<f>``, ``<v>`` or
``<is>``, no namespace prefix, UTF-8). Anything else raises :class:`Unsupported`, and the
caller reads the workbook through openpyxl as a whole.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast
from xml.etree import ElementTree

from openpyxl.cell.cell import Cell as OpenpyxlCell
from openpyxl.cell.text import Text
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.cell import column_index_from_string, coordinate_to_tuple
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._reader import _cast_number  # type: ignore[attr-defined]
from openpyxl.xml.constants import SHEET_MAIN_NS

from reportgen.data.excel.entry import Cells, Entry, entry
from reportgen.ooxml.elements import parse_part
from reportgen.support.archive import Members

_SHEET_DATA_TAG = re.compile(r"<sheetData\b[^>]*?(/?)>")
# The pieces of a sheetData, each one alternative: a cell with the usual attributes (column
# letters, row, style, type) holding nothing, a value, a plain inline string or other XML; a
# cell with other attributes; a row's start tag; a row's end or white space; anything else.
_TOKEN = re.compile(
    r'<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"(?: s="([0-9]+)")?(?: t="([a-zA-Z]+)")?'
    r'(?:/>|><v>([^<]*)</v></c>|><is><t(?: xml:space="preserve")?>([^<]*)</t></is></c>|>(.*?)</c>)'
    r"|(<c)\b([^>]*?)(?:/>|>(.*?)</c>)"
    r"|(<row)\b([^>]*?)/?>"
    r"|</row>|\s+"
    r"|(.)",
    re.S,
)
_ATTR = re.compile(r"""\s*([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ROW_NUMBER = re.compile(r"""\br\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_VALUE = re.compile(r"\s*(<f\b[^>]*?(?:/>|>[^<]*</f>))?\s*(?:<v>([^<]*)</v>|<v/>)?\s*")
_INLINE = re.compile(r'\s*<is>\s*<t(?: xml:space="preserve")?>([^<]*)</t>\s*</is>\s*')
_INLINE_ANY = re.compile(r"\s*(<is\b.*</is>|<is\b[^>]*/>)\s*", re.S)
_ENTITY = re.compile(r"&(?:#([0-9]+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_DECLARATION = re.compile(r"<\?xml[^>]*?\bencoding\s*=\s*[\"']([^\"']*)[\"']")
_NAMESPACES = re.compile(r"""\bxmlns(?::[\w.-]+)?\s*=\s*(?:"[^"]*"|'[^']*')""")
_MAIN_DEFAULT = re.compile(rf"""\sxmlns\s*=\s*["']{re.escape(SHEET_MAIN_NS)}["']""")
_PREFIXED = re.compile(r"<[\w.-]+:sheetData\b")
_ROOT = re.compile(r"<[A-Za-z_][\w.-]*\b[^>]*>")


class Unsupported(Exception):
    """XML this reader does not read: the caller reads the workbook with openpyxl instead."""


@dataclass
class Hollow:
    """The workbook as openpyxl read it without cells, and each worksheet's cell XML by title."""

    book: Workbook
    shared_strings: list[str]
    sheet_data: dict[str, tuple[str, str]]  # title → (the sheet's root start tag, its sheetData content)


def hollow_book(members: Members) -> Hollow:
    """openpyxl's reading of the package with every worksheet's cells taken out.

    Raises what openpyxl raises on a package it cannot read, and :class:`Unsupported` when a
    worksheet's XML is not of the usual shape.
    """
    names = {name for name, _ in members}
    hollow: list[tuple[str, bytes]] = []
    content: dict[str, tuple[str, str]] = {}  # part name → (root tag, sheetData content)
    for name, blob in members:
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            text = _utf8(blob)
            start, end, inside = _sheet_data(text)
            root = _ROOT.search(text)
            if root is None or not _MAIN_DEFAULT.search(root.group(0)) or "xmlns" in text[start:end]:
                raise Unsupported(f"{name}: namespaces")  # openpyxl reads only cells of the main namespace
            content[name] = (root.group(0) if root else "", inside)
            blob = (text[:start] + "<sheetData/>" + text[end:]).encode()
        hollow.append((name, blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as package:
        for name, blob in hollow:
            package.writestr(name, blob)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about Excel features it drops
        reader = ExcelReader(io.BytesIO(out.getvalue()), read_only=False, data_only=True)
        reader.read()
    book = reader.wb
    sheets = [
        (sheet.name, rel.target)
        for sheet, rel in reader.parser.find_sheets()
        if rel.target in names and "chartsheet" not in rel.Type
    ]
    if [title for title, _ in sheets] != [ws.title for ws in book.worksheets]:
        raise Unsupported("sheet titles")  # openpyxl renamed a sheet: let it read the cells too
    by_title = {title: content[target] for title, target in sheets if target in content}
    if len(by_title) != len(sheets):
        raise Unsupported("sheet parts")
    return Hollow(book, list(reader.shared_strings), by_title)


def _sheet_data(text: str) -> tuple[int, int, str]:
    """Where the sheet's one ``<sheetData>`` element starts and ends, and its content."""
    start = text.find("<sheetData")
    if start < 0 or text.count("<sheetData", start + 1) or _PREFIXED.search(text):
        raise Unsupported("sheetData")
    head = _SHEET_DATA_TAG.match(text, start)
    if head is None:
        raise Unsupported("sheetData")
    if head.group(1):  # <sheetData/>
        return start, head.end(), ""
    end = text.find("</sheetData>", head.end())
    if end < 0 or text.count("</sheetData>", end + 1):
        raise Unsupported("sheetData")
    return start, end + len("</sheetData>"), text[head.end() : end]


def _utf8(blob: bytes) -> str:
    head = _DECLARATION.match(blob[:200].decode("ascii", "replace"))
    if head is not None and head.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise Unsupported("encoding")
    try:
        return blob.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise Unsupported("encoding") from None


class StyleFormats:
    """Each style index's number format, and whether it shows a date or a duration, as openpyxl has them."""

    def __init__(self, book: Workbook) -> None:
        read: Any = book  # openpyxl keeps these on the workbook it read, undeclared
        self._styles = read._cell_styles
        self.dates: set[int] = set(read._date_formats)
        self.durations: set[int] = set(read._timedelta_formats)
        self._formats: dict[int, str] = {}
        self._sheet: Any = book.worksheets[0] if book.worksheets else None

    def number_format(self, style: int) -> str:
        found = self._formats.get(style)
        if found is None:
            cell = OpenpyxlCell(self._sheet, row=1, column=1, style_array=self._styles[style])
            found = self._formats[style] = str(cell.number_format)
        return found


def read_cells(
    root: str, sheet_data: str, strings: list[str], styles: StyleFormats, epoch: object
) -> tuple[Cells, int]:
    """The cells of one ``<sheetData>`` as entries (by row and column), and the last column of any cell."""
    cells: Cells = {}
    text_of = _inline_reader(root)
    pending: list[tuple[tuple[int, int], str, str, bool]] = []  # texts with references, decoded at once
    row = col = 0
    by_style: dict[str, tuple[int, str, bool]] = {}  # s="…" → style index, number format, shows a date
    columns: dict[str, int] = {}
    for (
        letters,
        number,
        style_text,
        kind,
        v,
        inline,
        inner,
        other,
        attrs,
        other_inner,
        row_tag,
        row_attrs,
        bad,
    ) in _TOKEN.findall(sheet_data):
        if letters:
            row = int(number)
            col = columns.get(letters) or columns.setdefault(letters, column_index_from_string(letters))
        elif other:
            place, style_text, kind = _attributes(attrs)
            row, col = place if place is not None else (row, col + 1)
            inner, v, inline = other_inner, "", ""
        elif row_tag:
            row, col = _row_number(row_attrs, row), 0
            continue
        elif bad:
            raise Unsupported(f"sheetData: {bad!r}")
        else:
            continue  # </row> or white space
        looked = by_style.get(style_text)
        if looked is None:
            index = int(style_text) if style_text else 0
            looked = by_style[style_text] = (index, styles.number_format(index), index in styles.dates)
        style, fmt, dated = looked
        at = (row, col)
        if inline:
            if kind != "inlineStr":
                raise Unsupported(f"inline string in a cell of type {kind!r}")
            if "&" in inline or "\r" in inline:
                pending.append((at, inline, fmt, False))
            cells[at] = (inline, fmt, "") if inline.strip() else (None, fmt, "")
        elif v:
            if "&" in v or "\r" in v:
                if kind == "str":
                    pending.append((at, v, fmt, False))
                    cells[at] = (None, fmt, "")
                else:
                    cells[at] = _other(f"<v>{v}</v>", kind or "n", fmt, strings, styles, epoch, style, text_of)
            elif (not kind or kind == "n") and not dated:
                cells[at] = (float(v) if "." in v or "E" in v or "e" in v else int(v), fmt, "")  # _cast_number
            elif kind == "s":
                cells[at] = entry(strings[int(v)], "s", fmt, False)
            elif kind == "str":
                cells[at] = entry(v, "s", fmt, False)
            else:
                cells[at] = _other(f"<v>{v}</v>", kind or "n", fmt, strings, styles, epoch, style, text_of)
        elif inner:
            cells[at] = _other(inner, kind or "n", fmt, strings, styles, epoch, style, text_of)
        else:
            cells[at] = (None, fmt, "")
    for (at, _, fmt, formula), text in zip(pending, _decoded([raw for _, raw, _, _ in pending]), strict=True):
        cells[at] = entry(text, "s", fmt, formula)
    return cells, max((col for _, col in cells), default=0)


def _attributes(attrs: str) -> tuple[tuple[int, int] | None, str, str]:
    """A cell's place (None: the next column, as openpyxl counts cells without ``r``), style and type."""
    found = {m.group(1): m.group(2) if m.group(2) is not None else m.group(3) for m in _ATTR.finditer(attrs)}
    if _ATTR.sub("", attrs).strip():
        raise Unsupported(f"cell attributes {attrs!r}")
    if found.get("s") == "" or found.get("t") == "":
        raise Unsupported(f"cell attributes {attrs!r}")  # openpyxl's reading of these is its own
    coordinate = found.get("r")
    place = coordinate_to_tuple(coordinate) if coordinate else None
    return place, found.get("s") or "", found.get("t") or ""


def _row_number(attrs: str, previous: int) -> int:
    """The row's number as openpyxl reads it: its ``r``, else the one after the previous row."""
    found = _ROW_NUMBER.search(attrs)
    if found is None:
        return previous + 1
    text = found.group(1) if found.group(1) is not None else found.group(2)
    try:
        return int(text)
    except ValueError:
        number = float(text)
        if number.is_integer():
            return int(number)
        raise ValueError(f"{text} is not a valid row number") from None


def _string(inner: str, kind: str) -> tuple[str | None, bool]:
    """The raw text of a plain inline string, or of a formula's text result, and whether the
    cell has a formula; None for other XML (read by :func:`_other`)."""
    if kind == "inlineStr":
        simple = _INLINE.fullmatch(inner)
        return (None if simple is None else simple.group(1)), False
    found = _VALUE.fullmatch(inner)
    if found is None or not found.group(2):
        return None, False  # no value: decided by _other (a formula without a result)
    return found.group(2), found.group(1) is not None


def _decoded(raws: list[str]) -> list[str]:
    """XML character data as a parser gives it (line ends normalised, references replaced), all at once."""
    if not raws:
        return []
    document = parse_part(("<r><t>" + "</t><t>".join(raws) + "</t></r>").encode())
    return [element.text or "" for element in document]


def _other(
    inner: str,
    kind: str,
    fmt: str,
    strings: list[str],
    styles: StyleFormats,
    epoch: object,
    style: int,
    text_of: Callable[[str], str],
) -> Entry:
    """One cell's entry, by the rules of openpyxl's ``WorksheetReader.parse_cell`` (data only)."""
    if kind == "inlineStr":
        whole = _INLINE_ANY.fullmatch(inner)
        if whole is not None:
            return entry(text_of(whole.group(1)), "s", fmt, False)
        bare = _VALUE.fullmatch(inner)  # no <is>: no value
        if bare is None:
            raise Unsupported(f"inline string {inner[:80]!r}")
        return entry(None, kind, fmt, bare.group(1) is not None)
    found = _VALUE.fullmatch(inner)
    if found is None:
        raise Unsupported(f"cell content {inner[:80]!r}")
    formula = found.group(1) is not None
    raw = found.group(2)
    if not raw:
        return entry(None, kind, fmt, formula)
    text = _text(raw)
    value: object
    if kind == "n":
        value = _cast_number(text)
        if style in styles.dates:
            try:
                value, kind = from_excel(value, epoch, timedelta=style in styles.durations), "d"
            except (OverflowError, ValueError):
                value, kind = "#VALUE!", "e"
    elif kind == "s":
        value = strings[int(text)]
    elif kind == "b":
        value = bool(int(text))
    elif kind == "d":
        value = from_ISO8601(text)  # type: ignore[no-untyped-call]
    else:
        value = text
    return entry(value, kind, fmt, formula)


def _text(raw: str) -> str:
    """XML character data as a parser gives it: line ends normalised, references replaced."""
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    if "&" not in raw:
        return raw
    return _ENTITY.sub(_entity, raw)


def _entity(match: re.Match[str]) -> str:
    decimal, hexadecimal, name = match.groups()
    if decimal is not None:
        return chr(int(decimal))
    if hexadecimal is not None:
        return chr(int(hexadecimal, 16))
    return _NAMED[name]


def _inline_reader(root: str) -> Callable[[str], str]:
    """Reads an ``<is>`` element of rich text as openpyxl does (``Text.from_tree(...).content``)."""
    namespaces = " ".join(_NAMESPACES.findall(root)) or f'xmlns="{SHEET_MAIN_NS}"'

    def read(element: str) -> str:
        # The standard library's parser, as openpyxl reads sheets: comments and processing
        # instructions are dropped, the text around them joined.
        wrapped = ElementTree.fromstring(f"<wrap {namespaces}>{element}</wrap>")
        text: Any = Text.from_tree(cast(Any, wrapped[0]))
        return str(text.content)

    return read
