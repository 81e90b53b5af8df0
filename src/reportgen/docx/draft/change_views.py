"""Which paragraphs and rows of an edited draft a reader sees, with its tracked changes.

In each view of :mod:`reportgen.ooxml.text` ("accepted" or "rejected"), a paragraph whose
mark is deleted joins the next paragraph, as in Word; a table row marked deleted (or, when
rejecting, inserted) is gone. Highlighted text is found in the same view.
"""

from __future__ import annotations

from reportgen.ooxml.elements import Element, w
from reportgen.ooxml.text import View, paragraph_text, run_text, runs

_GONE = {"accepted": (w("del"), w("moveFrom")), "rejected": (w("ins"), w("moveTo"))}
_HIGHLIGHT = f"{w('rPr')}/{w('highlight')}"
_SHADE = f"{w('rPr')}/{w('shd')}"
_MARKING = (w("highlight"), w("shd"))


def highlighted(p: Element, view: View = "accepted") -> tuple[tuple[int, int], ...]:
    """(start, end) of highlighted (or yellow-shaded) text in ``p``, in ``view``."""
    if next(p.iter(*_MARKING), None) is None:  # no highlight or shading anywhere in the paragraph
        return ()
    marks: list[tuple[int, int]] = []
    position = 0
    for run in runs(p, view):
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


def rows_there(tbl: Element, view: View = "accepted") -> list[Element]:
    """The rows of ``tbl`` that are not gone in ``view``."""
    if next(tbl.iter(_GONE[view][0]), None) is None:  # nothing deleted (or inserted) in it: instant
        return list(tbl.iterfind(w("tr")))
    return [tr for tr in tbl.iterfind(w("tr")) if not row_gone(tr, view)]


def groups(paragraphs: list[Element], view: View = "accepted") -> list[list[Element]]:
    """Paragraphs as a reader sees them: one whose mark is gone joins the next one.

    A joined paragraph whose own text is gone too vanishes entirely (it is not put in front
    of the next one), so a paragraph deleted as a whole leaves no trace.
    """
    result: list[list[Element]] = []
    carry: list[Element] = []
    for p in paragraphs:
        if mark_gone(p, view):
            if paragraph_text(p, view):
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
