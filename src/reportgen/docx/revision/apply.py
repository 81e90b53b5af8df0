"""Carry out an update plan on the edited draft itself, and store the new baseline in it.

Everything happens on the edited document's XML, so the editor's formatting, paragraphs,
comments and styles stay. New content (inserted paragraphs and tables, replaced tables) is
copied from the new render, its style and list ids mapped to the draft's own
(:mod:`.style_map`: an office program may have renamed them). Changes are tracked by
"reportgen" at one date (:func:`revision_date`) so that equal input gives equal bytes. The
draft's baseline part is replaced by the new render's, so the result can be updated again;
its keys stay valid because a key's bookmark name depends on the key only.
"""

from __future__ import annotations

from datetime import UTC, datetime

from reportgen.docx.draft.read import Draft
from reportgen.docx.keys import bookmark_name
from reportgen.docx.repair import repair_part
from reportgen.docx.revision.comments import CommentWriter, comment_ids
from reportgen.docx.revision.style_map import StyleMap
from reportgen.docx.revision.tablechanges import revise_rows, same_grid
from reportgen.docx.revision.textchanges import replace_text
from reportgen.docx.revision.tracked import Revisions, delete_block, drop_bookmarks, inserted_copy
from reportgen.ooxml.elements import W_NS, Element, attribute_values, id_number, parse_part, required, serialize, w
from reportgen.ooxml.package import source_date, write_zip
from reportgen.ooxml.parts import DOCUMENT
from reportgen.revise.comment_texts import unchangeable
from reportgen.revise.plan import (
    AUTHOR,
    Annotate,
    Delete,
    Forget,
    Insert,
    Operation,
    Plan,
    Replace,
    ReviseTable,
)


def revision_date(year: int) -> str:
    """The date of reportgen's changes: ``SOURCE_DATE_EPOCH`` if set, else the report year's end.

    A fixed date keeps the output reproducible (docs/docx-notes.md §3.11); the year's end of the
    data is the latest date the figures speak for.
    """
    date = source_date() or datetime(year, 12, 31, tzinfo=UTC)
    return date.strftime("%Y-%m-%dT%H:%M:%SZ")


def apply_plan(draft: Draft, fresh: Draft, plan: Plan, date: str) -> tuple[bytes, int]:
    """The revised draft's bytes, and how many changes fell back to comments."""
    return _Reviser(draft, fresh, date).run(plan)


class _Reviser:
    def __init__(self, draft: Draft, fresh: Draft, date: str) -> None:
        self.draft, self.fresh = draft, fresh
        self.styles = StyleMap(draft.members, fresh.members)
        self.styles.adopt(fresh.root)  # what is copied from the render names the draft's styles
        ids = [n for n in map(id_number, attribute_values(draft.root, w("id"))) if n is not None]
        first = max([*ids, *comment_ids(draft.members)], default=0) + 1
        self.revisions = Revisions(draft.root, AUTHOR, date, first)
        self.comments = CommentWriter(draft.members, self.revisions)
        self.placed: dict[str, list[Element]] = dict(draft.elements)
        self.fallbacks = 0

    def run(self, plan: Plan) -> tuple[bytes, int]:
        for operation in plan.operations:
            self._apply(operation)
        return self._package(), self.fallbacks

    def _apply(self, op: Operation) -> None:
        elements = self.placed.get(op.key, [])
        if isinstance(op, Replace):
            marks = self.fresh.marks(self.fresh.elements.get(op.key, []))
            if len(elements) != 1 or not replace_text(elements[0], op.old, op.new, op.edits, marks, self.revisions):
                self._fallback(elements, unchangeable(op.old, op.new))
        elif isinstance(op, ReviseTable):
            self._table(op, elements[0])
        elif isinstance(op, Delete):
            for element in elements:
                delete_block(element, self.revisions)
        elif isinstance(op, Insert):
            self._insert(op)
        elif isinstance(op, Annotate):
            self.comments.add(_first_paragraph(elements[0]), op.text)
        elif isinstance(op, Forget):
            for element in elements:
                drop_bookmarks(element, {bookmark_name(op.key)})

    def _table(self, op: ReviseTable, tbl: Element) -> None:
        fresh = self.fresh.elements[op.key][0]
        if same_grid(tbl, fresh):
            revise_rows(tbl, fresh, op.rows, self.revisions)
            return
        new = inserted_copy(fresh, self.revisions)  # other columns: the new table in, the old one out
        tbl.addprevious(new)
        delete_block(tbl, self.revisions)
        self.placed[op.key] = [new]

    def _insert(self, op: Insert) -> None:
        new = inserted_copy(self.fresh.elements[op.key][0], self.revisions)
        if op.after is not None and op.after in self.placed:
            self.placed[op.after][-1].addnext(new)
        elif op.before is not None and op.before in self.placed:
            self.placed[op.before][0].addprevious(new)
        else:
            body = required(self.draft.root, w("body"))
            last = body[-1] if len(body) else None
            if last is not None and last.tag == w("sectPr"):
                last.addprevious(new)
            else:
                body.append(new)
        self.placed[op.key] = [new]
        if new.tag == w("tbl"):
            self._keep_apart(new)

    def _keep_apart(self, tbl: Element) -> None:
        """Two tables side by side would merge: put an inserted hair-thin paragraph between."""
        for neighbour, add in ((tbl.getprevious(), tbl.addprevious), (tbl.getnext(), tbl.addnext)):
            if neighbour is not None and neighbour.tag == w("tbl"):
                spacer = parse_part(
                    f'<w:p xmlns:w="{W_NS}"><w:pPr><w:spacing w:before="0" w:after="0" w:line="20"'
                    ' w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>'.encode()
                )
                self.revisions.mark_paragraph(spacer, "ins")
                add(spacer)

    def _fallback(self, elements: list[Element], text: str) -> None:
        self.fallbacks += 1
        if elements:
            self.comments.add(_first_paragraph(elements[0]), text)

    def _package(self) -> bytes:
        repair_part(self.draft.root)
        for name, root in self.styles.roots():
            if repair_part(root):
                self.styles.changed.add(name)
        replace = {DOCUMENT: serialize(self.draft.root)}
        baseline = dict(self.fresh.members)[self.fresh.baseline_part]
        replace[self.draft.baseline_part] = baseline
        added, changed = self.comments.parts()
        replace.update(changed)
        replace.update(self.styles.parts())
        return write_zip(self.draft.members + added, replace)


def _first_paragraph(element: Element) -> Element:
    return element if element.tag == w("p") else next(element.iter(w("p")))
