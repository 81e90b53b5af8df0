"""A one-sheet workbook (.xlsx) of a plain formatted table, written as SpreadsheetML text.

It is the batch summary's writer (汇总.xlsx, through :func:`reportgen.data.excel.write_table`
and the summary itself): 5,000 units are 70,000 cells, which openpyxl's per-cell style objects
took seconds to write; here a cell is one formatted string. The parts are what openpyxl wrote
for the same table — the same cell values, number formats, fonts, fills, borders, alignments,
column widths, frozen header, filter and links, and the same inline strings — with a
minimal theme part of the same colours and fonts (Excel's 2007 Office theme, which the
default font refers to) and reportgen's application and core properties. The zip is deterministic
(:func:`reportgen.ooxml.package.write_zip`).

Values: ``int`` and ``Decimal`` are the table's figures (a ``float`` is a number in Excel's
own format, left as it is; ``bool`` is a boolean), ``str`` is
text (kept as text even when it starts with “=”), a :class:`Link` is its text opening its
target, ``None`` and ``""`` leave the cell empty (bordered like the others).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from reportgen.ooxml.package import APP_XML, core_xml, write_zip

__all__ = ["Link", "table_workbook"]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
SHEET = "xl/worksheets/sheet1.xml"
# openpyxl's cleaning (ILLEGAL_CHARACTERS_RE) and what XML 1.0 cannot hold at all.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;"})
# Excel's built-in number formats that a table uses; any other gets an id from 164 on.
_BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10}
_CUSTOM_FORMATS = 164
# The fonts, fills and borders of reportgen's tables (reportgen.data.excel.style): the
# default font, bold for the header, and links; the header's fill; the thin grey border.
_FONTS = (
    '<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>',
    '<font><b val="1"/></font>',
    '<font><u val="single"/><color rgb="000563C1"/></font>',
)
_FONT, _BOLD, _LINK = 0, 1, 2
_FILLS = (
    "<fill><patternFill/></fill>",
    '<fill><patternFill patternType="gray125"/></fill>',
    '<fill><patternFill patternType="solid"><fgColor rgb="00DDEBF7"/></patternFill></fill>',
)
_HEADER_FILL = 2
_SIDE = '<{0} style="thin"><color rgb="00A6A6A6"/></{0}>'
_BORDERS = (
    "<border><left/><right/><top/><bottom/><diagonal/></border>",
    "<border>" + "".join(_SIDE.format(side) for side in ("left", "right", "top", "bottom")) + "</border>",
)
_THIN = 1


@dataclass(frozen=True)
class Link:
    """A cell showing ``text`` that opens ``target`` (a path relative to the workbook, or a URL)."""

    text: str
    target: str


@dataclass(frozen=True)
class _Xf:
    number_format: int
    font: int
    fill: int
    border: int
    horizontal: str | None
    vertical: str
    wrap: bool

    def xml(self) -> str:
        align = f' horizontal="{self.horizontal}"' if self.horizontal else ""
        align += f' vertical="{self.vertical}"' + (' wrapText="1"' if self.wrap else "")
        return (
            f'<xf numFmtId="{self.number_format}" fontId="{self.font}" fillId="{self.fill}" borderId="{self.border}"'
            f' applyAlignment="1" pivotButton="0" quotePrefix="0" xfId="0"><alignment{align}/></xf>'
        )


class _Styles:
    """The cell formats a table uses, numbered in the order first used (0 is the default)."""

    def __init__(self) -> None:
        self.formats: dict[str, int] = {}
        self.xfs: dict[_Xf, int] = {}

    def number_format(self, code: str) -> int:
        builtin = _BUILTIN_FORMATS.get(code)
        if builtin is not None:
            return builtin
        return self.formats.setdefault(code, _CUSTOM_FORMATS + len(self.formats))

    def index(self, xf: _Xf) -> int:
        return self.xfs.setdefault(xf, len(self.xfs) + 1)

    def xml(self) -> str:
        formats = "".join(
            f'<numFmt numFmtId="{number}" formatCode="{_attribute(code)}"/>' for code, number in self.formats.items()
        )
        xfs = "".join(xf.xml() for xf in self.xfs)
        return (
            f'{_HEAD}<styleSheet xmlns="{_MAIN}"><numFmts count="{len(self.formats)}">{formats}</numFmts>'
            f'<fonts count="{len(_FONTS)}">{"".join(_FONTS)}</fonts>'
            f'<fills count="{len(_FILLS)}">{"".join(_FILLS)}</fills>'
            f'<borders count="{len(_BORDERS)}">{"".join(_BORDERS)}</borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(self.xfs) + 1}">'
            '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" pivotButton="0" quotePrefix="0" xfId="0"/>'
            f"{xfs}</cellXfs>"
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0" hidden="0"/></cellStyles>'
            '<tableStyles count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/>'
            "</styleSheet>"
        )


def table_workbook(
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[int] | None = None,
    formats: Sequence[str | None] | None = None,
    date: datetime | None = None,
) -> bytes:
    """The .xlsx bytes of one sheet ``title``: a bold, shaded, frozen header row with a filter, then ``rows``.

    Numbers are right-aligned, in the column's format of ``formats`` when it names one
    (``"0.00"``, ``"0.00%"``), else with the decimals a Decimal has; text with line breaks
    wraps; every cell is bordered and top-aligned. ``widths`` are the columns' widths;
    ``date`` dates the core properties (none when None).
    """
    styles = _Styles()
    header = styles.index(_Xf(0, _BOLD, _HEADER_FILL, _THIN, "center", "center", True))
    links: list[tuple[str, str]] = []
    lines = [_row(1, [(header, _text(text)) for text in headers])]
    body = _Body(styles, formats or (), links)
    for number, values in enumerate(rows, 2):
        lines.append(_row(number, [body.cell(number, col, value) for col, value in enumerate(values)]))
    columns = max([len(headers), *(len(values) for values in rows)]) or 1
    last = _column(columns - 1)
    extent = f"A1:{last}{max(len(rows) + 1, 1)}"
    filtered = f"A1:{_column(len(headers) - 1)}{max(len(rows) + 1, 1)}" if headers else ""
    members = [
        ("[Content_Types].xml", _CONTENT_TYPES.encode()),
        ("_rels/.rels", _PACKAGE_RELS.encode()),
        ("docProps/app.xml", APP_XML),
        ("docProps/core.xml", core_xml(title, "reportgen", date)),
        ("xl/workbook.xml", _workbook(title, filtered).encode()),
        ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.encode()),
        ("xl/styles.xml", styles.xml().encode()),
        ("xl/theme/theme1.xml", _THEME.encode()),
        (SHEET, _sheet(extent, widths or (), lines, filtered, links).encode()),
    ]
    if links:
        members.append(("xl/worksheets/_rels/sheet1.xml.rels", _link_rels(links).encode()))
    return write_zip(tuple(members), fast=(SHEET,))


class _Body:
    """The cells of the rows under the header: each value's style and XML."""

    def __init__(self, styles: _Styles, formats: Sequence[str | None], links: list[tuple[str, str]]) -> None:
        self.styles, self.formats, self.links = styles, formats, links
        self.cache: dict[tuple[object, ...], int] = {}

    def cell(self, row: int, col: int, value: object) -> tuple[int, str]:
        """The style index and inner XML (``t`` attribute and content) of one cell."""
        numeric = isinstance(value, (int, Decimal)) and not isinstance(value, bool)
        if isinstance(value, Link):
            self.links.append((f"{_column(col)}{row}", value.target))
            return self._style("link", _LINK, "General", None, False), _text(value.text)
        if value is None or value == "":
            return self._style("empty", _FONT, "General", None, False), ' t="n">'
        chosen = self.formats[col] if col < len(self.formats) else None
        code = chosen if chosen and numeric else _number_format(value)
        if isinstance(value, (int, Decimal)) and numeric:
            return self._style("number", _FONT, code, "right", False), f' t="n"><v>{_number(value)}</v>'
        if isinstance(value, float):  # a number, but not aligned or formatted as the table's figures are
            return self._style("float", _FONT, code, None, False), f' t="n"><v>{_number(value)}</v>'
        if isinstance(value, bool):
            return self._style("bool", _FONT, code, None, False), f' t="b"><v>{int(value)}</v>'
        if not isinstance(value, str):
            raise TypeError(f"a table cell holds numbers, text or links, not {type(value).__name__}")
        return self._style("text", _FONT, code, None, "\n" in value), _text(value)

    def _style(self, kind: str, font: int, code: str, horizontal: str | None, wrap: bool) -> int:
        key = (kind, code, wrap)
        found = self.cache.get(key)
        if found is None:
            xf = _Xf(self.styles.number_format(code), font, 0, _THIN, horizontal, "top", wrap)
            found = self.cache[key] = self.styles.index(xf)
        return found


