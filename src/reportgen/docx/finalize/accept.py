"""Accept tracked changes in a part's XML, as Word's "accept" does, for chosen authors.

A change mark is one of (ECMA-376 §17.13.5):

- content: ``w:ins`` / ``w:moveTo`` around runs (kept, unwrapped) and ``w:del`` /
  ``w:moveFrom`` (removed with what they hold), and the move ranges' start and end marks;
- a paragraph mark (``w:pPr/w:rPr/w:ins|del|moveTo|moveFrom``): an inserted mark stays, a
  deleted one joins the paragraph to the next one (its text goes to the front of the next
  paragraph, which keeps its own properties — as :func:`reportgen.docx.draft.change_views.groups`
  reads it), or removes it when nothing of it is left;
- a table row (``w:trPr/w:ins|del``: a deleted row goes, and a table without rows with it),
  a cell (``w:cellIns`` / ``w:cellDel`` / ``w:cellMerge``), a list number (``w:numPr/w:ins``);
- a formatting change (``w:rPrChange``, ``w:pPrChange`` …): the new formatting is kept, the
  record of the old one goes.

Marks are told apart by their ``w:author``. Only marks of the chosen authors are touched, so
another author's pending change stays exactly as it was.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from reportgen.ooxml.elements import Element, detach, parent_of, w

Chooser = Callable[[str], bool]  # whether the changes of this author are accepted

_KEPT = (w("ins"), w("moveTo"))
_GONE = (w("del"), w("moveFrom"))
_RANGES = tuple(w(t) for t in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd"))
_CELLS = (w("cellIns"), w("cellDel"), w("cellMerge"))
_PROPERTIES = tuple(
    w(t)
    for t in (
        "rPrChange",
        "pPrChange",
        "sectPrChange",
        "tblPrChange",
        "tblPrExChange",
        "tblGridChange",
        "trPrChange",
        "tcPrChange",
        "numberingChange",
    )
)
MARKS = (*_KEPT, *_GONE, *_CELLS, *_PROPERTIES)
_MARKUP = tuple(  # what a paragraph may hold that is no content: range marks and proofing marks
    w(t)
    for t in (
        "bookmarkStart",
        "bookmarkEnd",
        "commentRangeStart",
        "commentRangeEnd",
        "proofErr",
        "permStart",
        "permEnd",
    )
)


def author_of(mark: Element) -> str:
    return mark.get(w("author"), "")


def pending_marks(root: Element) -> list[Element]:
    """Every change mark under ``root`` (move ranges aside), in document order."""
    return list(root.iter(*MARKS))


def pending_authors(root: Element) -> Counter[str]:
    """How many changes each author has pending under ``root``.

    A paragraph inserted or deleted as a whole carries a mark on its text and one on its
    paragraph mark: that counts as one change.
    """
    counts: Counter[str] = Counter()
    for mark in pending_marks(root):
        if _is_paragraph_mark(mark) and _has_content_mark(mark, author_of(mark)):
            continue
        counts[author_of(mark)] += 1
    return counts


def accept(root: Element, chosen: Chooser) -> int:
    """Accept the changes under ``root`` of every author ``chosen`` says yes to; how many.

    Content, rows, cells and formatting go first, paragraph marks last (a paragraph whose
    mark is deleted is judged by what is left of it); each pass runs from the end of the
    part, so a mark inside another is handled before it.
    """
    marks = [m for m in pending_marks(root) if chosen(author_of(m))]
    ranges = [m for m in root.iter(*_RANGES) if chosen(author_of(m))]
    paragraph_marks = [m for m in marks if _is_paragraph_mark(m)]
    counted = sum(1 for m in marks if not (_is_paragraph_mark(m) and _has_content_mark(m, author_of(m))))
    for mark in reversed([m for m in marks if not _is_paragraph_mark(m)]):
        _accept_one(mark)
    for mark in ranges:
        detach(mark)
    for mark in reversed(paragraph_marks):
        _accept_paragraph_mark(mark)
    return counted


def _is_paragraph_mark(mark: Element) -> bool:
    parent = mark.getparent()
    grand = parent.getparent() if parent is not None else None
    return (
        mark.tag in (*_KEPT, *_GONE)
        and parent is not None
        and parent.tag == w("rPr")
        and grand is not None
        and grand.tag == w("pPr")
    )


def _has_content_mark(mark: Element, author: str) -> bool:
    """Whether the paragraph of a paragraph-mark ``mark`` also has content marked the same way."""
    p = parent_of(parent_of(parent_of(mark)))
    kinds = _KEPT if mark.tag in _KEPT else _GONE
    return any(author_of(m) == author and not _is_paragraph_mark(m) for m in p.iter(*kinds))


def _accept_one(mark: Element) -> None:
    parent = mark.getparent()
    if parent is None:
        return
    if mark.tag in _PROPERTIES or mark.tag in (w("cellIns"), w("cellMerge")):
        detach(mark)
    elif mark.tag == w("cellDel"):
        _remove_cell(parent_of(parent))
    elif parent.tag == w("trPr"):
        if mark.tag in _GONE:
            _remove_row(parent_of(parent))
        else:
            detach(mark)
    elif parent.tag == w("numPr"):
        detach(mark)
    elif mark.tag in _GONE:
        detach(mark)
        _drop_if_empty(parent)
    else:
        _unwrap(mark)


def _unwrap(mark: Element) -> None:
    """Put the children of ``mark`` where it stands."""
    for child in list(mark):
        mark.addprevious(child)
    detach(mark)


def _drop_if_empty(container: Element) -> None:
    """A change container (another author's ``w:ins`` …) left with nothing in it goes too."""
    if container.tag in MARKS and not len(container) and not _is_paragraph_mark(container):
        detach(container)


def _remove_row(tr: Element) -> None:
    tbl = parent_of(tr)
    detach(tr)
    if tbl.find(w("tr")) is None:
        _remove_block(tbl)


def _remove_cell(tc: Element) -> None:
    tr = parent_of(tc)
    detach(tc)
    if tr.find(w("tc")) is None:
        _remove_row(tr)


def _remove_block(block: Element) -> None:
    """Remove a paragraph or table; a table cell keeps one (empty) paragraph, as it must."""
    container = parent_of(block)
    detach(block)
    if container.tag == w("tc") and container.find(w("p")) is None and container.find(w("tbl")) is None:
        container.append(container.makeelement(w("p"), {}))


def _accept_paragraph_mark(mark: Element) -> None:
    rpr = parent_of(mark)
    ppr = parent_of(rpr)
    p = parent_of(ppr)
    detach(mark)
    if not len(rpr):
        detach(rpr)
    if mark.tag in _KEPT or ppr.find(w("sectPr")) is not None:  # a section break stays where it is
        return
    following = p.getnext()
    content = [child for child in p if child.tag != w("pPr")]
    if following is not None and following.tag == w("p"):
        anchor = following.find(w("pPr"))
        at = 0 if anchor is None else following.index(anchor) + 1
        for offset, child in enumerate(content):
            following.insert(at + offset, child)
        detach(p)
    elif all(child.tag in _MARKUP for child in content):
        _remove_empty_paragraph(p, content)


def _remove_empty_paragraph(p: Element, content: list[Element]) -> None:
    """A paragraph whose mark is deleted and nothing but markers left, with no paragraph
    after it to join: it goes, and its markers (bookmarks, comment ranges) go before it."""
    container = parent_of(p)
    if container.tag == w("tc") and len([c for c in container if c.tag in (w("p"), w("tbl"))]) == 1:
        return
    for child in content:
        p.addprevious(child)
    _remove_block(p)
