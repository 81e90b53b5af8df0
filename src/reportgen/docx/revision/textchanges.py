"""Word-level tracked changes inside one paragraph: old text struck, new text inserted.

Only runs that hold nothing but text (``w:t``, tabs, breaks) are split or rewritten; a
paragraph with fields, pictures or footnotes among its live runs is left alone
(:func:`can_replace` says so, and the caller comments instead), and so is one with text
moved with tracking on. Inserted text takes the
formatting of the run before it, and highlighting where the new text has a placeholder.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from itertools import pairwise

from reportgen.docx.revision.tracked import Revisions
from reportgen.ooxml.elements import Element, add_text, parent_of, w
from reportgen.ooxml.text import run_text, runs
from reportgen.revise.plan import Edit

_TEXT_TAGS = {w(t) for t in ("t", "tab", "br", "cr", "noBreakHyphen", "softHyphen")}
_IGNORED_TAGS = {w("rPr"), w("lastRenderedPageBreak")}
_QUOTES = "“”‘’"
_AFTER_HIGHLIGHT = {
    w(t)
    for t in (
        "u",
        "effect",
        "bdr",
        "shd",
        "fitText",
        "vertAlign",
        "rtl",
        "cs",
        "em",
        "lang",
        "eastAsianLayout",
        "specVanish",
        "oMath",
    )
}


def is_simple(run: Element) -> bool:
    """Whether ``run`` holds only text, or only a comment reference: safe to split or wrap."""
    tags = {child.tag for child in run} - _IGNORED_TAGS
    return tags <= _TEXT_TAGS or tags == {w("commentReference")}


def can_replace(p: Element, old: str, author: str) -> bool:
    """Whether ``p`` reads ``old`` and holds only runs that :func:`replace_text` may split.

    Text someone else inserted or moved with tracking on and not yet accepted is not touched
    either: deleting it would nest a deletion in their insertion, which LibreOffice misreads.
    """
    live = runs(p)
    return all(is_simple(run) and not _others(run, p, author) for run in live) and "".join(map(run_text, live)) == old


def replace_text(
    p: Element, old: str, new: str, edits: tuple[Edit, ...], marks: tuple[tuple[int, int], ...], revisions: Revisions
) -> bool:
    """Make ``edits`` to ``p`` (which reads ``old``) as tracked changes; False if it cannot."""
    if not can_replace(p, old, revisions.author):
        return False
    live = runs(p)
    cuts = {offset for edit in edits for offset in edit[:2]}
    segments = list(_split(live, cuts))
    for i1, i2, j1, j2 in edits:
        doomed = [run for run, start, end in segments if i1 <= start and end <= i2 and start < end]
        wrappers = [marker for run in doomed if (marker := revisions.delete(run)) is not None]
        if j2 > j1:
            model = _model(doomed[::-1])
            _insert(p, segments, wrappers, (i1, i2), new[j1:j2], _pieces((j1, j2), marks), model, revisions)
    return True


def _split(live: list[Element], cuts: set[int]) -> Iterator[tuple[Element, int, int]]:
    """(run, start, end) in the old text, with runs split so that no cut falls inside one."""
    position = 0
    for run in live:
        text = run_text(run)
        end = position + len(text)
        inner = sorted(cut for cut in cuts if position < cut < end)
        current = run
        for index, (a, b) in enumerate(pairwise([position, *inner, end])):
            if index:
                following = _clone_format(current)
                current.addnext(following)
                current = following
            if inner:
                _set_text(current, text[a - position : b - position])
            yield current, a, b
        position = end


def _insert(
    p: Element,
    segments: list[tuple[Element, int, int]],
    wrappers: list[Element],
    span: tuple[int, int],
    text: str,
    pieces: list[tuple[tuple[int, int], bool]],
    model: Element | None,
    revisions: Revisions,
) -> None:
    """Insert ``text`` where ``old[span]`` was: after its deletion, else between its neighbours."""
    before = [run for run, start, end in segments if end == span[0] and start < end]
    after = [run for run, start, end in segments if start == span[1] and start < end]
    marker = revisions.mark("ins")
    if model is None and (before or after):
        model = _model([*before[-1:], *after[:1]])
    offset = pieces[0][0][0] if pieces else 0
    for (a, b), lit in pieces:
        run = _clone_format(model) if model is not None else p.makeelement(w("r"), {})
        _set_highlight(run, lit)
        _set_text(run, text[a - offset : b - offset])
        marker.append(run)
    if wrappers:
        _place(marker, wrappers[-1], revisions, after=True)
    elif before:
        _place(marker, before[-1], revisions, after=True)
    elif after:
        _place(marker, after[0], revisions, after=False)
    else:
        p.insert(_start_index(p), marker)


def _model(candidates: list[Element]) -> Element | None:
    """The run whose formatting inserted text takes: the first candidate that is not a lone
    curly quote, whose run sets its Latin fonts to the CJK font (docx/write/fonts.quote_pieces)."""
    for run in candidates:
        text = "".join(run.itertext())  # w:t, or w:delText once deleted
        if not text or text.strip(_QUOTES):
            return run
    return candidates[0] if candidates else None


def _pieces(span: tuple[int, int], marks: tuple[tuple[int, int], ...]) -> list[tuple[tuple[int, int], bool]]:
    """``span`` cut where highlighting starts or stops, each piece with its highlighting."""
    cuts = sorted({span[0], span[1], *(o for m in marks for o in m if span[0] < o < span[1])})
    return [((a, b), any(s <= a and b <= e for s, e in marks)) for a, b in pairwise(cuts)]


def _others(run: Element, p: Element, author: str) -> bool:
    """Whether ``run`` is in an insertion or move not yet accepted, by someone else than ``author``."""
    parent = run.getparent()
    while parent is not None and parent is not p:
        if parent.tag == w("moveTo") or (parent.tag == w("ins") and parent.get(w("author")) != author):
            return True
        parent = parent.getparent()
    return False


def _place(marker: Element, anchor: Element, revisions: Revisions, *, after: bool) -> None:
    """Put ``marker`` right after (or before) ``anchor``; inside reportgen's own pending
    insertion, its runs join that insertion instead (no insertion is nested in another)."""
    parent = parent_of(anchor)
    if not revisions.own(parent):
        (anchor.addnext if after else anchor.addprevious)(marker)
        return
    index = parent.index(anchor) + after
    for offset, run in enumerate(list(marker)):
        parent.insert(index + offset, run)


def _start_index(p: Element) -> int:
    """The position after the paragraph's properties and the marks that open it."""
    leading = (w("pPr"), w("bookmarkStart"), w("commentRangeStart"))
    return next((i for i, child in enumerate(p) if child.tag not in leading), len(p))


def _clone_format(run: Element) -> Element:
    clone = run.makeelement(w("r"), {})
    rpr = run.find(w("rPr"))
    if rpr is not None:
        rpr = copy.deepcopy(rpr)
        for change in rpr.findall(w("rPrChange")):
            rpr.remove(change)
        clone.append(rpr)
    return clone


def _set_text(run: Element, text: str) -> None:
    for child in list(run):
        if child.tag != w("rPr"):
            run.remove(child)
    add_text(run, text)


def _set_highlight(run: Element, on: bool) -> None:
    rpr = run.find(w("rPr"))
    if rpr is None:
        if not on:
            return
        rpr = run.makeelement(w("rPr"), {})
        run.insert(0, rpr)
    for old in rpr.findall(w("highlight")):
        rpr.remove(old)
    if on:
        mark = rpr.makeelement(w("highlight"), {w("val"): "yellow"})
        later = next((i for i, child in enumerate(rpr) if child.tag in _AFTER_HIGHLIGHT), None)
        rpr.insert(len(rpr) if later is None else later, mark)