def _number_format(value: object) -> str:
    """A Decimal shows the decimals it was given (``87.50`` → ``0.00``); others Excel's own format."""
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and -10 <= exponent < 0:
            return "0." + "0" * -exponent
    return "General"


def _number(value: int | float | Decimal) -> str:
    """A number as openpyxl wrote it: as a float to 16 significant digits; nothing for NaN and infinities."""
    as_float = float(value)
    if as_float != as_float or as_float in (float("inf"), float("-inf")):
        return ""
    return f"{as_float:.16g}"


def _text(value: str) -> str:
    """An inline string's ``t`` attribute and content (white space at either end preserved)."""
    value = _ILLEGAL.sub("", value)
    space = ' xml:space="preserve"' if value != value.strip() else ""
    return f' t="inlineStr"><is><t{space}>{_content(value)}</t></is>'


def _attribute(value: str) -> str:
    return _ILLEGAL.sub("", value).translate(_ATTRIBUTE)


def _row(number: int, cells: list[tuple[int, str]]) -> str:
    return (
        f'<row r="{number}">'
        + "".join(f'<c r="{_column(col)}{number}" s="{style}"{inner}</c>' for col, (style, inner) in enumerate(cells))
        + "</row>"
    )


_LETTERS: list[str] = []


def _column(index: int) -> str:
    """The letters of column ``index`` (0 → A, 26 → AA)."""
    while len(_LETTERS) <= index:
        n, letters = len(_LETTERS) + 1, ""
        while n:
            n, rest = divmod(n - 1, 26)
            letters = chr(65 + rest) + letters
        _LETTERS.append(letters)
    return _LETTERS[index]


