"""lxml for WordprocessingML: parsing, element builders and the few edits the writers share.

The only module tree that imports lxml is :mod:`reportgen.ooxml`; elements are typed as
lxml's ``_Element`` (types-lxml). New elements are made by their parent
(``makeelement``), so they join its document and, in the cached base, get python-docx's
element classes. Callers append children in schema order themselves: CT_PPr and CT_RPr are
strict sequences.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache
from typing import TypeAlias

from lxml import etree

from reportgen.ooxml.escape import needs_preserve, pieces
from reportgen.ooxml.namespaces import NAMESPACES, W_NS, qn, w
from reportgen.support.archive import ArchiveError

# qn, w and the namespace table are re-exported: element code needs them with every call.
__all__ = [
    "NAMESPACES",
    "W_NS",
    "Element",
    "XMLSyntaxError",
    "add_text",
    "attribute_values",
    "child_val",
    "detach",
    "id_number",
    "insert_before",
    "new_element",
    "parent_of",
    "parse",
    "parse_part",
    "qn",
    "read_part",
    "required",
    "serialize",
    "sub",
    "w",
    "with_attribute",
]

Element: TypeAlias = etree._Element
XMLSyntaxError = etree.XMLSyntaxError
# Imported lazily elsewhere: python-docx costs ~70 ms at start-up and is needed only to
# build a base document once per process; reading and writing parts needs plain lxml.
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
# For parts that are edited and written back: keeps all whitespace, allows large parts.
_PART_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True)
_USER_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=False, no_network=True)


def parse(data: bytes) -> Element:
    """Parse an XML part to read it (blank text between elements is dropped)."""
    return etree.fromstring(data, _PARSER)


def parse_part(data: bytes) -> Element:
    """Parse an XML part that will be written back, keeping its white space as it is."""
    return etree.fromstring(data, _PART_PARSER)


def read_part(name: str, data: bytes) -> Element:
    """Parse the part ``name`` of a package a user gave us, keeping all white space.

    libxml2's default limits (nesting depth 256, 10 MB in one text node) are far beyond a
    real document. Broken XML is an :class:`~reportgen.support.archive.ArchiveError` naming
    the part and the place.
    """
    try:
        return etree.fromstring(data, _USER_PARSER)
    except (etree.XMLSyntaxError, ValueError, LookupError) as exc:
        line, column = getattr(exc, "position", None) or (0, 0)
        where = f"（第{line}行第{column}列）" if line else ""
        why = "：元素嵌套层数过多" if "depth" in str(exc) else ""
        raise ArchiveError(
            f"文件中的部件“{name}”不是有效的 XML{where}{why}：文件可能已损坏，请用 Word 或 WPS 打开并另存后再试。"
        ) from None


def id_number(text: str) -> int | None:
    """A numeric id attribute (``w:id="12"``) as int; None for anything but 1–10 ASCII digits."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 10 else None


def serialize(root: Element, *, declaration: bool = True) -> bytes:
    """A part's bytes: UTF-8 with Word's ``standalone="yes"`` declaration, or none."""
    if declaration:
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return etree.tostring(root, encoding="UTF-8")


def new_element(tag: str, nsmap: dict[str | None, str] | None = None, **attrs: str) -> Element:
    """A new root element ``tag`` (a Clark name) with ``attrs`` (Clark names too)."""
    return etree.Element(tag, attrs, nsmap=nsmap)


def sub(parent: Element, tag: str, **attrs: str | int) -> Element:
    """Append ``<w:tag w:attr=…>`` to ``parent`` and return it."""
    child = parent.makeelement(w(tag), {w(k): str(v) for k, v in attrs.items()})
    parent.append(child)
    return child


def add_text(run: Element, text: str) -> None:
    """Write ``text`` into ``run`` as ``w:t``, with ``w:tab`` for tabs and ``w:br`` for newlines."""
    for kind, piece in pieces(text):
        child = sub(run, kind)
        if kind == "t":
            child.text = piece
            if needs_preserve(piece):
                child.set(qn("xml:space"), "preserve")


def attribute_values(root: Element, name: str) -> list[str]:
    """Every value of attribute ``name`` (a Clark name) of the elements in the tree under ``root``
    (``root`` too; not a processing instruction's pseudo-attributes), in document order."""
    found = _finder(name, values=True)(root)
    assert isinstance(found, list)
    return [str(value) for value in found]


def with_attribute(root: Element, name: str) -> list[Element]:
    """The elements in the tree under ``root`` (``root`` too) that carry attribute ``name``
    (a Clark name), in document order: found by libxml2, not by walking every element in Python."""
    found = _finder(name, values=False)(root)
    assert isinstance(found, list)
    return [element for element in found if isinstance(element, etree._Element)]


@cache
def _finder(name: str, *, values: bool) -> etree.XPath:
    namespace, _, local = name[1:].partition("}") if name.startswith("{") else ("", "", name)
    attribute = f"@a:{local}" if namespace else f"@{local}"
    path = f"descendant-or-self::*/{attribute}" + ("" if values else "/..")  # faster than a predicate
    return etree.XPath(path, namespaces={"a": namespace} if namespace else None)


def child_val(element: Element, tag: str) -> str | None:
    """The ``w:val`` of the first ``w:tag`` child of ``element``; None when there is no such child."""
    child = element.find(w(tag))
    return None if child is None else child.get(w("val"))


def parent_of(element: Element) -> Element:
    """The parent of ``element``; ValueError for a root."""
    parent = element.getparent()
    if parent is None:
        raise ValueError(f"{element.tag!r} has no parent")
    return parent


def detach(element: Element) -> None:
    """Remove ``element`` (and its tail) from its parent."""
    parent_of(element).remove(element)


def required(element: Element, path: str) -> Element:
    """The first match of ``path`` under ``element``; ValueError if there is none."""
    found = element.find(path)
    if found is None:
        raise ValueError(f"{element.tag!r} has no {path}")
    return found


def insert_before(parent: Element, child: Element, later: Collection[str]) -> None:
    """Insert ``child`` before the first child of ``parent`` whose tag is in ``later``, else last.

    Keeps a schema sequence when ``later`` names the tags that follow ``child``'s.
    """
    index = next((i for i, node in enumerate(parent) if node.tag in later), len(parent))
    parent.insert(index, child)
