"""The tables of a Word document a user gives us, as grids: ``.docx`` → :class:`TableDocument`.

The body is read in order, inside content controls and custom XML too, in the "accepted"
view of its tracked changes (:mod:`reportgen.ooxml.text`): inserted text counts, deleted text
and deleted rows do not, and a paragraph whose mark is deleted joins the next one, as in Word.

Every top-level table is one :class:`~reportgen.support.grid.Grid` named "第N个表格". A cell's
columns come from ``w:gridSpan`` (and legacy ``w:hMerge``), its rows from ``w:vMerge``; the
empty places ``w:gridBefore``/``w:gridAfter`` leave are empty cells. A table nested in a cell
gives its text to that cell, a line per paragraph. A table's caption is the text just above
it (its title, 填报单位, 金额单位 lines); the non-empty paragraphs outside tables are kept as
the document's text. (The accepted view of deleted paragraph marks and rows is the one of
:mod:`reportgen.docx.draft.change_views`, which this layer cannot import.)

Bounds: the package is read by :func:`reportgen.support.archive.read_members`, the part by
:func:`reportgen.ooxml.elements.read_part`; a table may hold at most ``limits.MAX_CELLS``
positions (rows × columns), and so may all tables together. Every refusal is a
:class:`ValueError` with a Chinese message saying what is wrong and what to do.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from reportgen.ooxml.elements import Element, child_val, read_part, w
from reportgen.ooxml.parts import DOCUMENT, related_part
from reportgen.ooxml.text import paragraph_text
from reportgen.support import limits
from reportgen.support.archive import ArchiveError, read_members
from reportgen.support.grid import Grid, Merge, TableDocument, build_grid, cell_text

__all__ = ["CAPTION_LINES", "read_tables"]

CAPTION_LINES = 4  # non-empty paragraphs above a table kept as its caption
_CONTAINERS = (w("sdt"), w("sdtContent"), w("customXml"), w("smartTag"))
_GONE = (w("del"), w("moveFrom"))  # in the accepted view
_NOT_DOCX = "不是有效的 Word 文档（.docx）"


def read_tables(data: bytes, file: str) -> TableDocument:
    """Every top-level table of the Word document in ``data`` (named ``file``) and its text.

    ValueError, with a Chinese message, when the package is damaged or beyond the bounds.
    """
    try:
        return _Reader(file).read(_body(data))
    except ArchiveError as exc:
        raise ValueError(f"{_NOT_DOCX}：{exc.message}") from None
    except RecursionError:
        raise ValueError(
            f"{_NOT_DOCX}：正文的嵌套层数过多，文件可能已损坏。请用 Word 或 WPS 打开并另存后再试。"
        ) from None


def _body(data: bytes) -> Element:
    """The ``w:body`` of the package's main part (found through its relationships)."""
    parts = dict(read_members(data))
    name = DOCUMENT
    if (rels := parts.get("_rels/.rels")) is not None:
        read_part("_rels/.rels", rels)  # broken XML is named here, not met later
        name = related_part(rels, "", "officeDocument") or DOCUMENT
    if name not in parts:
        raise ArchiveError(f"缺少正文部件“{name}”：请用 Word 或 WPS 打开并另存为 .docx 后再试。")
    body = read_part(name, parts[name]).find(w("body"))
    if body is None:
        raise ArchiveError(f"正文部件“{name}”中没有正文（w:body）：请用 Word 或 WPS 打开并另存为 .docx 后再试。")
    return body


@dataclass
class _Area:
    """A cell being read, perhaps merged: its rows and columns (0-based, inclusive) and text lines."""

    top: int
    left: int
    bottom: int
    right: int
    lines: list[str] = field(default_factory=list)


