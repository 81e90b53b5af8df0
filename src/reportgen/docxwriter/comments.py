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

from lxml import etree  # type: ignore[import-untyped]

from reportgen.archive import ArchiveError
from reportgen.docxwriter.package import Members
from reportgen.docxwriter.tracked import Revisions
from reportgen.docxwriter.views import paragraph_view
from reportgen.docxwriter.xml import W_NS, Element, add_text, id_number, parse_part, w
from reportgen.revise.model import DraftComment
from reportgen.revise.plan import INITIALS

RELS = "word/_rels/document.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}paraId"
_W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
_EXTENDED = "word/commentsExtended.xml"
_HEAD = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def comments_part(members: Members) -> str | None:
    """The name of the package's comments part, from the main document's relationships."""
    rels = dict(members).get(RELS, b"")
    for relation in re.findall(rb"<Relationship\b[^>]*>", rels):
        if f'Type="{_TYPE}"'.encode() in relation:
            target = re.search(rb'Target="([^"]*)"', relation)
            if target:
                return "word/" + target.group(1).decode().removeprefix("/word/").removeprefix("./")
    return None


def read_comments(members: Members) -> list[DraftComment]:
    """Every comment of the package, with whether it is marked done."""
    parts = dict(members)
    name = comments_part(members)
    if name is None or name not in parts:
        return []
    done = _done(parts.get(_EXTENDED))
    found = []
    for comment in parse_part(name, parts[name]).iterfind(w("comment")):
        paragraphs = comment.findall(w("p"))
        last = paragraphs[-1].get(_W14) if paragraphs else None
        text = "\n".join(paragraph_view(p) for p in paragraphs)
        found.append(DraftComment(_comment_id(name, comment), comment.get(w("author"), ""), text, last in done))
    return found


def _comment_id(part: str, comment: Element) -> int:
    text = comment.get(w("id"), "")
    number = id_number(text)
    if number is None:
        raise ArchiveError(f"部件“{part}”中批注的编号“{text[:20]}”不是数字：文件可能已损坏，"
                           "请用 Word 或 WPS 打开并另存后再试。")
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
        self.root = parse_part(self.name, blob) if blob else etree.Element(w("comments"), nsmap={"w": W_NS})
        self.added = 0

    def add(self, p: Element, text: str) -> None:
        """Attach a comment saying ``text`` to the whole of paragraph ``p``."""
        number = self._revisions.new_id()
        comment = etree.SubElement(self.root, w("comment"), {
            w("id"): number, w("author"): self._revisions.author, w("date"): self._revisions.date,
            w("initials"): INITIALS})
        for index, line in enumerate(text.split("\n")):
            paragraph = etree.SubElement(comment, w("p"))
            if index == 0:
                etree.SubElement(etree.SubElement(paragraph, w("r")), w("annotationRef"))
            add_text(etree.SubElement(paragraph, w("r")), line)
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
        blob = _HEAD + etree.tostring(self.root, encoding="UTF-8")
        if self._existing:
            return (), {self.name: blob}
        parts = dict(self._members)
        relation = f'<Relationship Id="rIdRgComments" Type="{_TYPE}" Target="comments.xml"/>'
        override = f'<Override PartName="/word/comments.xml" ContentType="{_CONTENT_TYPE}"/>'
        types = parts[CONTENT_TYPES]
        if b'PartName="/word/comments.xml"' not in types:
            types = types.replace(b"</Types>", override.encode() + b"</Types>")
        return ((self.name, blob),), {
            RELS: parts[RELS].replace(b"</Relationships>", relation.encode() + b"</Relationships>"),
            CONTENT_TYPES: types}


def _done(blob: bytes | None) -> set[str]:
    if not blob:
        return set()
    root = parse_part(_EXTENDED, blob)
    return {item.get(f"{_W15}paraId", "") for item in root.iter(f"{_W15}commentEx")
            if item.get(f"{_W15}done") == "1"}
