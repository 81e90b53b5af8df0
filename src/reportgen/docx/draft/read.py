"""An edited draft read back: its keyed blocks as they read now, and its baseline.

Body paragraphs and tables are read in order (inside content controls too), in the
"accepted" view (``change_views``). A block's key comes from the first ``_RG`` bookmark in it that
the baseline names; a paragraph key only keys a paragraph and a table key only a table, and
a key seen a second time (a copied paragraph) keys nothing. A bookmark standing between
blocks belongs to the next block. Blocks without a key are the editor's own.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

from reportgen.docx.baseline import find_baseline
from reportgen.docx.draft.change_views import groups, highlighted, rows_there
from reportgen.docx.revision.comments import read_comments
from reportgen.ooxml.elements import Element, id_number, read_part, required, w
from reportgen.ooxml.package import Members, read_members
from reportgen.ooxml.parts import DOCUMENT
from reportgen.ooxml.text import View, paragraph_text, plain_text, untracked
from reportgen.revise.model import Baseline, Cells, DraftBlock, DraftComment, cells_text
from reportgen.support.archive import ArchiveError

_CONTAINERS = (w("sdt"), w("sdtContent"), w("customXml"), w("smartTag"))
_COMMENT_TAGS = (w("commentRangeStart"), w("commentReference"))


def read_draft(data: bytes, view: View = "accepted") -> Draft:
    """The draft in ``data``; ValueError (with a Chinese message) if it is not a Word document.

    The package is read within the bounds of :mod:`reportgen.support.limits`, and every part
    used (document, baseline, comments) is parsed here, so a damaged part is found before any work.
    """
    try:
        return Draft(data, view)
    except ArchiveError as exc:
        raise ValueError(f"不是有效的 Word 文档（.docx）：{exc.message}") from None
    except RecursionError:
        raise ValueError("不是有效的 Word 文档（.docx）：正文的嵌套层数过多，文件可能已损坏。") from None


def read_rendered(data: bytes) -> Draft:
    """A report reportgen has just rendered (``data``, never a user's file), read for what an
    update copies from it: its blocks' keys and elements (:meth:`Draft.marks` gives a block's
    highlighted text on request).

    Its parts were just written, so they are not checked again, and its blocks' texts are not
    read (a paragraph's ``text`` is empty, a table's ``cells`` too, and ``marks`` are not
    filled in): an update takes the new texts from the render's baseline.
    """
    return Draft(data, texts=False)


class Draft:
    """A .docx written by reportgen, perhaps edited since: blocks, elements and baseline.

    With ``texts`` False (:func:`read_rendered`), blocks are keyed and placed but their texts
    are left empty and the parts besides the document are not parsed.
    """

    def __init__(self, data: bytes, view: View = "accepted", *, texts: bool = True) -> None:
        self.texts = texts
        self.members: Members = read_members(data)
        parts = dict(self.members)
        found = find_baseline(self.members)
        self.baseline_part = found[0] if found else ""
        self.baseline: Baseline | None = found[1] if found else None
        self._names = found[2] if found else {}
        self._tables = {b.key for b in self.baseline.blocks if b.cells is not None} if self.baseline else set()
        if DOCUMENT not in parts:
            raise ArchiveError(f"缺少正文部件“{DOCUMENT}”：请用 Word 或 WPS 打开并另存为 .docx 后再试。")
        self.root: Element = read_part(DOCUMENT, parts[DOCUMENT])
        checked = self.members if texts else ()  # a render's parts were just written
        for name, blob in checked:  # parts carried into an update's output unchanged must be sound too
            if name != DOCUMENT and name.endswith((".xml", ".rels")):
                read_part(name, blob)
        if self.root.find(w("body")) is None:
            raise ArchiveError(
                f"正文部件“{DOCUMENT}”中没有正文（w:body）：请用 Word 或 WPS 打开并另存为 .docx 后再试。"
            )
        self.comments: list[DraftComment] = read_comments(self.members)
        self.view = view
        self.blocks: list[DraftBlock] = []
        self.block_elements: list[list[Element]] = []  # per block: its paragraphs, or its table
        self.elements: dict[str, list[Element]] = {}  # key → its paragraphs, or its table
        self._seen: set[str] = set()
        body = required(self.root, w("body"))
        self._untracked = texts and untracked(body)  # as read: no tracked change, every paragraph as it is
        self._read(list(_flatten(body)))

    def _read(self, items: list[Element]) -> None:
        pending: list[Element] = []  # paragraphs and loose bookmarks before the next table
        for item in [*items, None]:
            if item is not None and item.tag != w("tbl"):
                pending.append(item)
                continue
            self._paragraphs(pending)
            pending = []
            if item is not None:
                self._table(item)

    def _paragraphs(self, items: list[Element]) -> None:
        loose: list[str] = []
        paragraphs = []
        for item in items:
            if item.tag == w("bookmarkStart"):
                loose.append(item.get(w("name"), ""))
            elif item.tag == w("p"):
                paragraphs.append((item, loose))
                loose = []
        before = {id(p): names for p, names in paragraphs}
        found = [p for p, _ in paragraphs]
        read = plain_text if self._untracked else paragraph_text
        for group in [[p] for p in found] if self._untracked else groups(found, self.view):
            names = (n for p in group for n in itertools.chain(before[id(p)], _bookmarks(p)))
            key = self._claim(names, table=False)
            text = "".join(read(p, self.view) for p in group) if self.texts else ""
            marks = self.marks(group) if self.texts else ()
            self._add(DraftBlock(key, text, None, marks, _comments(group)), group)

    def _table(self, tbl: Element) -> None:
        rows = self.rows(tbl)
        if not rows:
            return
        cells = self._cells(tbl, rows) if self.texts else ()
        key = self._claim(_bookmarks(tbl), table=True)
        self._add(DraftBlock(key, cells_text(cells), cells, (), _comments([tbl])), [tbl])

    def _cells(self, tbl: Element, rows: list[Element]) -> Cells:
        cell_text = self._plain_cell_text if self._untracked or untracked(tbl) else self.cell_text
        return tuple(tuple(cell_text(tc) for tc in tr.iterfind(w("tc"))) for tr in rows)

    def marks(self, group: list[Element]) -> tuple[tuple[int, int], ...]:
        """The highlighted text of a block of paragraphs ``group`` (of one paragraph only)."""
        return highlighted(group[0], self.view) if len(group) == 1 else ()

    def cell_text(self, tc: Element) -> str:
        """A cell's paragraphs, one a line; a line break inside a paragraph is dropped (the writer
        puts them where a column is narrow, and only there: ``Cell.typeset``)."""
        return "\n".join(
            "".join(paragraph_text(p, self.view).replace("\n", "") for p in group) for group in self.cell_groups(tc)
        )

    def _plain_cell_text(self, tc: Element) -> str:
        """:meth:`cell_text` of a cell in an untracked table (each paragraph is there as it is)."""
        return "\n".join(plain_text(p, self.view).replace("\n", "") for p in tc.iterfind(w("p")))

    def cell_groups(self, tc: Element) -> list[list[Element]]:
        return groups(list(tc.iterfind(w("p"))), self.view)

    def rows(self, tbl: Element) -> list[Element]:
        return rows_there(tbl, self.view)

    def _claim(self, names: Iterable[str], *, table: bool) -> str | None:
        """The key of the first of ``names`` that keys this kind of block; ``names`` are taken one
        by one (a table's come from its first cell on), so the rest of a table is not searched."""
        for name in names:
            key = self._names.get(name)
            if key is not None and key not in self._seen and (key in self._tables) == table:
                self._seen.add(key)
                return key
        return None

    def _add(self, block: DraftBlock, elements: list[Element]) -> None:
        self.blocks.append(block)
        self.block_elements.append(elements)
        if block.key is not None:
            self.elements[block.key] = elements


def _flatten(container: Element) -> list[Element]:
    """Body-level paragraphs, tables and loose bookmarks, looking inside content controls."""
    found: list[Element] = []
    for child in container:
        if child.tag in _CONTAINERS:
            found.extend(_flatten(child))
        elif child.tag in (w("p"), w("tbl"), w("bookmarkStart")):
            found.append(child)
    return found


def _bookmarks(element: Element) -> Iterator[str]:
    return (b.get(w("name"), "") for b in element.iter(w("bookmarkStart")))


def _comments(elements: list[Element]) -> tuple[int, ...]:
    ids = {c.get(w("id"), "") for e in elements for c in e.iter(*_COMMENT_TAGS)}
    return tuple(sorted(n for n in map(id_number, ids) if n is not None))