class _Reader:
    """Reads one body, keeping count of the positions of all its tables."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.positions = 0

    def read(self, body: Element) -> TableDocument:
        grids: list[Grid] = []
        paragraphs: list[str] = []
        above: list[str] = []  # non-empty paragraphs since the last table
        pending: list[Element] = []
        for item in [*_blocks(body), None]:
            if item is not None and item.tag == w("p"):
                pending.append(item)
                continue
            texts = [text for text in map(cell_text, _texts(pending)) if text]
            paragraphs += texts
            above += texts
            pending = []
            if item is None:
                break
            grid = self._grid(item, f"第{len(grids) + 1}个表格", tuple(above[-CAPTION_LINES:]))
            if grid is not None:
                grids.append(grid)
                above = []
        return TableDocument(self.file, tuple(grids), tuple(paragraphs))

    def _grid(self, tbl: Element, name: str, caption: tuple[str, ...]) -> Grid | None:
        """The grid of a top-level table; None when none of its rows is left (all deleted)."""
        areas: list[_Area] = []
        lengths: list[int] = []  # each row's number of columns
        width = 0
        previous: dict[int, _Area] = {}  # the areas reaching the row above, by first column
        for row, tr in enumerate(_rows(tbl)):
            trpr = tr.find(w("trPr"))
            col = _count(trpr, "gridBefore", name)
            current: dict[int, _Area] = {}
            last: _Area | None = None
            for tc in _cells(tr):
                tcpr = tc.find(w("tcPr"))
                right = col + max(_count(tcpr, "gridSpan", name), 1) - 1
                width = self._bounded(name, row + 1, max(width, right + 1))  # before anything is built
                lines = _cell_lines(tc)
                above = previous.get(col)
                if _continues(tcpr, "hMerge") and last is not None and last.top == last.bottom == row:
                    last.right = right
                    last.lines += lines
                elif _continues(tcpr, "vMerge") and above is not None and above.right == right:
                    above.bottom = row
                    above.lines += lines
                    current[col] = last = above
                else:
                    last = current[col] = _Area(row, col, row, right, lines)
                    areas.append(last)
                col = right + 1
            col += _count(trpr, "gridAfter", name)
            width = self._bounded(name, row + 1, max(width, col))
            lengths.append(col)
            previous = current
        if not lengths:
            return None
        self.positions += len(lengths) * width
        texts = [[""] * length for length in lengths]
        for area in areas:
            texts[area.top][area.left] = "\n".join(area.lines)
        merges: list[Merge] = [
            (a.top, a.left, a.bottom, a.right) for a in areas if a.bottom > a.top or a.right > a.left
        ]
        return build_grid(name, texts, merges, caption=caption)

    def _bounded(self, name: str, height: int, width: int) -> int:
        """``width``, once a table of ``height`` rows and ``width`` columns is found within the bounds."""
        size = height * width
        if size > limits.MAX_CELLS:
            raise ValueError(
                f"{name}超过 {limits.MAX_CELLS} 个单元格位置（已有 {height} 行、{width} 列）："
                "表格可能已损坏或合并设置有误，请在 Word 或 WPS 中检查该表格并另存后再试。"
            )
        if self.positions + size > limits.MAX_CELLS:
            raise ValueError(
                f"文件中的表格共超过 {limits.MAX_CELLS} 个单元格位置（读到{name}时）："
                "请把文件拆成几个较小的文件，分别导入。"
            )
        return width


def _blocks(container: Element) -> Iterator[Element]:
    """The paragraphs and tables of a body or cell, in order, inside content controls too."""
    for child in container:
        if child.tag in _CONTAINERS:
            yield from _blocks(child)
        elif child.tag in (w("p"), w("tbl")):
            yield child


def _children(container: Element, tag: str) -> Iterator[Element]:
    """The ``tag`` children of a table or row, inside content controls too."""
    for child in container:
        if child.tag in _CONTAINERS:
            yield from _children(child, tag)
        elif child.tag == tag:
            yield child


def _rows(tbl: Element) -> Iterator[Element]:
    """The rows of a table that are left once its tracked changes are accepted."""
    for tr in _children(tbl, w("tr")):
        trpr = tr.find(w("trPr"))
        if trpr is None or not any(trpr.find(tag) is not None for tag in _GONE):
            yield tr


def _cells(tr: Element) -> Iterator[Element]:
    """The cells of a row, but those deleted as tracked changes."""
    for tc in _children(tr, w("tc")):
        tcpr = tc.find(w("tcPr"))
        if tcpr is None or tcpr.find(w("cellDel")) is None:
            yield tc


def _cell_lines(tc: Element) -> list[str]:
    """A cell's text, a line per paragraph; a nested table's cells give their lines in order."""
    lines: list[str] = []
    pending: list[Element] = []
    for item in [*_blocks(tc), None]:
        if item is not None and item.tag == w("p"):
            pending.append(item)
            continue
        lines += _texts(pending)
        pending = []
        if item is not None:
            lines += [line for tr in _rows(item) for inner in _cells(tr) for line in _cell_lines(inner)]
    return lines


def _texts(paragraphs: list[Element]) -> list[str]:
    """The paragraphs' texts as a reader sees them: one whose mark is deleted joins the next."""
    texts: list[str] = []
    carry = ""
    for p in paragraphs:
        text = paragraph_text(p)
        if _mark_gone(p):
            carry += text
            continue
        texts.append(carry + text)
        carry = ""
    if carry:
        texts.append(carry)
    return texts


def _mark_gone(p: Element) -> bool:
    rpr = p.find(f"{w('pPr')}/{w('rPr')}")
    return rpr is not None and any(rpr.find(tag) is not None for tag in _GONE)


def _continues(tcpr: Element | None, tag: str) -> bool:
    """Whether the cell continues a merge (``w:vMerge``/``w:hMerge`` other than "restart")."""
    return tcpr is not None and (merge := tcpr.find(w(tag))) is not None and merge.get(w("val")) != "restart"


def _count(properties: Element | None, tag: str, name: str) -> int:
    """A count such as ``w:gridSpan w:val="3"`` (0 when absent or not a number)."""
    value = child_val(properties, tag) if properties is not None else None
    if value is None or not (value.isascii() and value.isdigit()):
        return 0
    if len(value) > 9:
        raise ValueError(
            f"{name}中的合并或空位设置（{tag}={value}）超出了可处理的范围：表格可能已损坏，"
            "请在 Word 或 WPS 中检查该表格并另存后再试。"
        )
    return int(value)