def _sheet(extent: str, widths: Sequence[int], rows: list[str], filtered: str, links: list[tuple[str, str]]) -> str:
    cols = "".join(f'<col width="{width:g}" customWidth="1" min="{n}" max="{n}"/>' for n, width in enumerate(widths, 1))
    hyperlinks = "".join(f'<hyperlink ref="{ref}" r:id="rId{n}"/>' for n, (ref, _) in enumerate(links, 1))
    return (
        f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
        '<sheetPr><outlinePr summaryBelow="1" summaryRight="1"/><pageSetUpPr/></sheetPr>'
        f'<dimension ref="{extent}"/>'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft"'
        ' state="frozen"/><selection pane="bottomLeft" activeCell="A1" sqref="A1"/></sheetView></sheetViews>'
        '<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>'
        + (f"<cols>{cols}</cols>" if cols else "")
        + f"<sheetData>{''.join(rows)}</sheetData>"
        + (f'<autoFilter ref="{filtered}"/>' if filtered else "")
        + (f"<hyperlinks>{hyperlinks}</hyperlinks>" if hyperlinks else "")
        + '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/></worksheet>'
    )


def _workbook(title: str, filtered: str) -> str:
    sheet_name = _attribute(title)
    reference = "'" + _ILLEGAL.sub("", title).replace("'", "''") + "'!" + _absolute(filtered)
    defined = (
        '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
        f"{_content(reference)}</definedName></definedNames>"
        if filtered
        else ""
    )
    return (
        f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><workbookPr/><workbookProtection/>'
        '<bookViews><workbookView visibility="visible" minimized="0" showHorizontalScroll="1"'
        ' showVerticalScroll="1" showSheetTabs="1" tabRatio="600" firstSheet="0" activeTab="0"'
        ' autoFilterDateGrouping="1"/></bookViews>'
        f'<sheets><sheet name="{sheet_name}" sheetId="1" state="visible" r:id="rId1"/></sheets>'
        f'{defined}<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
    )


