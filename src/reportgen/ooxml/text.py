"""A paragraph's text as a reader sees it, in one of the two views of its tracked changes.

"accepted" (all changes accepted: inserted text counts, deleted text does not) and
"rejected" (all changes rejected: the reverse). Text is taken from the paragraph's own runs
only, so tab stops in paragraph properties and text in text boxes (runs inside another run)
never count; a page or column break is no text.
"""

from __future__ import annotations

from typing import Literal

from lxml import etree

from reportgen.ooxml.elements import Element
from reportgen.ooxml.namespaces import NAMESPACES, w

View = Literal["accepted", "rejected"]
# Runs of the paragraph itself: not those in a text box (inside another run), nor gone in the view.
_RUNS = {
    "accepted": etree.XPath(
        ".//w:r[not(ancestor::w:del or ancestor::w:moveFrom or ancestor::w:r)]", namespaces={"w": NAMESPACES["w"]}
    ),
    "rejected": etree.XPath(
        ".//w:r[not(ancestor::w:ins or ancestor::w:moveTo or ancestor::w:r)]", namespaces={"w": NAMESPACES["w"]}
    ),
}
# Runs within runs (text boxes): XPath finds them in one pass; a union of paths would sort.
_NESTED = etree.XPath("boolean(.//w:r//w:r)", namespaces={"w": NAMESPACES["w"]})
_CHANGES = (w("ins"), w("del"), w("moveTo"), w("moveFrom"))
_RUN = w("r")
_FIXED = {w("tab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "\u2011"}
_TEXT = {"accepted": (w("t"),), "rejected": (w("t"), w("delText"))}


def run_text(run: Element, view: View = "accepted") -> str:
    """The text of one run: ``w:t`` (and ``w:delText`` when rejecting), tabs and breaks."""
    parts: list[str] = []
    texts = _TEXT[view]
    for child in run:
        if child.tag in texts:
            parts.append(child.text or "")
        elif child.tag in _FIXED and not (child.tag == w("br") and child.get(w("type")) in ("page", "column")):
            parts.append(_FIXED[str(child.tag)])
    return "".join(parts)


def runs(p: Element, view: View = "accepted") -> list[Element]:
    """The runs of ``p`` that are there in ``view``, in document order."""
    found = _RUNS[view](p)
    assert isinstance(found, list)
    return [run for run in found if isinstance(run, etree._Element)]


def paragraph_text(p: Element, view: View = "accepted") -> str:
    """The text of ``p`` in ``view``."""
    return "".join(run_text(run, view) for run in runs(p, view))


def untracked(element: Element) -> bool:
    """Whether no tracked insertion, deletion or move is in or around ``element``, and no run
    within another run (a text box): then every paragraph and row under it is there in both
    views, and :func:`plain_text` reads its paragraphs (one query for the whole element)."""
    if next(element.iter(*_CHANGES), None) is not None:  # instant when the document has none at all
        return False
    if any(a.tag in _CHANGES or a.tag == _RUN for a in element.iterancestors()):
        return False
    return not _NESTED(element)


def plain_text(p: Element, view: View = "accepted") -> str:
    """:func:`paragraph_text` of a paragraph inside an :func:`untracked` element: each of its runs counts."""
    return "".join(run_text(run, view) for run in p.iter(_RUN))
