"""Three-way merge of a draft: what was generated, what the editor has now, what is new.

Blocks are matched by key only, never by position or by similar text. For each keyed block
of the edited draft (tables like paragraphs, comparing all their cells):

====================  ========================  =======================================
editor's text         new render                result
====================  ========================  =======================================
as generated          same as before            kept
as generated          different                 tracked change old → new (``Replace``)
as generated          gone                      tracked deletion (``Delete``)
changed               same as before, or equal  kept
                      to the editor's text
changed               different                 kept, with a comment giving the new text
changed               gone                      kept as the editor's own, with a comment
====================  ========================  =======================================

A table's rows are aligned like lines in a text diff: changed cells become tracked changes,
rows the new render adds or drops become tracked row insertions and deletions.

Blocks without a key (the editor's) are kept where they are. Keys of the baseline missing
from the draft were deleted by the editor and stay deleted. Keys new in this render are
inserted after the nearest block before them (in the new order) that the draft has, or
before the nearest one after them.

Where it can go wrong: a key names a *slot* in a template, so the merge is only as good as
the keys. When a template keys paragraphs by position (``…/h1.2/3``) and the data adds an
item in the middle, the slots after it shift: an untouched paragraph gets another item's
text as a tracked change (still correct after accepting all), and an edited one gets a
comment with another item's text. Explicit keys per item (``indicator:名称``) avoid this. A
paragraph whose bookmark the editor deleted (for example by retyping it whole) reads as
the editor's own, so its key counts as deleted: it is kept and not regenerated. Nothing
here ever removes an editor's text: only blocks that read exactly as generated change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher

from reportgen.revise.comment_texts import changed_paragraph, changed_table, removed
from reportgen.revise.diff import edits
from reportgen.revise.location import Grid
from reportgen.revise.model import Baseline, Cells, DraftBlock, Generated
from reportgen.revise.plan import (
    Annotate,
    Delete,
    Forget,
    Insert,
    Keep,
    LineChange,
    Operation,
    Plan,
    Replace,
    ReviseTable,
    RowChange,
)

_FIGURE = re.compile(r"\d[\d,.]*%?")


def merge(
    baseline: Baseline, draft: Sequence[DraftBlock], fresh: Baseline, grids: Mapping[str, Grid] | None = None
) -> Plan:
    """The plan that brings ``draft`` (generated as ``baseline``) up to the ``fresh`` render.

    ``grids`` gives the fresh render's tables' cells' grid columns by key, so that a comment on
    an edited table names the columns of rows with merged cells too.
    """
    old, new = baseline.by_key(), fresh.by_key()
    operations: list[Operation] = []
    present: set[str] = set()
    for block in draft:
        if block.key is None or block.key not in old:
            continue
        present.add(block.key)
        now = new.get(block.key)
        if now is not None and (now.cells is None) != (block.cells is None):
            now = None  # a key reused for another kind of block: treat as gone
        operations.extend(_block(block, old[block.key], now, (grids or {}).get(block.key)))
    operations.extend(_inserts(fresh, set(old), present))
    return Plan(tuple(operations))


def _block(block: DraftBlock, was: Generated, now: Generated | None, grid: Grid | None) -> list[Operation]:
    key = block.key
    assert key is not None
    touched = block.text != was.text
    if now is None:
        return [Annotate(key, removed(block.is_table)), Forget(key)] if touched else [Delete(key)]
    if now.text in (was.text, block.text):
        return [Keep(key)]
    if touched:
        if was.cells is None or now.cells is None:
            return [Annotate(key, changed_paragraph(was.text, now.text))]
        return [Annotate(key, changed_table(was.cells, now.cells, _rows(was.cells, now.cells), grid))]
    if was.cells is None or now.cells is None:
        return [Replace(key, was.text, now.text, edits(was.text, now.text))]
    return [_table(key, was.cells, now.cells)]


def _table(key: str, old: Cells, new: Cells) -> ReviseTable:
    """Rows aligned as in a text diff: equal rows stay; others change cell by cell, or go and come."""
    return ReviseTable(key, tuple(_rows(old, new)))


def _rows(old: Cells, new: Cells) -> list[RowChange]:
    """Equal rows stay. Within a run of changed rows, rows are paired by what they are (their
    text without figures: the indicator's name, its target's words), so a row added among rows
    whose scores all changed is inserted, not written over the next one; rows left unpaired go
    or come."""
    rows: list[RowChange] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace":
            rows += _changed_rows(old, new, i1, i2, j1, j2)
            continue
        rows += [RowChange(i, None) for i in range(i1, i2)]
        rows += [RowChange(None, j, before=i2 if i2 < len(old) else None) for j in range(j1, j2)]
    return rows


def _changed_rows(old: Cells, new: Cells, i1: int, i2: int, j1: int, j2: int) -> list[RowChange]:
    rows: list[RowChange] = []
    identities = SequenceMatcher(
        None, [_identity(r) for r in old[i1:i2]], [_identity(r) for r in new[j1:j2]], autojunk=False
    )
    for tag, a1, a2, b1, b2 in identities.get_opcodes():
        a1, a2, b1, b2 = a1 + i1, a2 + i1, b1 + j1, b2 + j1
        pairs = min(a2 - a1, b2 - b1) if tag in ("equal", "replace") else 0
        rows += [RowChange(a1 + k, b1 + k, _lines(old[a1 + k], new[b1 + k])) for k in range(pairs)]
        rows += [RowChange(i, None) for i in range(a1 + pairs, a2)]
        rows += [RowChange(None, j, before=a2 if a2 < len(old) else None) for j in range(b1 + pairs, b2)]
    return rows


def _identity(row: tuple[str, ...]) -> tuple[str, ...]:
    """A row without its figures: what stays when only the data's numbers change."""
    return tuple(_FIGURE.sub("#", cell) for cell in row)


def _lines(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[LineChange, ...] | None:
    """The cell paragraphs to change in a row, or None if the row must be replaced whole."""
    if len(old) != len(new):
        return None
    lines: list[LineChange] = []
    for c, (before, after) in enumerate(zip(old, new, strict=True)):
        old_lines, new_lines = before.split("\n"), after.split("\n")
        if len(old_lines) != len(new_lines):
            return None
        lines += [
            LineChange(c, i, a, b, edits(a, b))
            for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True))
            if a != b
        ]
    return tuple(lines)


def _inserts(fresh: Baseline, old: set[str], present: set[str]) -> list[Operation]:
    order = [block.key for block in fresh.blocks]
    operations: list[Operation] = []
    anchor: str | None = None
    for index, key in enumerate(order):
        if key in present:
            anchor = key
        elif key not in old:  # new in this render (keys the editor deleted stay deleted)
            before = None if anchor else next((k for k in order[index + 1 :] if k in present), None)
            operations.append(Insert(key, anchor, before))
            anchor = key
    return operations
