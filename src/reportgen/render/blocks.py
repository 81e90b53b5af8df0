"""The document IR: what the narrative stage produces and the docx writer consumes.

Blocks are plain frozen dataclasses so every stage can be tested without python-docx.
Headings carry no numbers: the writer numbers them 一、（一）1.（1）, and numbers tables
表1、表2… in order. ``key`` is a stable identity of generated content (chapter/section/
position) that the writer stores with the paragraph, for later regeneration.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal


class Role(StrEnum):
    """Paragraph roles; the stylesheet gives each one its font, size and layout."""

    BODY = "body"
    TITLE = "title"  # 2号 小标宋 document title, centred
    SUBTITLE = "subtitle"  # line under the title, e.g. （2022年度） or the unit name
    ATTACHMENT = "attachment"  # "附件1" label, top-left, 黑体
    TABLE_TITLE = "table_title"  # centred title above a table
    NOTE = "note"  # small print under a table
    SIGNATURE = "signature"  # right-aligned unit name / date
    ATTACHMENT_NOTE = "attachment_note"  # 附件说明 above the signature, set in the body style


@dataclass(frozen=True)
class Span:
    """A run of text with inline formatting; ``highlight`` marks a 【待补充：…】 placeholder."""

    text: str
    bold: bool = False
    italic: bool = False
    highlight: bool = False


@dataclass(frozen=True)
class Heading:
    """A section heading, level 1–4, written without its number."""

    level: int
    text: str
    key: str = ""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of inline spans in a given role."""

    spans: tuple[Span, ...]
    role: Role = Role.BODY
    key: str = ""

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)

    @classmethod
    def of(cls, text: str, role: Role = Role.BODY, key: str = "") -> Paragraph:
        return cls((Span(text),), role, key)


Align = Literal["left", "center", "right"]
VMerge = Literal["restart", "continue"] | None


LINE_BREAK = "\u2028"  # in Cell.typeset: a line break chosen to fit the column, not part of the text


@dataclass(frozen=True)
class Cell:
    """A table cell. ``colspan`` spans grid columns; ``vmerge`` merges down a column.

    ``typeset``, when set, is ``text`` with :data:`LINE_BREAK` where fitting the column wants a
    line to end; the writer makes them ``w:br`` and readers of drafts drop them again, so the
    text compared by ``update`` and ``check`` is ``text`` whatever the column widths.
    """

    text: str = ""
    colspan: int = 1
    vmerge: VMerge = None
    align: Align = "center"
    bold: bool = False
    typeset: str = ""


@dataclass(frozen=True)
class Row:
    """A table row; header rows repeat on every page; a ``keep`` row stays on the next one's page."""

    cells: tuple[Cell, ...]
    header: bool = False
    keep: bool = False

    @property
    def span(self) -> int:
        return sum(cell.colspan for cell in self.cells)


@dataclass(frozen=True)
class Table:
    """A grid table. ``widths`` are relative column widths, scaled to the type area.

    Report tables have them fitted to their text (:func:`reportgen.render.tables.fit.fit_table`).
    """

    widths: tuple[int, ...]
    rows: tuple[Row, ...]
    title: str = ""
    key: str = ""

    def __post_init__(self) -> None:
        for index, row in enumerate(self.rows):
            if row.span != len(self.widths):
                raise ValueError(f"row {index} spans {row.span} columns, table has {len(self.widths)}")


@dataclass(frozen=True)
class PageBreak:
    """Start a new page."""


@dataclass(frozen=True)
class Picture:
    """A PNG picture on its own centred line, ``width_mm`` wide, with an optional caption."""

    png: bytes
    width_mm: float
    height_mm: float
    title: str = ""
    key: str = ""


Block = Heading | Paragraph | Table | PageBreak | Picture


@dataclass(frozen=True)
class Document:
    """A whole report: metadata and the blocks in reading order."""

    title: str
    blocks: tuple[Block, ...]
    author: str = ""
