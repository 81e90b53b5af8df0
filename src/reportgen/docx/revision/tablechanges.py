"""Tracked changes in a table the editor left alone: changed cells, rows in and out.

The plan aligns the draft's rows with the new render's (``revise.merge``). A changed row
keeps its cells and gets word-level changes in the cell paragraphs that differ, provided
its cells span and merge as the new row's do; otherwise the old row is deleted and the new
row inserted after it. New rows are copied from the new render, with its widths and
merges. Rows are marked in ``w:trPr``, so accepting all changes leaves exactly the new
table and rejecting all the old one, in one table that keeps its key.
"""

from __future__ import annotations

from reportgen.docx.draft.change_views import groups, row_gone
from reportgen.docx.revision.textchanges import can_replace, replace_text
from reportgen.docx.revision.tracked import Revisions, delete_block, inserted_copy
from reportgen.ooxml.elements import Element, w
from reportgen.revise.plan import RowChange


def same_grid(tbl: Element, other: Element) -> bool:
    """Whether two tables have as many grid columns, so rows of one fit the other."""
    path = f"{w('tblGrid')}/{w('gridCol')}"
    return len(tbl.findall(path)) == len(other.findall(path))


def revise_rows(tbl: Element, fresh: Element, changes: tuple[RowChange, ...], revisions: Revisions) -> None:
    """Carry out ``changes`` on ``tbl``, taking new rows from ``fresh`` (same grid)."""
    rows = [tr for tr in tbl.iterfind(w("tr")) if not row_gone(tr)]
    new_rows = list(fresh.iterfind(w("tr")))
    for change in changes:
        if change.old is not None and change.new is None:
            delete_block(rows[change.old], revisions)
        elif change.old is None and change.new is not None:
            row = inserted_copy(new_rows[change.new], revisions, keep_keys=False)
            if change.before is not None:
                rows[change.before].addprevious(row)
            else:
                tbl.append(row)  # after every row, including those just inserted
        elif change.old is not None and change.new is not None:
            old, new = rows[change.old], new_rows[change.new]
            if not _change_cells(old, new, change, revisions):
                old.addnext(inserted_copy(new, revisions, keep_keys=False))
                delete_block(old, revisions)


def _change_cells(row: Element, new_row: Element, change: RowChange, revisions: Revisions) -> bool:
    """Tracked changes in the cells of ``row``; False (nothing done) if the row must go whole."""
    if change.lines is None or _shape(row) != _shape(new_row):
        return False
    cells = list(row.iterfind(w("tc")))
    targets = [groups(list(cells[line.column].iterfind(w("p"))))[line.line] for line in change.lines]
    if not all(
        len(group) == 1 and can_replace(group[0], line.old, revisions.author)
        for group, line in zip(targets, change.lines, strict=True)
    ):
        return False
    for group, line in zip(targets, change.lines, strict=True):
        replace_text(group[0], line.old, line.new, line.edits, (), revisions)
    return True


def _shape(row: Element) -> list[tuple[str, str]]:
    """The column spans and vertical merges of a row's cells."""
    shape = []
    for tc in row.iterfind(w("tc")):
        span, merge = tc.find(f"{w('tcPr')}/{w('gridSpan')}"), tc.find(f"{w('tcPr')}/{w('vMerge')}")
        shape.append(
            ("1" if span is None else span.get(w("val"), "1"), "" if merge is None else merge.get(w("val"), "continue"))
        )
    return shape
