"""Comments: reportgen's notes on an edited draft, and reading a draft's comments back.

reportgen's comments (author "reportgen", initials "RG") are added after the draft's own in
``word/comments.xml`` (created, with its relationship and content type, when the draft has
none) and anchored on a whole paragraph: ``commentRangeStart`` after its properties,
``commentRangeEnd`` and a ``commentReference`` run at its end. A comment counts as done when
Word (or LibreOffice) marked it resolved: ``w15:done="1"`` in ``commentsExtended.xml`` for
the ``w14:paraId`` of its last paragraph.
"""

from __future__ import annotations

import re

from reportgen.docx.revision.tracked import Revisions
from reportgen.ooxml.elements import (
    W_NS,
    Element,
    XMLSyntaxError,
    add_text,
    id_number,
    new_element,
    read_part,
    serialize,
    sub,
    w,
)
from reportgen.ooxml.namespaces import RT_COMMENTS, qn
from reportgen.ooxml.package import Members
from reportgen.ooxml.parts import CONTENT_TYPES, DOCUMENT, RELS, XML_HEAD, add_override, add_relationships, related_part
from reportgen.ooxml.text import paragraph_text
from reportgen.revise.model import DraftComment
from reportgen.revise.plan import INITIALS
from reportgen.support.archive import ArchiveError

_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_PARA_ID = qn("w14:paraId")
_EXTENDED = "word/commentsExtended.xml"


def comments_part(members: Members) -> str | None:
    """The name of the package's comments part, from the main document's relationships."""
    rels = dict(members).get(RELS)
    try:
        return None if rels is None else related_part(rels, DOCUMENT, "comments")
    except XMLSyntaxError:
        return None


def read_comments(members: Members) -> list[DraftComment]:
    """Every comment of the package, with whether it is marked done."""
    parts = dict(members)
    name = comments_part(members)
    if name is None or name not in parts:
        return []
    done = _done(parts.get(_EXTENDED))
    found = []
    for comment in read_part(name, parts[name]).iterfind(w("comment")):
        paragraphs = comment.findall(w("p"))
        last = paragraphs[-1].get(_PARA_ID) if paragraphs else None
        text = "\n".join(paragraph_text(p) for p in paragraphs)
        found.append(DraftComment(_comment_id(name, comment), comment.get(w("author"), ""), text, last in done))
    return found


def _comment_id(part: str, comment: Element) -> int:
    text = comment.get(w("id"), "")
    number = id_number(text)
    if number is None:
        raise ArchiveError(
            f"部件“{part}”中批注的编号“{text[:20]}”不是数字：文件可能已损坏，请用 Word 或 WPS 打开并另存后再试。"
        )
    return number


def comment_ids(members: Members) -> list[int]:
    name = comments_part(members)
    blob = dict(members).get(name or "")
    return [int(i) for i in re.findall(rb'w:id="(\d{1,10})"', blob)] if blob else []


class CommentWriter:
    """Adds comments to a draft's comments part (or a new one) and anchors them."""

    def __init__(self, members: Members, revisions: Revisions) -> None:
        self._members = members
        self._revisions = revisions
        existing = comments_part(members)
        self.name = existing or "word/comments.xml"
        blob = dict(members).get(self.name)
        self._existing = blob is not None
        self.root = read_part(self.name, blob) if blob else new_element(w("comments"), {"w": W_NS})
        self.added = 0

    def add(self, p: Element, text: str) -> None:
        """Attach a comment saying ``text`` to the whole of paragraph ``p``."""
        number = self._revisions.new_id()
        comment = sub(
            self.root, "comment", id=number, author=self._revisions.author, date=self._revisions.date, initials=INITIALS
        )
        for index, line in enumerate(text.split("\n")):
            paragraph = sub(comment, "p")
            if index == 0:
                sub(sub(paragraph, "r"), "annotationRef")
            add_text(sub(paragraph, "r"), line)
        ppr = p.find(w("pPr"))
        p.insert(0 if ppr is None else p.index(ppr) + 1, p.makeelement(w("commentRangeStart"), {w("id"): number}))
        p.append(p.makeelement(w("commentRangeEnd"), {w("id"): number}))
        reference = p.makeelement(w("r"), {})
        reference.append(p.makeelement(w("commentReference"), {w("id"): number}))
        p.append(reference)
        self.added += 1

    def parts(self) -> tuple[Members, dict[str, bytes]]:
        """New members and replaced ones (comments, relationships, content types)."""
        if not self.added:
            return (), {}
        blob = XML_HEAD.encode() + serialize(self.root, declaration=False)
        if self._existing:
            return (), {self.name: blob}
        parts = dict(self._members)
        return ((self.name, blob),), {
            RELS: add_relationships(parts[RELS], [("rIdRgComments", RT_COMMENTS, "comments.xml")]),
            CONTENT_TYPES: add_override(parts[CONTENT_TYPES], self.name, _CONTENT_TYPE),
        }


def _done(blob: bytes | None) -> set[str]:
    if not blob:
        return set()
    root = read_part(_EXTENDED, blob)
    return {
        item.get(qn("w15:paraId"), "") for item in root.iter(qn("w15:commentEx")) if item.get(qn("w15:done")) == "1"
    }
