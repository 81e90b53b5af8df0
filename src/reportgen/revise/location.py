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


@dataclass(frozen=True)
class Place:
    """Where a block stands: the heading path above it, and its number under the nearest heading
    (non-empty paragraphs and tables are counted apart; 0 for a heading). A table also has the
    title above it ("" if none) and, when known, each cell's first grid column, row by row."""

    heading: str = ""
    number: int = 0
    title: str = ""
    columns: tuple[tuple[int, ...], ...] | None = None


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
    """A quote of ``text`` that finds the place ``at`` with Ctrl+F, "…" marking what is left out."""
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    at = max(at - lead, 0)
    if at + 4 <= QUOTE:
        return body[:QUOTE] + ("…" if len(body) > QUOTE else "")
    start = at - _BEFORE
    while start > at - 2 * _BEFORE and (_DIGITS.match(body[start - 1]) or body[start - 1] in ".,"):
        start -= 1  # never start inside a number
    return "…" + body[start : start + QUOTE] + ("…" if len(body) > start + QUOTE else "")


def paragraph_location(block: DraftBlock, place: Place, at: int = 0) -> str:
    """E.g. ``第2段「偏差原因分析及改进措施：【待补充…」``, ``标题「产出指标完成情况」``."""
    if not block.text.strip():
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
    grid = _grid(cells, columns)
    header = _own_label(cells[row][column]) or _header(cells, grid, row, column)
    indicator = _indicator(cells, grid, row)
    if indicator:
        return f"指标“{indicator}”的{header}" if header else f"指标“{indicator}”一行的第{column + 1}格"
    label = next((c.strip() for i, c in enumerate(cells[row]) if i != column and _is_label(c)), "")
    named = f"第{row + 1}行“{label}”" if label else f"第{row + 1}行"
    return f"{named}的{header}" if header else f"{named}第{column + 1}格"


def row_name(cells: Cells, row: int, columns: Sequence[Sequence[int]] | None = None) -> str:
    """A row as an editor finds it: ``指标“法律援助案件”一行`` or ``第3行``."""
    indicator = _indicator(cells, _grid(cells, columns), row)
    return f"指标“{indicator}”一行" if indicator else f"第{row + 1}行"


def _grid(cells: Cells, columns: Sequence[Sequence[int]] | None) -> list[tuple[int, ...]] | None:
    if columns is None or len(columns) != len(cells):
        return None
    if any(len(c) != len(r) for c, r in zip(columns, cells, strict=True)):
        return None
    return [tuple(c) for c in columns]


def _header(cells: Cells, grid: list[tuple[int, ...]] | None, row: int, column: int) -> str:
    """The text of the column header over a cell: the nearest header row above it with a cell
    in the same column (the same grid column; without a grid, the same index in a row of as many cells)."""
    for above in range(row - 1, -1, -1):
        if not _is_header(cells[above]):
            continue
        at = _same_column(cells, grid, above, row, column)
        if at is not None and _is_label(cells[above][at]):
            return " ".join(cells[above][at].split()).rstrip("：:")
    return ""


def _same_column(cells: Cells, grid: list[tuple[int, ...]] | None, above: int, row: int, column: int) -> int | None:
    if grid is not None:
        return grid[above].index(grid[row][column]) if grid[row][column] in grid[above] else None
    return column if len(cells[above]) == len(cells[row]) else None


def _indicator(cells: Cells, grid: list[tuple[int, ...]] | None, row: int) -> str:
    """The indicator a row is about: its cell under the 三级指标 header ("" if none)."""
    for above in range(row - 1, -1, -1):
        if _INDICATOR in cells[above]:
            at = cells[above].index(_INDICATOR)
            if grid is not None:
                start = grid[above][at]
                mine = grid[row].index(start) if start in grid[row] else None
            else:
                mine = at if len(cells[above]) == len(cells[row]) else None
            name = cells[row][mine].strip() if mine is not None else ""
            return name if name and not PLACEHOLDER.search(name) else ""
    return ""


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
