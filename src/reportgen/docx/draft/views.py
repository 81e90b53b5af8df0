"""A paragraph's text as a reader of an edited document sees it, with tracked changes.

Two views: "accepted" (all changes accepted: inserted text counts, deleted text does not)
and "rejected" (all changes rejected: the reverse). A paragraph whose mark is deleted in a
view joins the next paragraph in that view, as in Word; a table row marked deleted (or, when
rejecting, inserted) is gone. Text is taken from the paragraph's own runs only, so tab
stops in paragraph properties and text in text boxes never count.
"""

from __future__ import annotations

from typing import Literal

from lxml import etree  # type: ignore[import-untyped]

from reportgen.ooxml.xml import W_NS, Element, w

View = Literal["accepted", "rejected"]
_NS = {"w": W_NS}
# Runs of the paragraph itself: not those in a text box (inside another run), nor gone in the view.
_RUNS = {
    "accepted": etree.XPath(".//w:r[not(ancestor::w:del or ancestor::w:moveFrom or ancestor::w:r)]",
                            namespaces=_NS),
    "rejected": etree.XPath(".//w:r[not(ancestor::w:ins or ancestor::w:moveTo or ancestor::w:r)]",
                            namespaces=_NS),
}
_GONE = {"accepted": (w("del"), w("moveFrom")), "rejected": (w("ins"), w("moveTo"))}
_FIXED = {w("tab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "\u2011"}
_TEXT = {"accepted": (w("t"),), "rejected": (w("t"), w("delText"))}
_HIGHLIGHT = f"{w('rPr')}/{w('highlight')}"
_SHADE = f"{w('rPr')}/{w('shd')}"


def run_text(run: Element, view: View = "accepted") -> str:
    """The text of one run: ``w:t`` (and ``w:delText`` when rejecting), tabs and breaks."""
    parts: list[str] = []
    texts = _TEXT[view]
    for child in run:
        if child.tag in texts:
            parts.append(child.text or "")
        elif child.tag in _FIXED and not (child.tag == w("br") and child.get(w("type")) in ("page", "column")):
            parts.append(_FIXED[child.tag])
    return "".join(parts)


def runs(p: Element, view: View = "accepted") -> list[Element]:
    """The runs of ``p`` that are there in ``view``, in document order."""
    return list(_RUNS[view](p))


def paragraph_view(p: Element, view: View = "accepted") -> str:
    """The text of ``p`` in ``view``."""
    return "".join(run_text(run, view) for run in _RUNS[view](p))


def highlighted(p: Element, view: View = "accepted") -> tuple[tuple[int, int], ...]:
    """(start, end) of highlighted (or yellow-shaded) text in ``p``, in ``view``."""
    marks: list[tuple[int, int]] = []
    position = 0
    for run in _RUNS[view](p):
        text = run_text(run, view)
        if text and _is_highlighted(run):
            if marks and marks[-1][1] == position:
                marks[-1] = (marks[-1][0], position + len(text))
            else:
                marks.append((position, position + len(text)))
        position += len(text)
    return tuple(marks)


def mark_gone(p: Element, view: View = "accepted") -> bool:
    """Whether the paragraph mark of ``p`` is deleted (or, when rejecting, inserted)."""
    rpr = p.find(f"{w('pPr')}/{w('rPr')}")
    return rpr is not None and any(rpr.find(tag) is not None for tag in _GONE[view])


def row_gone(tr: Element, view: View = "accepted") -> bool:
    """Whether a table row is deleted (or, when rejecting, inserted)."""
    trpr = tr.find(w("trPr"))
    return trpr is not None and trpr.find(_GONE[view][0]) is not None


def groups(paragraphs: list[Element], view: View = "accepted") -> list[list[Element]]:
    """Paragraphs as a reader sees them: one whose mark is gone joins the next one.

    A joined paragraph whose own text is gone too vanishes entirely (it is not put in front
    of the next one), so a paragraph deleted as a whole leaves no trace.
    """
    result: list[list[Element]] = []
    carry: list[Element] = []
    for p in paragraphs:
        if mark_gone(p, view):
            if paragraph_view(p, view):
                carry.append(p)
            continue
        result.append([*carry, p])
        carry = []
    if carry:
        result.append(carry)
    return result


def _is_highlighted(run: Element) -> bool:
    mark = run.find(_HIGHLIGHT)
    if mark is not None and mark.get(w("val"), "none") != "none":
        return True
    shade = run.find(_SHADE)
    return shade is not None and (shade.get(w("fill")) or "").upper() == "FFFF00"
