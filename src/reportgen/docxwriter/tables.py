"""Tables: a real Word table built in one pass of lxml (docx-notes §3.9, §3.10).

Fixed layout at the type-area width, ``gridCol``/``tcW`` scaled from the relative widths,
``gridSpan`` and ``vMerge`` written directly (never ``cell.merge()``), ``tblHeader`` on the
leading header rows only, ``cantSplit`` on every row, cells vertically centred, every cell
paragraph in the table text style.
"""

from __future__ import annotations

from itertools import accumulate, pairwise

from reportgen.blocks import Cell, Table
from reportgen.docxwriter import names
from reportgen.docxwriter.paragraphs import add_ppr, add_run
from reportgen.docxwriter.xml import Element, sub

ALIGN = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def grid_widths(widths: tuple[int, ...], total: int) -> list[int]:
    """Column widths in twips proportional to ``widths`` and summing exactly to ``total``."""
    weight = sum(widths)
    if weight <= 0:
        raise ValueError("table widths must add up to more than 0")
    edges = [0] + [round(total * part / weight) for part in accumulate(widths)]
    return [right - left for left, right in pairwise(edges)]


def header_count(table: Table) -> int:
    """How many rows at the top are header rows (only these repeat on each page)."""
    count = 0
    for row in table.rows:
        if not row.header:
            break
        count += 1
    return count


def add_table(parent: Element, table: Table, width: int, *, style_align: str,
              break_before: bool = False) -> Element:
    """Append ``table``; ``style_align`` is the table text style's own alignment."""
    tbl = sub(parent, "tbl")
    _table_properties(tbl, width)
    columns = grid_widths(table.widths, width)
    grid = sub(tbl, "tblGrid")
    for column in columns:
        sub(grid, "gridCol", w=column)
    headers = header_count(table)
    for index, row in enumerate(table.rows):
        tr = sub(tbl, "tr")
        trpr = sub(tr, "trPr")
        sub(trpr, "cantSplit")
        if index < headers:
            sub(trpr, "tblHeader")
        start = 0
        for cell in row.cells:
            cell_width = sum(columns[start:start + cell.colspan])
            _add_cell(tr, cell, cell_width, style_align, break_before and index == start == 0)
            start += cell.colspan
    return tbl


def _table_properties(tbl: Element, width: int) -> None:
    tblpr = sub(tbl, "tblPr")
    sub(tblpr, "tblStyle", val=names.TABLE_GRID.style_id)
    sub(tblpr, "tblW", w=width, type="dxa")
    sub(tblpr, "jc", val="center")
    sub(tblpr, "tblLayout", type="fixed")


def _add_cell(tr: Element, cell: Cell, width: int, style_align: str, break_before: bool) -> None:
    tc = sub(tr, "tc")
    tcpr = sub(tc, "tcPr")
    sub(tcpr, "tcW", w=width, type="dxa")
    if cell.colspan > 1:
        sub(tcpr, "gridSpan", val=cell.colspan)
    if cell.vmerge is not None:
        sub(tcpr, "vMerge", val=cell.vmerge)
    sub(tcpr, "vAlign", val="center")
    align = ALIGN[cell.align] if cell.align != style_align else ""
    lines = [""] if cell.vmerge == "continue" else cell.text.split("\n")
    for index, line in enumerate(lines):
        p = sub(tc, "p")
        add_ppr(p, names.role_style_id("table"), break_before=break_before and index == 0,
                align=align)
        add_run(p, line, bold=cell.bold)
