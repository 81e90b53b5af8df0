"""Where something is in a draft, in words an editor can act on.

A paragraph is named by its number under its nearest heading and a quote long enough to
find it with Ctrl+F ("第2段「偏差原因分析及改进措施：【待补充…」"): the start of the
paragraph, or the text around the place when that lies far into a long paragraph. A table
is named by its title, a cell by its row and column: in an indicator table by the indicator
(the row's 三级指标) and the column header ("指标“法律援助案件”的实际完成值"), in other
tables by the row number, the row's own label if it has one, and the column header
("第3行“年度资金总额”的全年预算数"); a cell that labels its own placeholder ("等级：【待补充】")
by that label.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from reportgen.data.vocabulary import PLACEHOLDER
from reportgen.revise.model import Cells, DraftBlock

SEPARATOR = " › "
QUOTE = 20  # characters quoted: enough to find a paragraph with Ctrl+F
_BEFORE = 8  # characters quoted before a place far into a paragraph
_LABEL = 20  # a cell longer than this is content, not a label
_INDICATOR = "三级指标"
_DIGITS = re.compile(r"\d")
_HEADERS_TRIED = 8  # header rows looked at above a cell, nearest first


Grid = tuple[tuple[int, ...], ...]  # a table's cells' first grid columns, row by row


@dataclass(frozen=True)
class Place:
    """Where a block stands: the heading path above it, and its number under the nearest heading
    (non-empty paragraphs and tables are counted apart; 0 for a heading). A table also has the
    title above it ("" if none) and, when known, each cell's first grid column, row by row."""

    heading: str = ""
    number: int = 0
    title: str = ""
    columns: Grid | None = None


def document_places(blocks: Sequence[DraftBlock]) -> list[Place]:
    """Places counting the whole document's paragraphs and tables, for blocks whose headings are not known."""
    places: list[Place] = []
    paragraphs = tables = 0
    for block in blocks:
        if block.is_table:
            tables += 1
            places.append(Place(number=tables))
        else:
            paragraphs += bool(block.text.strip())
            places.append(Place(number=paragraphs))
    return places


