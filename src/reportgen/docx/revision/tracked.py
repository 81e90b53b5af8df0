"""Tracked changes by reportgen (``w:ins`` / ``w:del``): marks, and whole blocks in or out.

Every mark has the same author and date and an id after the highest in the document. A
deleted paragraph or table loses its ``_RG`` bookmarks, so that a key names one live block
at most; rejecting the deletion gives back a paragraph that reads as the editor's own.
Runs the editor inserted with tracking on may hold reportgen's deletions (``w:ins/w:del``),
which Word reads as "inserted by one, deleted by another".
"""

from __future__ import annotations

import copy

from reportgen.docx.keys import PREFIX
from reportgen.ooxml.elements import Element, detach, parent_of, w
from reportgen.ooxml.text import runs


class Revisions:
    """Makes revision marks by one author at one date, numbering ids after ``first``."""

    def __init__(self, root: Element, author: str, date: str, first: int) -> None:
        self.root, self.author, self.date, self._next = root, author, date, first

    def new_id(self) -> str:
        self._next += 1
        return str(self._next - 1)

    def mark(self, kind: str) -> Element:
        return self.root.makeelement(w(kind), {w("id"): self.new_id(), w("author"): self.author, w("date"): self.date})

    def wrap(self, run: Element, kind: str) -> Element:
        """Put ``run`` inside a new ``w:ins`` or ``w:del`` where it stands."""
        marker = self.mark(kind)
        run.addprevious(marker)
        marker.append(run)
        if kind == "del":
            for node in run.iter(w("t"), w("instrText")):
                node.tag = w("delText") if node.tag == w("t") else w("delInstrText")
        return marker

    def own(self, element: Element) -> bool:
        """Whether ``element`` is an insertion by reportgen, not yet accepted."""
        return element.tag == w("ins") and bool(element.get(w("author")) == self.author)

    def own_block(self, element: Element) -> bool:
        """Whether a paragraph (its mark) or a table row was inserted by reportgen, not yet accepted."""
        mark = element.find(f"{w('pPr')}/{w('rPr')}/{w('ins')}" if element.tag == w("p") else f"{w('trPr')}/{w('ins')}")
        return mark is not None and self.own(mark)

    def delete(self, run: Element) -> Element | None:
        """Delete ``run`` as a tracked change and return the ``w:del``; a run still pending as
        reportgen's own insertion is simply removed (as Word does when an author deletes
        what they inserted), so no deletion is ever nested in reportgen's insertion."""
        parent = parent_of(run)
        if not self.own(parent):
            return self.wrap(run, "del")
        parent.remove(run)
        if not len(parent):
            detach(parent)
        return None

    def mark_paragraph(self, p: Element, kind: str) -> None:
        """Mark the paragraph mark of ``p`` inserted or deleted."""
        rpr = _paragraph_rpr(p)
        rpr.insert(0, self.mark(kind))

    def mark_row(self, tr: Element, kind: str) -> None:
        trpr = tr.find(w("trPr"))
        if trpr is None:
            trpr = tr.makeelement(w("trPr"), {})
            tr.insert(1 if tr.find(w("tblPrEx")) is not None else 0, trpr)
        change = trpr.find(w("trPrChange"))
        if change is not None:
            change.addprevious(self.mark(kind))
        else:
            trpr.append(self.mark(kind))


def delete_runs(container: Element, revisions: Revisions) -> None:
    """Mark every live run in ``container`` (a paragraph, row or table) deleted."""
    for p in [container] if container.tag == w("p") else list(container.iter(w("p"))):
        for run in runs(p):
            revisions.delete(run)


def insert_runs(container: Element, revisions: Revisions) -> None:
    """Mark every run in ``container`` (a paragraph or table new to the document) inserted."""
    for p in [container] if container.tag == w("p") else list(container.iter(w("p"))):
        for run in runs(p):
            revisions.wrap(run, "ins")


def delete_block(element: Element, revisions: Revisions) -> None:
    """Mark a paragraph, table or row deleted as a whole (its text, its mark or rows).

    One that is still pending as reportgen's own insertion is removed outright.
    """
    if element.tag == w("tbl"):
        for tr in list(element.iterfind(w("tr"))):
            delete_block(tr, revisions)
        if element.find(w("tr")) is None:
            detach(element)
        return
    if revisions.own_block(element):
        detach(element)
        return
    drop_bookmarks(element)
    delete_runs(element, revisions)
    if element.tag == w("p"):
        revisions.mark_paragraph(element, "del")
    else:
        revisions.mark_row(element, "del")


def inserted_copy(element: Element, revisions: Revisions, *, keep_keys: bool = True) -> Element:
    """A copy of a paragraph, table or row from another document, marked inserted.

    Its bookmarks get ids of this document (or are dropped without ``keep_keys``).
    """
    new = copy.deepcopy(element)
    if not keep_keys:
        drop_bookmarks(new)
    numbers = {start.get(w("id")): revisions.new_id() for start in new.iter(w("bookmarkStart"))}
    for mark in [*new.iter(w("bookmarkStart")), *new.iter(w("bookmarkEnd"))]:
        old = mark.get(w("id"))
        value = numbers.get(old, old)
        if value is not None:
            mark.set(w("id"), value)
    insert_runs(new, revisions)
    if new.tag == w("p"):
        revisions.mark_paragraph(new, "ins")
    else:
        for tr in [new] if new.tag == w("tr") else new.iterfind(w("tr")):
            revisions.mark_row(tr, "ins")
    return new


def drop_bookmarks(root: Element, names: set[str] | None = None) -> None:
    """Remove reportgen's bookmarks (all of them, or those named) under ``root``."""
    ids = set()
    for start in list(root.iter(w("bookmarkStart"))):
        name = start.get(w("name"), "")
        if name.startswith(PREFIX) and (names is None or name in names):
            ids.add(start.get(w("id")))
            detach(start)
    for end in list(root.iter(w("bookmarkEnd"))):
        if end.get(w("id")) in ids:
            detach(end)


def _paragraph_rpr(p: Element) -> Element:
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = p.makeelement(w("pPr"), {})
        p.insert(0, ppr)
    rpr = ppr.find(w("rPr"))
    if rpr is None:
        rpr = ppr.makeelement(w("rPr"), {})
        tail = next((c for c in ppr if c.tag in (w("sectPr"), w("pPrChange"))), None)
        if tail is not None:
            tail.addprevious(rpr)
        else:
            ppr.append(rpr)
    return rpr
