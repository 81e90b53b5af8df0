"""Drafts and renders as keyed blocks of text: the values ``merge`` and ``check`` work on.

A *generated* block is one the writer wrote with a key: a paragraph or heading (its text as
a reader sees it) or a table (its cell texts). The *baseline* stored in a .docx is the list
of generated blocks at the time it was written, with the data's fingerprint. A *draft
block* is what an edited document holds now, in the "all changes accepted" view: its key,
or None when the editor added it.
"""

from __future__ import annotations

from dataclasses import dataclass

Cells = tuple[tuple[str, ...], ...]
_CELL, _ROW = "\x1f", "\x1e"  # cannot occur in document text (XML 1.0 forbids them)


def cells_text(cells: Cells) -> str:
    """One string for a table's cells, so tables compare like paragraphs."""
    return _ROW.join(_CELL.join(row) for row in cells)


@dataclass(frozen=True)
class Generated:
    """A block as the writer wrote it: a paragraph's text, or a table's cells."""

    key: str
    text: str
    cells: Cells | None = None

    @classmethod
    def table(cls, key: str, cells: Cells) -> Generated:
        return cls(key, cells_text(cells), cells)


@dataclass(frozen=True)
class Origin:
    """Where a render came from: the data's fingerprint and the options it was made with."""

    data: str = ""
    template: str = ""
    style: str = ""


@dataclass(frozen=True)
class Subject:
    """Whose report a render is: the unit's full name, the year and the kind (department or
    project). Empty in drafts made before reportgen recorded it."""

    unit: str = ""
    year: int | None = None
    kind: str = ""

    @property
    def known(self) -> bool:
        return bool(self.unit) and self.year is not None and bool(self.kind)


@dataclass(frozen=True)
class Baseline:
    """What a .docx was generated with: its keyed blocks in order, origin, version and subject."""

    blocks: tuple[Generated, ...]
    origin: Origin = Origin()
    version: str = ""
    subject: Subject = Subject()

    def by_key(self) -> dict[str, Generated]:
        return {block.key: block for block in self.blocks}


@dataclass(frozen=True)
class DraftBlock:
    """A body paragraph or table of a draft as it reads now (all changes accepted).

    ``marks`` are the (start, end) offsets of highlighted text; ``comments`` the ids of
    the comments anchored in the block.
    """

    key: str | None
    text: str
    cells: Cells | None = None
    marks: tuple[tuple[int, int], ...] = ()
    comments: tuple[int, ...] = ()

    @property
    def is_table(self) -> bool:
        return self.cells is not None


@dataclass(frozen=True)
class DraftComment:
    """A comment of the draft; ``done`` when marked resolved (Word's commentsExtended)."""

    id: int
    author: str
    text: str
    done: bool = False
