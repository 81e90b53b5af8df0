"""New content in the draft's own styles: style and numbering ids mapped by what they are.

``update`` copies paragraphs, tables and rows from a fresh render into the edited draft. The
fresh render names reportgen's style ids (``RGBody``, ``RGTableText``); a draft saved by
LibreOffice calls the same styles ``Style10``, ``Style17`` (WPS and Word rename in the same
ways when styles collide), so a copied row would point at a style the draft does not have and
fall back to the document's defaults. :class:`StyleMap` maps every fresh style id to the
draft's style of the same type and role (:mod:`reportgen.docx.draft.style_roles`: reportgen's
display names, heading names in any case), and copies a style the draft lacks into its styles
part (with its ``basedOn`` chain, under an id the draft does not use). Numbering ids follow
their styles: a fresh heading style's list becomes the draft heading style's list; a list the
draft has no counterpart for is copied into its numbering part.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from reportgen.docx.draft.style_roles import StyleEntry, read_styles
from reportgen.ooxml.elements import Element, id_number, parse_part, serialize, w
from reportgen.ooxml.package import Members
from reportgen.ooxml.parts import DOCUMENT, RELS, related_part

STYLES = "word/styles.xml"
NUMBERING = "word/numbering.xml"
_REFERENCES = (w("pStyle"), w("rStyle"), w("tblStyle"))
_LINKS = (w("basedOn"), w("next"), w("link"))


class StyleMap:
    """Fresh style and numbering ids → the draft's, adding what the draft lacks."""

    def __init__(self, draft: Members, fresh: Members) -> None:
        self._draft_parts, fresh_parts = dict(draft), dict(fresh)
        self.styles_part = _part_name(self._draft_parts, "styles", STYLES)
        self.numbering_part = _part_name(self._draft_parts, "numbering", NUMBERING)
        self.styles = _parsed(self._draft_parts.get(self.styles_part))
        self.numbering = _parsed(self._draft_parts.get(self.numbering_part))
        fresh_styles = _parsed(fresh_parts.get(_part_name(fresh_parts, "styles", STYLES)))
        self._fresh_numbering = _parsed(fresh_parts.get(_part_name(fresh_parts, "numbering", NUMBERING)))
        self._fresh = {entry.style_id: entry for entry in read_styles(fresh_styles)}
        draft_entries = read_styles(self.styles)
        self._by_role: dict[tuple[str, str], str] = {}
        for entry in draft_entries:
            self._by_role.setdefault((entry.kind, entry.role), entry.style_id)
        self._draft_numbering = {e.style_id: _num_id(e.element) for e in draft_entries}
        self._used = {entry.style_id for entry in draft_entries}
        self._ids: dict[str, str] = {}
        self._nums: dict[str, str] = {}
        self.changed: set[str] = set()

    def adopt(self, root: Element) -> None:
        """Rewrite the style and numbering references under ``root`` (fresh content) in place."""
        self._rewrite(root, _REFERENCES)

    def _rewrite(self, root: Element, styles: tuple[str, ...], lists: bool = True) -> None:
        """Map the ``styles`` references (and, with ``lists``, the list ids) under ``root``."""
        val = w("val")
        for element in root.iter(*styles):
            value = element.get(val)
            if value is not None and (mapped := self.style_id(value)) != value:
                element.set(val, mapped)
        for num in root.iter(w("numId")) if lists else ():
            value = num.get(val)
            if value is not None and value != "0" and (mapped := self.num_id(value)) != value:
                num.set(val, mapped)

    def style_id(self, fresh_id: str) -> str:
        """The draft's id for the fresh style ``fresh_id`` (copying the style in if need be)."""
        if fresh_id in self._ids:
            return self._ids[fresh_id]
        entry = self._fresh.get(fresh_id)
        if entry is None or self.styles is None:
            return fresh_id  # not a style of the render, or no styles part to map into
        found = self._by_role.get((entry.kind, entry.role))
        if found is not None:
            self._ids[fresh_id] = found
            return found
        return self._copy_style(entry)

    def num_id(self, fresh_id: str) -> str:
        """The draft's list for the fresh list ``fresh_id``."""
        if fresh_id in self._nums:
            return self._nums[fresh_id]
        for style_id, entry in self._fresh.items():
            if _num_id(entry.element) == fresh_id:
                mapped = self._draft_numbering.get(self.style_id(style_id))
                if mapped:
                    self._nums[fresh_id] = mapped
                    return mapped
        if fresh_id not in self._nums:  # copying a style may have copied its list already
            self._nums[fresh_id] = self._copy_list(fresh_id)
        return self._nums[fresh_id]

    def roots(self) -> list[tuple[str, Element]]:
        """The draft's parsed styles and numbering parts (those it has), by part name."""
        found = [(self.styles_part, self.styles), (self.numbering_part, self.numbering)]
        return [(name, root) for name, root in found if root is not None]

    def parts(self) -> dict[str, bytes]:
        """The draft's styles and numbering parts, where styles or lists were added."""
        result: dict[str, bytes] = {}
        if self.styles_part in self.changed and self.styles is not None:
            result[self.styles_part] = serialize(self.styles)
        if self.numbering_part in self.changed and self.numbering is not None:
            result[self.numbering_part] = serialize(self.numbering)
        return result

    def _copy_style(self, entry: StyleEntry) -> str:
        assert self.styles is not None
        new_id = _free_id(entry.style_id, self._used)
        self._used.add(new_id)
        self._ids[entry.style_id] = new_id
        self._by_role[(entry.kind, entry.role)] = new_id
        added = copy.deepcopy(entry.element)
        added.set(w("styleId"), new_id)
        self._rewrite(added, _LINKS)
        self.styles.append(added)
        self.changed.add(self.styles_part)
        return new_id

    def _copy_list(self, fresh_id: str) -> str:
        """Copy the fresh list ``fresh_id`` (its w:num and w:abstractNum) into the draft's
        numbering part; "0" (no list) when either side has no numbering part."""
        source = self._fresh_numbering
        num = _find(source, w("num"), w("numId"), fresh_id)
        abstract_id = num.find(w("abstractNumId")) if num is not None else None
        abstract = (
            _find(source, w("abstractNum"), w("abstractNumId"), abstract_id.get(w("val"), ""))
            if (abstract_id is not None)
            else None
        )
        if self.numbering is None or num is None or abstract is None:
            return "0"
        new_abstract = str(_next_number(self.numbering.iterfind(w("abstractNum")), w("abstractNumId")))
        new_num = str(_next_number(self.numbering.iterfind(w("num")), w("numId")))
        added_abstract = copy.deepcopy(abstract)
        added_abstract.set(w("abstractNumId"), new_abstract)
        for nsid in added_abstract.iterfind(w("nsid")):
            added_abstract.remove(nsid)  # Word tells lists apart by nsid: the copy is its own list
        self._rewrite(added_abstract, (w("pStyle"),), lists=False)
        added_num = copy.deepcopy(num)
        added_num.set(w("numId"), new_num)
        required_abstract = added_num.find(w("abstractNumId"))
        if required_abstract is not None:
            required_abstract.set(w("val"), new_abstract)
        nums = list(self.numbering.iterfind(w("num")))
        if nums:
            nums[0].addprevious(added_abstract)  # every abstractNum comes before the first num
        else:
            self.numbering.append(added_abstract)
        self.numbering.append(added_num)
        self.changed.add(self.numbering_part)
        return new_num


def _part_name(parts: dict[str, bytes], kind: str, default: str) -> str:
    rels = parts.get(RELS)
    found = related_part(rels, DOCUMENT, kind) if rels is not None else None
    return found or default


def _parsed(blob: bytes | None) -> Element | None:
    return parse_part(blob) if blob is not None else None


def _num_id(style: Element) -> str | None:
    found = style.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}")
    return found.get(w("val")) if found is not None else None


def _free_id(wanted: str, used: set[str]) -> str:
    if wanted not in used:
        return wanted
    number = 2
    while f"{wanted}{number}" in used:
        number += 1
    return f"{wanted}{number}"


def _find(root: Element | None, tag: str, attribute: str, value: str) -> Element | None:
    if root is None:
        return None
    return next((e for e in root.iterfind(tag) if e.get(attribute) == value), None)


def _next_number(elements: Iterable[Element], attribute: str) -> int:
    numbers = [n for n in (id_number(e.get(attribute, "")) for e in elements) if n is not None]
    return max(numbers, default=0) + 1
