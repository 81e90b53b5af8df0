"""One table being read: which cells are used, what was put where, what the table gets wrong.

Every reader of a part of a table (money, indicators, goals, …) works through a
:class:`Reading`: it marks the cells it used (a label or a value), puts values at data paths
with the cell they came from, and records findings. What no reader used is listed at the end
as not mapped, so the account covers every non-empty cell.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field
from typing import Any

from reportgen.data.fieldpath import PathKey
from reportgen.data.importing.match import label_core, match
from reportgen.data.importing.result import UNRECOGNISED, Mapped, TableFinding, Unmapped
from reportgen.data.importing.synonyms import BLOCK_LABELS, FIELD_LABELS, STOP_LABELS
from reportgen.data.labels import label_for
from reportgen.support.grid import Cell, Grid

__all__ = ["Anchor", "Reading"]

# Words that start the money block of a table (a label down its left or over it).
MONEY_BLOCKS = ("年度预算申请", "项目资金", "部门总体资金情况", "总体资金情况", "资金情况")


@dataclass(frozen=True)
class Anchor:
    """A row that starts a part of the table: its kind (goals, tasks, indicators, money, stop …) and label cell."""

    row: int
    kind: str
    cell: Cell


@dataclass
class Reading:
    """The state of reading one grid."""

    grid: Grid
    used: set[int] = field(default_factory=set)
    mapped: list[Mapped] = field(default_factory=list)
    locations: dict[PathKey, str] = field(default_factory=dict)
    findings: list[TableFinding] = field(default_factory=list)
    reasons: dict[int, str] = field(default_factory=dict)  # cells left out on purpose, and why
    anchors: list[Anchor] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.anchors = list(self._anchors())
        self._rows = [a.row for a in self.anchors]
        self.goal_keys: set[str] | None = None  # goals already stated (see parts._add_goal)

    # --- cells

    def use(self, *cells: Cell | None) -> None:
        """Mark cells as read (a label or a value)."""
        for cell in cells:
            if cell is not None:
                self.used.add(id(cell))

    def is_used(self, cell: Cell) -> bool:
        """Whether a reader has used the cell."""
        return id(cell) in self.used

    def skip(self, cell: Cell, reason: str) -> None:
        """Leave a cell out on purpose; the account lists it with the reason."""
        if not cell.empty and id(cell) not in self.used:
            self.reasons[id(cell)] = reason

    def place(self, cell: Cell) -> str:
        """Where a cell is."""
        return self.grid.place(cell.row, cell.col)

    def right_of(self, cell: Cell) -> Cell | None:
        """The next cell to the right of a (merged) cell in its first row."""
        return self.grid.at(cell.row, cell.col + cell.cols)

    def below(self, cell: Cell, col: int | None = None) -> Cell | None:
        """The next cell below a (merged) cell, in its first column (or in ``col``)."""
        return self.grid.at(cell.row + cell.rows, cell.col if col is None else col)

    # --- values

    def put(self, data: dict[str, Any], path: PathKey, value: Any, cell: Cell, shown: str | None = None) -> None:
        """Set ``data`` at ``path`` from ``cell`` (see :meth:`put_at`) and mark the cell used."""
        self.use(cell)
        self.put_at(data, path, value, self.place(cell), cell.text if shown is None else shown)
        if len(path) > 2 and isinstance(path[1], int):  # a list item (an indicator, a project): its row
            self.locations.setdefault(path[:2], self.grid.row_place(cell.row))

    def put_at(self, data: dict[str, Any], path: PathKey, value: Any, where: str, shown: str) -> None:
        """Set ``data`` at ``path`` (maps and list items made on the way), noting where it came from."""
        target: Any = data
        for step, following in itertools.pairwise(path):
            if isinstance(step, int):
                while len(target) <= step:
                    target.append({})
                target = target[step]
            else:
                if target.get(step) is None:
                    target[step] = [] if isinstance(following, int) else {}
                target = target[step]
        last = path[-1]
        if isinstance(last, int):
            while len(target) <= last:
                target.append(None)
        target[last] = value
        self.locations[path] = where
        self.mapped.append(Mapped(path, label_for(path), " ".join(shown.split()), where))

    def finding(self, rule: str, cell: Cell | None, message: str) -> None:
        """Record an inconsistency the table itself prints."""
        self.finding_at(rule, self.place(cell) if cell is not None else self.grid.name, message)

    def finding_at(self, rule: str, where: str, message: str) -> None:
        """Record an inconsistency at a place already written out."""
        self.findings.append(TableFinding(rule, where, message))

    # --- the account

    def filled(self) -> int:
        """How many cells hold text (a merged area once)."""
        return len({id(cell) for row in self.grid.cells for cell in row if not cell.empty})

    def unmapped(self) -> list[Unmapped]:
        """Every non-empty cell no reader used, in reading order."""
        found: list[Unmapped] = []
        seen: set[int] = set()
        for row in self.grid.cells:
            for cell in row:
                if cell.empty or id(cell) in self.used or id(cell) in seen:
                    continue
                seen.add(id(cell))
                reason = self.reasons.get(id(cell), UNRECOGNISED)
                found.append(Unmapped(self.place(cell), _short(cell.text), reason))
        return found

    # --- the parts of the table

    def _anchors(self) -> list[Anchor]:
        found: list[Anchor] = []
        for r in range(self.grid.height):
            first = next((c for c in self.grid.row_cells(r) if not c.empty), None)
            if first is None or first.row != r or first.col > 1:
                continue
            kind = anchor_kind(first.text)
            if kind is not None:
                found.append(Anchor(r, kind, first))
        return found

    def block_rows(self, anchor: Anchor) -> range:
        """The rows of the part an anchor starts: those its label spans, or up to the next anchor
        (money rows labelled one under another being one block)."""
        if anchor.cell.rows > 1:
            return range(anchor.row, anchor.row + anchor.cell.rows)
        index = bisect.bisect_right(self._rows, anchor.row)
        while index < len(self.anchors) and anchor.kind == self.anchors[index].kind == "money":
            index += 1
        return range(anchor.row, self.anchors[index].row if index < len(self.anchors) else self.grid.height)

    def anchor_above(self, row: int) -> Anchor | None:
        """The last anchor at or above ``row``."""
        index = bisect.bisect_right(self._rows, row)
        return self.anchors[index - 1] if index else None

    def anchor_from(self, row: int) -> Anchor | None:
        """The first anchor at or below ``row``."""
        index = bisect.bisect_left(self._rows, row)
        return self.anchors[index] if index < len(self.anchors) else None


def anchor_kind(text: str) -> str | None:
    """What part of a table a row's first cell starts, if any."""
    core = label_core(text)
    if any(core.startswith(word) for word in MONEY_BLOCKS):
        return "money"
    found = match(text, BLOCK_LABELS)
    if found is not None and found[0] != "summary_total":
        return found[0]
    functions = match(text, {"functions": FIELD_LABELS["functions"]})
    if functions is not None:
        return "functions"
    stop = match(text, STOP_LABELS)
    if stop is not None:
        return "stop"
    return None


def _short(text: str) -> str:
    one = " ".join(text.split())
    return one if len(one) <= 60 else one[:58] + "……"