def quote(text: str, at: int = 0) -> str:
    """A quote of ``text`` that finds the place ``at`` with Ctrl+F, "…" marking what is left out.

    Only the quoted stretch is read, so quoting many places of one long paragraph stays cheap.
    """
    start, end = 0, len(text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if at + 4 - start > QUOTE:
        begin = max(at - _BEFORE, start)
        while begin > max(at - 2 * _BEFORE, start) and (_DIGITS.match(text[begin - 1]) or text[begin - 1] in ".,"):
            begin -= 1  # never start inside a number
        return "…" + text[begin : min(begin + QUOTE, end)] + ("…" if end > begin + QUOTE else "")
    return text[start : min(start + QUOTE, end)] + ("…" if end > start + QUOTE else "")


def paragraph_location(block: DraftBlock, place: Place, at: int = 0) -> str:
    """E.g. ``第2段「偏差原因分析及改进措施：【待补充…」``, ``标题「产出指标完成情况」``."""
    if not block.text or block.text.isspace():
        return f"第{place.number}段后的空段落" if place.number else "空段落"
    if place.number == 0:
        return f"标题「{quote(block.text, at)}」"
    return f"第{place.number}段「{quote(block.text, at)}」"


def table_name(place: Place) -> str:
    """A table's title, or 第N个表格 when it has none."""
    return place.title or f"第{place.number}个表格"


def cell_name(cells: Cells, row: int, column: int, columns: Sequence[Sequence[int]] | None = None) -> str:
    """A cell as an editor finds it (see the module's docstring); ``columns`` gives each cell's
    first grid column, so that rows with merged cells line up with the header."""
    return CellNames(cells, columns).cell(row, column)


def row_name(cells: Cells, row: int, columns: Sequence[Sequence[int]] | None = None) -> str:
    """A row as an editor finds it: ``指标“法律援助案件”一行`` or ``第3行``."""
    return CellNames(cells, columns).row(row)


class CellNames:
    """The names of one table's cells and rows, its header rows found once."""

    def __init__(self, cells: Cells, columns: Sequence[Sequence[int]] | None = None) -> None:
        self.cells = cells
        self.grid = _grid(cells, columns)
        self.headers = [i for i, row in enumerate(cells) if _is_header(row)]
        self.indicator_headers = [i for i, row in enumerate(cells) if _INDICATOR in row]
        self._named: dict[tuple[int, int], str] = {}

    def cell(self, row: int, column: int) -> str:
        if (row, column) not in self._named:
            self._named[row, column] = self._cell(row, column)
        return self._named[row, column]

    def _cell(self, row: int, column: int) -> str:
        header = _own_label(self.cells[row][column]) or self._header(row, column)
        indicator = self._indicator(row)
        if indicator:
            return f"指标“{indicator}”的{header}" if header else f"指标“{indicator}”一行的第{column + 1}格"
        label = next((c.strip() for i, c in enumerate(self.cells[row]) if i != column and _is_label(c)), "")
        named = f"第{row + 1}行“{label}”" if label else f"第{row + 1}行"
        return f"{named}的{header}" if header else f"{named}第{column + 1}格"

    def row(self, row: int) -> str:
        indicator = self._indicator(row)
        return f"指标“{indicator}”一行" if indicator else f"第{row + 1}行"

    def _header(self, row: int, column: int) -> str:
        """The column header over a cell: the nearest header row above it with a cell in the same column."""
        above = self.headers[: bisect_left(self.headers, row)]
        for header in reversed(above[-_HEADERS_TRIED:]):
            at = self._across(row, header, column)
            if at is not None and _is_label(self.cells[header][at]):
                return " ".join(self.cells[header][at].split()).rstrip("：:")
        return ""

    def _across(self, source: int, target: int, column: int) -> int | None:
        """The index in row ``target`` of the cell in the same column as cell ``column`` of row
        ``source`` (the same grid column; without a grid, the same index in a row of as many cells)."""
        if self.grid is not None:
            start = self.grid[source][column]
            return self.grid[target].index(start) if start in self.grid[target] else None
        return column if len(self.cells[target]) == len(self.cells[source]) else None

    def _indicator(self, row: int) -> str:
        """The indicator a row is about: its cell under the nearest 三级指标 header ("" if none)."""
        at = bisect_left(self.indicator_headers, row)
        if at == 0:
            return ""
        header = self.indicator_headers[at - 1]
        mine = self._across(header, row, self.cells[header].index(_INDICATOR))
        name = self.cells[row][mine].strip() if mine is not None else ""
        return name if name and not PLACEHOLDER.search(name) else ""


def _grid(cells: Cells, columns: Sequence[Sequence[int]] | None) -> list[tuple[int, ...]] | None:
    if columns is None or len(columns) != len(cells):
        return None
    if any(len(c) != len(r) for c, r in zip(columns, cells, strict=True)):
        return None
    return [tuple(c) for c in columns]


def _own_label(text: str) -> str:
    """The label a cell gives its own placeholder ("等级" in "等级：【待补充】"), if any."""
    hit = PLACEHOLDER.search(text)
    head = text[: hit.start()].rstrip() if hit else ""
    if not head.endswith(("：", ":")):
        return ""
    label = re.split(r"[：:\n]", head.rstrip("：:"))[-1].strip()
    return label if _is_label(label) else ""


def _is_header(row: Sequence[str]) -> bool:
    texts = [c for c in row if c.strip()]
    return bool(texts) and all(_is_label(c) and not _DIGITS.search(c) for c in texts)


def _is_label(text: str) -> bool:
    text = text.strip()
    return bool(text) and len(text) <= _LABEL and not PLACEHOLDER.search(text) and not _number_like(text)


def _number_like(text: str) -> bool:
    return bool(re.fullmatch(r"[\d.,%％\s\-~～≥≤≧≦<>+]+", text))
