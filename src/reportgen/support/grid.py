"""A table as its reader saw it: a rectangle of cells, merged areas resolved, each position
able to say where it is in the user's file.

Both readers of the tables units already hold produce it — Word tables
(:mod:`reportgen.ooxml.tables`) and worksheets (:mod:`reportgen.data.excel.grids`) — and the
importer (:mod:`reportgen.data.importing`) reads only this. A merged area is one :class:`Cell`
object at every position it covers, so "the cell to the right" of a label is found by
skipping positions holding the label's own cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["Cell", "Grid", "Merge", "TableDocument", "build_grid", "cell_text", "column_letter", "number_text"]

# A merged area: first row, first column, last row, last column (0-based, inclusive).
Merge = tuple[int, int, int, int]


@dataclass(frozen=True, eq=False)
class Cell:
    """One cell (or merged area): its cleaned text and the top-left position it starts at (0-based)."""

    text: str
    row: int
    col: int
    rows: int = 1
    cols: int = 1

    @property
    def empty(self) -> bool:
        """True when the cell holds no text."""
        return not self.text


@dataclass(frozen=True)
class Grid:
    """One table: ``cells[r][c]`` is the cell covering row ``r``, column ``c`` (all rows equally long).

    ``name`` names the table in messages ("第2个表格", "工作表“批复表”"); ``caption`` holds the
    lines of text just above a Word table (its title, 填报单位, 金额单位). ``excel`` says how a
    place is written: ``B5`` in a worksheet (``first_row``/``first_col`` being the sheet's row and
    column of ``cells[0][0]``, 1-based), "第5行第2列" in a Word table.
    """

    name: str
    cells: tuple[tuple[Cell, ...], ...]
    caption: tuple[str, ...] = ()
    excel: bool = False
    first_row: int = 1
    first_col: int = 1

    @property
    def height(self) -> int:
        """The number of rows."""
        return len(self.cells)

    @property
    def width(self) -> int:
        """The number of columns."""
        return len(self.cells[0]) if self.cells else 0

    def at(self, row: int, col: int) -> Cell | None:
        """The cell covering a position, or None outside the table."""
        if 0 <= row < self.height and 0 <= col < self.width:
            return self.cells[row][col]
        return None

    def place(self, row: int, col: int) -> str:
        """Where a position is, as the user finds it: "工作表“批复表”C5", "第2个表格第5行第3列"."""
        if self.excel:
            return f"{self.name}{column_letter(self.first_col + col)}{self.first_row + row}"
        return f"{self.name}第{row + 1}行第{col + 1}列"

    def row_place(self, row: int) -> str:
        """Where a row is: "工作表“批复表”第5行", "第2个表格第5行"."""
        if self.excel:
            return f"{self.name}第{self.first_row + row}行"
        return f"{self.name}第{row + 1}行"

    def row_cells(self, row: int) -> list[Cell]:
        """The distinct cells of a row, left to right (a merged area once)."""
        seen: list[Cell] = []
        for cell in self.cells[row]:
            if not seen or seen[-1] is not cell:
                seen.append(cell)
        return seen


@dataclass(frozen=True)
class TableDocument:
    """Every table of one file, in order, and the text outside them (a Word document's paragraphs)."""

    file: str
    grids: tuple[Grid, ...]
    paragraphs: tuple[str, ...] = ()


def build_grid(
    name: str,
    texts: list[list[str]],
    merges: list[Merge] | tuple[Merge, ...] = (),
    **options: object,
) -> Grid:
    """A grid from each row's raw texts (rows may differ in length; missing cells are empty)
    and its merged areas; the text of a merged area is its top-left cell's. Texts are cleaned
    with :func:`cell_text`. ``options`` are :class:`Grid`'s other fields (caption, excel, …)."""
    height = len(texts)
    width = max((len(row) for row in texts), default=0)
    for _top, _left, bottom, right in merges:
        width = max(width, right + 1)
        height = max(height, bottom + 1)
    slots: list[list[Cell | None]] = [[None] * width for _ in range(height)]

    def raw(row: int, col: int) -> str:
        return texts[row][col] if row < len(texts) and col < len(texts[row]) else ""

    for top, left, bottom, right in merges:
        if (
            top > bottom
            or left > right
            or any(slots[r][c] for r in range(top, bottom + 1) for c in range(left, right + 1))
        ):
            continue  # an overlapping or inverted range (a damaged file): its cells stay apart
        cell = Cell(cell_text(raw(top, left)), top, left, bottom - top + 1, right - left + 1)
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                slots[r][c] = cell
    rows = tuple(
        tuple(slot if slot is not None else Cell(cell_text(raw(r, c)), r, c) for c, slot in enumerate(line))
        for r, line in enumerate(slots)
    )
    return Grid(name, rows, **options)  # type: ignore[arg-type]


_TAGS = re.compile(r"<\s*/?\s*(?:p|br|li|ol|ul|div|span|strong|b|i|em|font|table|tr|td|th)\b[^<>]{0,400}>", re.I)
_BREAK_TAGS = re.compile(r"<\s*(?:/p|br|/li|li|/div|p)\b[^<>]{0,400}>", re.I)
_ENTITIES = {"&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'"}
_SPACES = re.compile(r"[ \t\u00a0\u2002\u2003\u2009\u3000]+")


def cell_text(text: str) -> str:
    """A cell's text as the importer reads it: HTML remnants (``<p>``, ``<br>``, ``&nbsp;``)
    turned into line breaks and spaces, runs of spaces (full-width too) made one, lines trimmed,
    empty lines dropped."""
    if "<" in text:
        text = _BREAK_TAGS.sub("\n", text)
        text = _TAGS.sub("", text)
    if "&" in text:
        for entity, char in _ENTITIES.items():
            text = text.replace(entity, char)
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r", "\n").replace("\v", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def column_letter(col: int) -> str:
    """A 1-based column number as Excel writes it: 1 → A, 28 → AB."""
    letters = ""
    while col > 0:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def number_text(value: Decimal) -> str:
    """A number as a cell or a message writes it, in full, without exponent or trailing zeros:
    1E+3 → 1000, 2.50 → 2.5."""
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")
