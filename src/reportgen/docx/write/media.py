"""Image parts of a report: ``word/media/imageN.png``, their relationships and content type.

Pictures are numbered in document order. Relationship ids continue after the highest
``rIdN`` of the base document's relationships and part names skip the base's own, so
nothing clashes with a reference document's parts, and equal input gives equal names.
The base is looked at only when a report has a picture: reports without pictures cost
nothing extra.
"""

from __future__ import annotations

import re

from reportgen.ooxml.package import Members

RELS = "word/_rels/document.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
PNG_DEFAULT = b'<Default Extension="png" ContentType="image/png"/>'
_ID = re.compile(rb'\bId="([^"]*)"')
_PNG_DEFAULT = re.compile(rb'<Default\s[^>]*Extension="png"', re.IGNORECASE)
_TYPES_OPEN = re.compile(rb"<Types\b[^>]*>")


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
        rels = b"".join(
            b'<Relationship Id="%s" Type="%s" Target="%s"/>'
            % (rid.encode(), IMAGE.encode(), name.removeprefix("word/").encode())
            for rid, name, _ in self._images
        )
        types = parts[CONTENT_TYPES]
        if not _PNG_DEFAULT.search(types):
            end = _TYPES_OPEN.search(types)
            if end is None:
                raise ValueError(f"{CONTENT_TYPES} has no <Types> element")
            types = types[:end.end()] + PNG_DEFAULT + types[end.end():]
        return {RELS: parts[RELS].replace(b"</Relationships>", rels + b"</Relationships>"),
                CONTENT_TYPES: types}

    def _scan(self) -> None:
        parts = dict(self._base)
        self._names = set(parts)
        self._taken_ids = {found.decode() for found in _ID.findall(parts[RELS])}
        numbers = [int(rid[3:]) for rid in self._taken_ids if re.fullmatch(r"rId\d+", rid)]
        self._next_id = max(numbers, default=0) + 1

    def _free_id(self) -> str:
        while f"rId{self._next_id}" in self._taken_ids:
            self._next_id += 1
        rid = f"rId{self._next_id}"
        self._taken_ids.add(rid)
        self._next_id += 1
        return rid
