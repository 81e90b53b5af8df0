"""What ``update`` does to an edited draft, as operations on keyed blocks.

The writer carries these out on the edited document itself, so everything the editor did
that the plan does not name (formatting, added paragraphs, own comments) stays as it is.
An :data:`Edit` is ``(i1, i2, j1, j2)``: ``old[i1:i2]`` becomes ``new[j1:j2]``.
"""

from __future__ import annotations

from dataclasses import dataclass

Edit = tuple[int, int, int, int]
AUTHOR = "reportgen"
INITIALS = "RG"


@dataclass(frozen=True)
class Keep:
    """Leave the block alone (unchanged data, or the editor's text with nothing to say)."""

    key: str


@dataclass(frozen=True)
class Replace:
    """Untouched paragraph, new text: delete and insert as tracked changes, word by word."""

    key: str
    old: str
    new: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class LineChange:
    """One paragraph of a table cell: ``old`` → ``new`` through ``edits``."""

    column: int
    line: int
    old: str
    new: str
    edits: tuple[Edit, ...]


@dataclass(frozen=True)
class RowChange:
    """A row of a table: changed (``old`` and ``new``), deleted (``old``) or inserted (``new``).

    Row numbers count the draft's rows (``old``) and the new render's (``new``). A changed
    row has the ``lines`` to change, or None when it is replaced whole (other cells). An
    inserted row goes before the draft's row ``before`` (at the end when there is none).
    """

    old: int | None
    new: int | None
    lines: tuple[LineChange, ...] | None = ()
    before: int | None = None


@dataclass(frozen=True)
class ReviseTable:
    """Untouched table, new cells: tracked changes in the cells and rows that changed."""

    key: str
    rows: tuple[RowChange, ...]


@dataclass(frozen=True)
class Delete:
    """Untouched block the new render no longer has: a tracked deletion."""

    key: str


@dataclass(frozen=True)
class Insert:
    """A block new in this render: inserted (tracked) after ``after``, else before ``before``.

    With neither, it goes at the end of the body.
    """

    key: str
    after: str | None = None
    before: str | None = None


@dataclass(frozen=True)
class Annotate:
    """The editor changed this block: keep it and attach a comment ``text`` by reportgen."""

    key: str
    text: str


@dataclass(frozen=True)
class Forget:
    """Keep the block as the editor's own: it is no longer generated (drop its key)."""

    key: str


Operation = Keep | Replace | ReviseTable | Delete | Insert | Annotate | Forget


@dataclass(frozen=True)
class Plan:
    """The operations in draft order, inserts last (each names its anchor)."""

    operations: tuple[Operation, ...]

    def count(self, kind: type) -> int:
        return sum(1 for operation in self.operations if isinstance(operation, kind))
