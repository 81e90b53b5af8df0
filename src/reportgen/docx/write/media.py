"""Image parts of a report: ``word/media/imageN.png``, their relationships and content type.

Pictures are numbered in document order. Relationship ids continue after the highest
``rIdN`` of the base document's relationships and part names skip the base's own, so
nothing clashes with a reference document's parts, and equal input gives equal names.
The base is looked at only when a report has a picture: reports without pictures cost
nothing extra.
"""

from __future__ import annotations

import re

from reportgen.ooxml.namespaces import RT_IMAGE
from reportgen.ooxml.package import Members
from reportgen.ooxml.parts import CONTENT_TYPES, RELS, add_default, add_relationships, relationship_ids


class Media:
    """Collects the PNGs of one report and makes the package parts that hold them."""

    def __init__(self, base: Members) -> None:
        self._base = base
        self._images: list[tuple[str, str, bytes]] = []  # (rId, part name, PNG)
        self._taken_ids: set[str] = set()
        self._next_id = 0
        self._names: set[str] = set()

    def __len__(self) -> int:
        return len(self._images)

    def add(self, png: bytes) -> str:
        """Store ``png`` as the next image part and return its relationship id."""
        if not self._images:
            self._scan()
        rid = self._free_id()
        number = len(self._images) + 1
        while f"word/media/image{number}.png" in self._names:
            number += 1
        name = f"word/media/image{number}.png"
        self._names.add(name)
        self._images.append((rid, name, png))
        return rid

    def members(self) -> Members:
        """The image parts, to add after the base's members."""
        return tuple((name, png) for _, name, png in self._images)

    def replacements(self) -> dict[str, bytes]:
        """The base's relationships and content types with the images added (if any)."""
        if not self._images:
            return {}
        parts = dict(self._base)
        relations = [(rid, RT_IMAGE, name.removeprefix("word/")) for rid, name, _ in self._images]
        return {
            RELS: add_relationships(parts[RELS], relations),
            CONTENT_TYPES: add_default(parts[CONTENT_TYPES], "png", "image/png"),
        }

    def _scan(self) -> None:
        parts = dict(self._base)
        self._names = set(parts)
        self._taken_ids = relationship_ids(parts[RELS])
        numbers = [int(rid[3:]) for rid in self._taken_ids if re.fullmatch(r"rId\d+", rid)]
        self._next_id = max(numbers, default=0) + 1

    def _free_id(self) -> str:
        while f"rId{self._next_id}" in self._taken_ids:
            self._next_id += 1
        rid = f"rId{self._next_id}"
        self._taken_ids.add(rid)
        self._next_id += 1
        return rid