def _content(value: str) -> str:
    return value.translate(_TEXT)


def _absolute(extent: str) -> str:
    """``A1:N201`` → ``$A$1:$N$201``."""
    return ":".join(re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", corner) for corner in extent.split(":"))


_KIND = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_CONTENT_TYPES = (
    f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_KIND}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_KIND}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_KIND}.styles+xml"/>'
    '<Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
    '<Override PartName="/docProps/core.xml"'
    ' ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)


_PACKAGE_RELS = (
    f'{_HEAD}<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELS = (
    f'{_HEAD}<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/theme" Target="theme/theme1.xml"/>'
    "</Relationships>"
)


def _link_rels(links: list[tuple[str, str]]) -> str:
    return (
        f'{_HEAD}<Relationships xmlns="{_PKG_REL}">'
        + "".join(
            f'<Relationship Id="rId{n}" Type="{_REL}/hyperlink" Target="{_attribute(target)}" TargetMode="External"/>'
            for n, (_, target) in enumerate(links, 1)
        )
        + "</Relationships>"
    )


_COLOURS = (
    ("dk1", '<a:sysClr val="windowText" lastClr="000000"/>'),
    ("lt1", '<a:sysClr val="window" lastClr="FFFFFF"/>'),
    *(
        (name, f'<a:srgbClr val="{rgb}"/>')
        for name, rgb in (
            ("dk2", "1F497D"),
            ("lt2", "EEECE1"),
            ("accent1", "4F81BD"),
            ("accent2", "C0504D"),
            ("accent3", "9BBB59"),
            ("accent4", "8064A2"),
            ("accent5", "4BACC6"),
            ("accent6", "F79646"),
            ("hlink", "0000FF"),
            ("folHlink", "800080"),
        )
    ),
)
_FILL = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
_LINE = f'<a:ln w="9525">{_FILL}</a:ln>'
_FACES = '<a:ea typeface=""/><a:cs typeface=""/>'
# The 2007 Office theme's colours and fonts; its formats reduced to plain fills and lines
# (a table uses none of them).
_THEME = (
    f'{_HEAD}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme">'
    '<a:themeElements><a:clrScheme name="Office">'
    + "".join(f"<a:{name}>{colour}</a:{name}>" for name, colour in _COLOURS)
    + "</a:clrScheme>"
    f'<a:fontScheme name="Office"><a:majorFont><a:latin typeface="Cambria"/>{_FACES}</a:majorFont>'
    f'<a:minorFont><a:latin typeface="Calibri"/>{_FACES}</a:minorFont></a:fontScheme>'
    '<a:fmtScheme name="Office">'
    f"<a:fillStyleLst>{_FILL * 3}</a:fillStyleLst>"
    f"<a:lnStyleLst>{_LINE * 3}</a:lnStyleLst>"
    f"<a:effectStyleLst>{'<a:effectStyle><a:effectLst/></a:effectStyle>' * 3}</a:effectStyleLst>"
    f"<a:bgFillStyleLst>{_FILL * 3}</a:bgFillStyleLst>"
    "</a:fmtScheme></a:themeElements><a:objectDefaults/></a:theme>"
)
