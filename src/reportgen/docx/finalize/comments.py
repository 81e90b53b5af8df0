"""Remove comments from a draft: their text, their anchors, and Word's records of them.

A comment lives in ``word/comments.xml``; Word keeps more about it in
``commentsExtended.xml`` (resolved or not, the thread: by the ``w14:paraId`` of its
paragraphs), ``commentsIds.xml`` (a durable id per paraId) and ``commentsExtensible.xml``
(by durable id). In the document it is anchored by ``commentRangeStart`` /
``commentRangeEnd`` and a ``commentReference`` run. Removing a comment removes all of
these; a reply goes with the comment it answers. When no comment is left, the parts
themselves go, with their relationships and content types.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from reportgen.docx.finalize.parts import PartEdits
from reportgen.docx.revision.comments import comments_part
from reportgen.ooxml.elements import Element, detach, parent_of, qn, w
from reportgen.ooxml.parts import DOCUMENT, RELS, related_part
from reportgen.revise.model import DraftComment

Removable = Callable[[DraftComment, bool], bool]  # (comment, anchored) → remove it?
_ANCHORS = (w("commentRangeStart"), w("commentRangeEnd"), w("commentReference"))
_CID = "{http://schemas.microsoft.com/office/word/2016/wordml/cid}"
_CEX = "{http://schemas.microsoft.com/office/word/2018/wordml/cex}"


@dataclass
class CommentsRemoved:
    removed: int = 0
    kept: list[DraftComment] = field(default_factory=list)


def remove_comments(
    roots: list[Element], edits: PartEdits, comments: list[DraftComment], removable: Removable
) -> CommentsRemoved:
    """Remove every comment ``removable`` says yes to (given whether it is still anchored in
    one of ``roots``, the document and other parts already parsed), from the parts in ``edits``."""
    name = comments_part(edits.members)
    result = CommentsRemoved()
    if name is None or not edits.has(name):
        return result
    anchored = {int(a.get(w("id"), "-1")) for root in roots for a in root.iter(*_ANCHORS) if _numeric(a)}
    gone = {c.id for c in comments if removable(c, c.id in anchored)}
    part = edits.xml(name)
    para_ids = {_number(c): _para_ids(c) for c in part.iterfind(w("comment"))}
    extended = _related(edits, "commentsExtended")
    gone |= _replies(edits.xml(extended), para_ids, gone) if extended else set()
    for comment in list(part.iterfind(w("comment"))):
        if _number(comment) in gone:
            detach(comment)
            result.removed += 1
    result.kept = [c for c in comments if c.id not in gone]
    for root in roots:
        _remove_anchors(root, {str(n) for n in gone})
    removed_paras = {p for n in gone for p in para_ids.get(n, ())}
    _tidy_extra_parts(edits, removed_paras, drop=not result.kept)
    if not result.kept:
        edits.remove_part(name)
    return result


def _numeric(anchor: Element) -> bool:
    text = anchor.get(w("id"), "")
    return text.isascii() and text.isdigit() and len(text) <= 10


def _number(comment: Element) -> int:
    text = comment.get(w("id"), "")
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 10 else -1


def _para_ids(comment: Element) -> tuple[str, ...]:
    return tuple(p.get(qn("w14:paraId"), "") for p in comment.iterfind(w("p")) if p.get(qn("w14:paraId")))


def _related(edits: PartEdits, kind: str) -> str | None:
    if not edits.has(RELS):
        return None
    found = related_part(edits.raw(RELS), DOCUMENT, kind)
    return found if found is not None and edits.has(found) else None


def _replies(extended: Element, para_ids: dict[int, tuple[str, ...]], gone: set[int]) -> set[int]:
    """The comments answering (directly or not) one in ``gone``, by commentsExtended's threads."""
    parent_of_para = {
        e.get(qn("w15:paraId"), ""): e.get(qn("w15:paraIdParent"), "") for e in extended.iter(qn("w15:commentEx"))
    }
    owner = {p: number for number, paras in para_ids.items() for p in paras}
    found = set(gone)
    changed = True
    while changed:
        changed = False
        for number, paras in para_ids.items():
            parents = {owner.get(parent_of_para.get(p, "")) for p in paras} - {None}
            if number not in found and parents & found:
                found.add(number)
                changed = True
    return found - gone


def _remove_anchors(root: Element, ids: set[str]) -> None:
    for anchor in list(root.iter(*_ANCHORS)):
        if anchor.get(w("id")) not in ids:
            continue
        parent = parent_of(anchor)
        detach(anchor)
        if parent.tag == w("r") and all(child.tag == w("rPr") for child in parent):
            detach(parent)


def _tidy_extra_parts(edits: PartEdits, paras: set[str], drop: bool) -> None:
    """commentsExtended / commentsIds / commentsExtensible without the removed comments
    (or removed themselves, with ``drop``)."""
    durable: set[str] = set()
    ids_part = _related(edits, "commentsIds")
    if ids_part is not None:
        for item in edits.xml(ids_part).iter(f"{_CID}commentId"):
            if item.get(f"{_CID}paraId", "") in paras:
                durable.add(item.get(f"{_CID}durableId", ""))
    for kind, tag, attribute in (
        ("commentsExtended", qn("w15:commentEx"), qn("w15:paraId")),
        ("commentsIds", f"{_CID}commentId", f"{_CID}paraId"),
        ("commentsExtensible", f"{_CEX}commentExtensible", f"{_CEX}durableId"),
    ):
        name = _related(edits, kind)
        if name is None:
            continue
        if drop:
            edits.remove_part(name)
            continue
        wanted = durable if kind == "commentsExtensible" else paras
        for item in list(edits.xml(name).iter(tag)):
            if item.get(attribute, "") in wanted:
                detach(item)
