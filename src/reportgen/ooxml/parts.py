"""Part names, relationships and content types: the one API for adding and finding parts.

Writers add to a package's relationships and ``[Content_Types].xml`` as bytes (the parts are
small and appending keeps everything else byte for byte); readers find a part through the
relationships of its source part, not by a fixed name, since an editor's Word may have
renamed parts.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

from reportgen.ooxml.elements import parse
from reportgen.ooxml.escape import escape
from reportgen.ooxml.namespaces import NAMESPACES

DOCUMENT = "word/document.xml"
RELS = "word/_rels/document.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_RELATIONSHIP = f"{{{NAMESPACES['rel']}}}Relationship"
_ID = re.compile(rb'\bId="([^"]*)"')
_TYPES_OPEN = re.compile(rb"<Types\b[^>]*>")

Relation = tuple[str, str, str]  # (Id, Type, Target)


def rels_name(part: str) -> str:
    """The relationships part of ``part`` ("" for the package): ``word/_rels/document.xml.rels``."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def relationships_xml(relations: Iterable[Relation]) -> bytes:
    """A complete relationships part holding ``relations``."""
    return (
        f'{XML_HEAD}<Relationships xmlns="{NAMESPACES["rel"]}">'.encode() + _relations(relations) + b"</Relationships>"
    )


def add_relationships(rels: bytes, relations: Iterable[Relation]) -> bytes:
    """``rels`` with ``relations`` appended."""
    return rels.replace(b"</Relationships>", _relations(relations) + b"</Relationships>")


def relationship_ids(rels: bytes) -> set[str]:
    """The ``Id`` of every relationship in ``rels``."""
    return {found.decode() for found in _ID.findall(rels)}


def add_override(types: bytes, part: str, content_type: str) -> bytes:
    """``[Content_Types].xml`` with an Override for ``part`` (a part name), unless it has one."""
    name = f"/{part}"
    if f'PartName="{name}"'.encode() in types:
        return types
    override = f'<Override PartName="{escape(name)}" ContentType="{escape(content_type)}"/>'
    return types.replace(b"</Types>", override.encode() + b"</Types>")


def add_default(types: bytes, extension: str, content_type: str) -> bytes:
    """``[Content_Types].xml`` with a Default for ``extension`` first, unless it has one."""
    if re.search(rb'<Default\s[^>]*Extension="%s"' % re.escape(extension.encode()), types, re.IGNORECASE):
        return types
    opening = _TYPES_OPEN.search(types)
    if opening is None:
        raise ValueError(f"{CONTENT_TYPES} has no <Types> element")
    default = f'<Default Extension="{escape(extension)}" ContentType="{escape(content_type)}"/>'
    return types[: opening.end()] + default.encode() + types[opening.end() :]


def related_part(rels: bytes, source: str, kind: str) -> str | None:
    """The part that ``source`` ("" for the package) relates to as ``kind``, by its ``rels``.

    ``kind`` is the last segment of the relationship type ("officeDocument", "comments"),
    so the strict and transitional namespaces both match; external targets do not count.
    """
    folder = posixpath.dirname(source)
    for relation in parse(rels).iter(_RELATIONSHIP):
        if relation.get("Type", "").rsplit("/", 1)[-1] == kind and relation.get("TargetMode") != "External":
            target = relation.get("Target", "")
            joined = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            return posixpath.normpath(joined)
    return None


def _relations(relations: Iterable[Relation]) -> bytes:
    return "".join(
        f'<Relationship Id="{escape(rid)}" Type="{escape(kind)}" Target="{escape(target)}"/>'
        for rid, kind, target in relations
    ).encode()
