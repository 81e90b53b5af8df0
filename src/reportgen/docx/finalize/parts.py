"""The parts of a package being cleaned: parsed once, edited in place, removed whole.

Removing a part removes its own relationships part, every relationship in the package
that points at it and its content type override, so no reference to it is left.
"""

from __future__ import annotations

import posixpath

from reportgen.ooxml.elements import Element, detach, read_part, serialize
from reportgen.ooxml.namespaces import NAMESPACES
from reportgen.ooxml.package import Members, write_zip
from reportgen.ooxml.parts import CONTENT_TYPES, rels_name

_RELATIONSHIP = f"{{{NAMESPACES['rel']}}}Relationship"
_OVERRIDE = f"{{{NAMESPACES['ct']}}}Override"


class PartEdits:
    """The members of a package with parsed parts to edit and parts to leave out."""

    def __init__(self, members: Members, parsed: dict[str, Element] | None = None) -> None:
        self.members = members
        self._blobs = dict(members)
        self._parsed: dict[str, Element] = dict(parsed or {})
        self._replaced: dict[str, bytes] = {}
        self._removed: set[str] = set()

    def has(self, name: str) -> bool:
        return name in self._blobs and name not in self._removed

    def names(self) -> list[str]:
        return [name for name, _ in self.members if name not in self._removed]

    def raw(self, name: str) -> bytes:
        """The part's bytes as they are now (edits to its parsed XML included)."""
        if name in self._parsed:
            return serialize(self._parsed[name])
        return self._replaced.get(name, self._blobs[name])

    def xml(self, name: str) -> Element:
        """The part's XML to edit in place (parsed on first use)."""
        if name not in self._parsed:
            self._parsed[name] = read_part(name, self.raw(name))
        return self._parsed[name]

    def parsed(self, name: str) -> bool:
        """Whether the part is held parsed (and will be written from its XML)."""
        return name in self._parsed

    def replace(self, name: str, blob: bytes) -> None:
        self._parsed.pop(name, None)
        self._replaced[name] = blob

    def remove_part(self, name: str) -> None:
        """Leave ``name`` out, with its relationships and every reference to it."""
        if not self.has(name):
            return
        self._removed.add(name)
        own = rels_name(name)
        if own in self._blobs:
            self._removed.add(own)
        for rels in [n for n in self.names() if n.endswith(".rels")]:
            source = _source_of(rels)
            root = self.xml(rels)
            for relation in list(root.iter(_RELATIONSHIP)):
                if relation.get("TargetMode") != "External" and _target(source, relation.get("Target", "")) == name:
                    detach(relation)
        if self.has(CONTENT_TYPES):
            for override in list(self.xml(CONTENT_TYPES).iter(_OVERRIDE)):
                if override.get("PartName", "").lstrip("/") == name:
                    detach(override)

    def targets(self, rels: str) -> list[str]:
        """The internal parts the relationships part ``rels`` points at."""
        source = _source_of(rels)
        return [
            _target(source, r.get("Target", ""))
            for r in self.xml(rels).iter(_RELATIONSHIP)
            if r.get("TargetMode") != "External"
        ]

    def add(self, name: str, blob: bytes) -> None:
        """A new part (or one back after removal), written at the end of the package."""
        self._removed.discard(name)
        if name not in self._blobs:
            self.members = (*self.members, (name, blob))
            self._blobs[name] = blob
        self.replace(name, blob)

    def package(self) -> bytes:
        """The package's bytes, deterministic (:func:`reportgen.ooxml.package.write_zip`)."""
        kept = tuple((name, blob) for name, blob in self.members if name not in self._removed)
        changed = {name: self.raw(name) for name in [*self._parsed, *self._replaced] if self.has(name)}
        return write_zip(kept, changed)


def _source_of(rels: str) -> str:
    """The part whose relationships ``rels`` holds ("" for the package's own ``_rels/.rels``)."""
    folder, name = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), name[: -len(".rels")]) if name != ".rels" else ""


def _target(source: str, target: str) -> str:
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


__all__ = ["PartEdits"]
