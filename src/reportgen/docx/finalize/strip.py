"""What a final copy does without: highlight, reportgen's hidden bookmarks, loose range marks.

Highlight is ``w:highlight`` and the yellow run shading (``w:shd w:fill="FFFF00"``) that
LibreOffice writes for it; reportgen marks its 【待补充：…】 placeholders that way
(:mod:`reportgen.docx.write.paragraphs`). Paragraph and cell shading stay: they are layout.
"""

from __future__ import annotations

from reportgen.docx.draft.change_views import highlighted
from reportgen.docx.keys import PREFIX
from reportgen.ooxml.elements import Element, detach, w

_YELLOW = "FFFF00"


def remove_highlight(root: Element) -> int:
    """Remove all highlight under ``root``; how many highlighted passages there were."""
    passages = sum(len(highlighted(p)) for p in root.iter(w("p")))
    for mark in list(root.iter(w("highlight"), w("shd"))):  # a run's marks: children of its rPr
        parent = mark.getparent()
        if mark is root or parent is None or parent.tag != w("rPr"):
            continue
        if mark.tag == w("highlight") or (mark.get(w("fill")) or "").upper() == _YELLOW:
            detach(mark)
    return passages


def remove_reportgen_bookmarks(root: Element) -> int:
    """Remove every ``_RG`` bookmark (start and end) under ``root``; how many."""
    ids: set[str] = set()
    for start in list(root.iter(w("bookmarkStart"))):
        if start.get(w("name"), "").startswith(PREFIX):
            ids.add(start.get(w("id"), ""))
            detach(start)
    for end in list(root.iter(w("bookmarkEnd"))):
        if end.get(w("id"), "") in ids:
            detach(end)
    return len(ids)


def remove_loose_marks(root: Element) -> None:
    """Bookmark and comment range ends whose start went with removed content, and the reverse."""
    for start_tag, end_tag in (("bookmarkStart", "bookmarkEnd"), ("commentRangeStart", "commentRangeEnd")):
        starts = {e.get(w("id")) for e in root.iter(w(start_tag))}
        ends = {e.get(w("id")) for e in root.iter(w(end_tag))}
        for element in list(root.iter(w(start_tag), w(end_tag))):
            other = ends if element.tag == w(start_tag) else starts
            if element.get(w("id")) not in other:
                detach(element)
