"""Tables: a real Word table written in one pass (docs/docx-notes.md §3.9, §3.10).

Fixed layout at the type-area width, 1 mm cell margins left and right (the widths were fitted
to them, :mod:`reportgen.render.tables.fit`), ``gridCol``/``tcW`` scaled from the relative widths,
``gridSpan`` and ``vMerge`` written directly (never ``cell.merge()``), ``tblHeader`` on the
leading header rows only, ``cantSplit`` on every row, cells vertically centred, every cell
paragraph in the table text style; the paragraphs of a header row and of a ``keep`` row are
kept with the next row (``keepNext``), so a group of rows is not split by a page break. A
keyed table has its bookmark in the first paragraph of its first cell (``keys``).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import accumulate, pairwise

from reportgen.data.vocabulary import PLACEHOLDER
from reportgen.docx import style_names as names
from reportgen.docx.keys import bookmark_xml
from reportgen.docx.write.paragraphs import ppr_xml, run_xml
from reportgen.docx.write.styles import ALIGN
from reportgen.ooxml.escape import clean
from reportgen.ooxml.strings import tag
from reportgen.render.blocks import LINE_BREAK, Cell, Row, Table
from reportgen.render.tables.fit import CELL_MARGIN


def grid_widths(widths: tuple[int, ...], total: int) -> list[int]:
    """Column widths in twips proportional to ``widths`` and summing exactly to ``total``."""
    weight = sum(widths)
    if weight <= 0:
        raise ValueError("table widths must add up to more than 0")
    edges = [0] + [round(total * part / weight) for part in accumulate(widths)]
    return [right - left for left, right in pairwise(edges)]


_margins = tag("left", w=CELL_MARGIN, type="dxa") + tag("right", w=CELL_MARGIN, type="dxa")


def header_count(table: Table) -> int:
    """How many rows at the top are header rows (only these repeat on each page)."""
    count = 0
    for row in table.rows:
        if not row.header:
            break
        count += 1
    return count


def table_xml(
    table: Table,
    width: int,
    *,
    style_align: str,
    break_before: bool = False,
    mark: tuple[int, str] | None = None,
    quote_font: str = "",
) -> str:
    """``table`` as a ``w:tbl``; ``style_align`` is the table text style's own alignment.

    ``quote_font`` is the table text style's CJK font, for curly quotes (``run_xml``).
    """
    columns = grid_widths(table.widths, width)
    properties = (
        tag("tblStyle", val=names.TABLE_GRID.style_id)
        + tag("tblW", w=width, type="dxa")
        + tag("jc", val="center")
        + tag("tblLayout", type="fixed")
        + f"<w:tblCellMar>{_margins}</w:tblCellMar>"
    )
    grid = "".join(tag("gridCol", w=column) for column in columns)
    headers = header_count(table)
    rows = "".join(
        _row_xml(
            row,
            columns,
            style_align,
            header=index < headers,
            break_before=break_before and index == 0,
            mark=mark if index == 0 else None,
            quote_font=quote_font,
        )
        for index, row in enumerate(table.rows)
    )
    return f"<w:tbl><w:tblPr>{properties}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"


def _row_xml(
    row: Row,
    columns: list[int],
    style_align: str,
    *,
    header: bool,
    break_before: bool,
    mark: tuple[int, str] | None,
    quote_font: str,
) -> str:
    cells: list[str] = []
    start = 0
    for cell in row.cells:
        width = sum(columns[start : start + cell.colspan])
        first = start == 0
        cells.append(
            (_cell_xml if first and mark else _remembered_cell_xml)(
                cell,
                width,
                style_align,
                break_before and first,
                mark if first else None,
                header or row.keep,
                quote_font,
            )
        )
        start += cell.colspan
    trpr = "<w:cantSplit/><w:tblHeader/>" if header else "<w:cantSplit/>"
    return f"<w:tr><w:trPr>{trpr}</w:trPr>{''.join(cells)}</w:tr>"


def cell_lines(cell: Cell) -> list[str]:
    """The paragraphs of a cell: its text's lines, one empty one for a vMerge continuation."""
    return [""] if cell.vmerge == "continue" else clean(cell.text).split("\n")


def _typeset_lines(cell: Cell) -> list[str]:
    """The paragraphs as set: ``cell_lines`` with the fitted line breaks as newlines (``w:br``)."""
    if cell.vmerge == "continue" or not cell.typeset:
        return cell_lines(cell)
    return [line.replace(LINE_BREAK, "\n") for line in clean(cell.typeset).split("\n")]


def _cell_xml(
    cell: Cell,
    width: int,
    style_align: str,
    break_before: bool,
    mark: tuple[int, str] | None,
    keep: bool,
    quote_font: str,
) -> str:
    tcpr = f'<w:tcW w:w="{int(width)}" w:type="dxa"/>'
    if cell.colspan > 1:
        tcpr += tag("gridSpan", val=cell.colspan)
    if cell.vmerge is not None:
        tcpr += tag("vMerge", val=cell.vmerge)
    tcpr += '<w:vAlign w:val="center"/>'
    align = ALIGN[cell.align] if cell.align != style_align else ""
    style_id = names.role_style_id("table")
    start, end = bookmark_xml(mark)
    runs = [
        run_xml(line, bold=cell.bold, quote_font=quote_font)
        if "【" not in line  # no placeholder: one piece
        else "".join(
            run_xml(part, bold=cell.bold, highlight=i % 2 == 1, quote_font=quote_font)
            for i, part in enumerate(PLACEHOLDER.split(line))
            if part or i == 0
        )
        for line in _typeset_lines(cell)
    ]
    runs[0] = start + runs[0] + end
    paragraphs = "".join(
        f"<w:p>{ppr_xml(style_id, break_before=break_before and i == 0, keep_next=keep, align=align)}{run}</w:p>"
        for i, run in enumerate(runs)
    )
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{paragraphs}</w:tc>"


# A cell without a bookmark, made once: headers, levels and units repeat in every report (the
# cell and its setting are the whole key: all are frozen values).
_remembered_cell_xml = lru_cache(maxsize=2048)(_cell_xml)
