"""A draft made into the plain copy a unit submits (``reportgen finalize``).

In this order, on the draft's own XML: the checks appendix goes (while its keys can still
be read); tracked changes are accepted — reportgen's always, other authors' when the
caller says so (:meth:`Finalizer.finish`); comments that are done go (reportgen's all,
since a caller refuses a draft with open ones, and anyone's marked resolved or no longer
anchored), others' open comments stay; all highlight goes; then reportgen's hidden
bookmarks and its baseline part, so nothing of reportgen's bookkeeping is left. Turning on
change tracking in settings is undone when no change is left pending, and what office
programs write against the schema is put right (:mod:`reportgen.docx.repair`).

``docProps/app.xml`` names reportgen as the application, as in every report it writes:
that is how a later ``finalize --force`` knows the final copy is its own to replace.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reportgen.docx.draft.read import Draft
from reportgen.docx.finalize.accept import accept, pending_authors
from reportgen.docx.finalize.appendix import appendix_elements
from reportgen.docx.finalize.attachment_note import remove_checks_note
from reportgen.docx.finalize.comments import remove_comments
from reportgen.docx.finalize.parts import PartEdits
from reportgen.docx.finalize.strip import remove_highlight, remove_loose_marks, remove_reportgen_bookmarks
from reportgen.docx.repair import repair_part
from reportgen.docx.revision.comments import read_comments
from reportgen.ooxml.elements import Element, detach, read_part, serialize, w
from reportgen.ooxml.package import APP_XML
from reportgen.ooxml.parts import (
    CONTENT_TYPES,
    DOCUMENT,
    RELS,
    add_override,
    add_relationships,
    related_part,
    rels_name,
)
from reportgen.revise.model import DraftComment
from reportgen.revise.plan import AUTHOR

_STORIES = r"word/(header|footer)\d*\.xml|word/(footnotes|endnotes)\.xml"
APP = "docProps/app.xml"
_APP_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
_APP_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
_SETTINGS_TYPE = "settings"


@dataclass(frozen=True)
class Cleaned:
    """The final copy's bytes and what was done to the draft."""

    content: bytes
    accepted: int  # reportgen's tracked changes accepted
    accepted_others: Counter[str]  # other authors' changes accepted, by author
    kept_others: Counter[str]  # other authors' changes left pending, by author
    comments_removed: int
    comments_kept: tuple[DraftComment, ...]  # other authors' open comments, still there
    highlights: int  # highlighted passages whose highlight was removed
    appendix: bool  # whether the checks appendix was removed
    bookmarks: int  # reportgen's hidden bookmarks removed


class Finalizer:
    """One draft on its way to a final copy: first what is pending, then :meth:`finish`."""

    def __init__(self, draft: Draft) -> None:
        self.draft = draft
        self.edits = PartEdits(draft.members, {DOCUMENT: draft.root})
        appendix = appendix_elements(draft)
        for element in appendix:
            detach(element)
        if appendix:
            remove_checks_note(draft)  # and its line in the 附件说明
        self.appendix = bool(appendix)
        stories = [n for n in self.edits.names() if re.fullmatch(_STORIES, n)]
        self.roots: list[Element] = [draft.root, *(self.edits.xml(n) for n in stories)]
        counts: Counter[str] = Counter()
        for root in self.roots:
            counts += pending_authors(root)
        self.own = counts.pop(AUTHOR, 0)
        self.others: Counter[str] = counts

    def finish(self, accept_others: bool) -> Cleaned:
        """The final copy: reportgen's changes accepted, others' too with ``accept_others``."""
        for root in self.roots:
            accept(root, lambda author: author == AUTHOR or accept_others)
        taken = self.others if accept_others else Counter[str]()
        kept = Counter[str]() if accept_others else self.others
        comments = remove_comments(self.roots, self.edits, read_comments(self.draft.members), _done)
        highlights = sum(remove_highlight(root) for root in self.roots)
        bookmarks = remove_reportgen_bookmarks(self.draft.root)
        for root in self.roots:
            remove_loose_marks(root)
        if self.draft.baseline_part:
            _remove_with_related(self.edits, self.draft.baseline_part)
        if not kept:
            _stop_tracking(self.edits)
        for root in self.roots:
            repair_part(root)
        _repair_parts(self.edits)
        _name_reportgen(self.edits)
        return Cleaned(
            self.edits.package(),
            self.own,
            taken,
            kept,
            comments.removed,
            tuple(c for c in comments.kept if not c.done),
            highlights,
            self.appendix,
            bookmarks,
        )


def _done(comment: DraftComment, anchored: bool) -> bool:
    """Whether a comment goes: reportgen's, resolved ones, and those whose place is gone."""
    return comment.author == AUTHOR or comment.done or not anchored


def _remove_with_related(edits: PartEdits, name: str) -> None:
    """Remove the part ``name`` and the parts only it relates to (a custom XML item's properties)."""
    own = rels_name(name)
    related = [p for p in edits.targets(own)] if edits.has(own) else []
    edits.remove_part(name)
    for part in related:
        edits.remove_part(part)


def _repair_parts(edits: PartEdits) -> None:
    """Styles, numbering and settings with what office programs write against the schema put right."""
    for kind in ("styles", "numbering", "settings"):
        name = related_part(edits.raw(RELS), DOCUMENT, kind) if edits.has(RELS) else None
        if name is None or not edits.has(name):
            continue
        root = edits.xml(name) if edits.parsed(name) else read_part(name, edits.raw(name))
        if repair_part(root) and not edits.parsed(name):
            edits.replace(name, serialize(root))


def _stop_tracking(edits: PartEdits) -> None:
    name = related_part(edits.raw(RELS), DOCUMENT, _SETTINGS_TYPE) if edits.has(RELS) else None
    if name is None or not edits.has(name):
        return
    for mark in list(edits.xml(name).iterfind(w("trackRevisions"))):
        detach(mark)


def _name_reportgen(edits: PartEdits) -> None:
    if edits.has(APP):
        edits.replace(APP, APP_XML)
        return
    edits.add(APP, APP_XML)
    edits.replace(CONTENT_TYPES, add_override(edits.raw(CONTENT_TYPES), APP, _APP_TYPE))
    package_rels = "_rels/.rels"
    if edits.has(package_rels):
        edits.replace(package_rels, add_relationships(edits.raw(package_rels), [("rIdRgApp", _APP_REL, APP)]))


__all__ = ["Cleaned", "Finalizer"]
