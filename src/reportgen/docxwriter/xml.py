"""Small lxml builders for WordprocessingML; the writer's raw XML goes through these.

New elements are made by their parent (``makeelement``), so they join its document and get
python-docx's element classes. Callers append children in schema order themselves: CT_PPr
and CT_RPr are strict sequences. lxml is reached only through python-docx's typed-as-Any
objects, since lxml ships no type stubs.
"""

from __future__ import annotations

from typing import Any, TypeAlias

from lxml import etree  # type: ignore[import-untyped]

from reportgen.archive import ArchiveError
from reportgen.docxwriter.markup import clean

Element: TypeAlias = Any  # an lxml element (lxml has no type stubs)

# Imported lazily elsewhere: python-docx costs ~70 ms at start-up and is needed only to
# build a base document once per process; reading and writing parts needs plain lxml.
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NAMESPACES = {"w": W_NS, "xml": "http://www.w3.org/XML/1998/namespace"}
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
# Keeps all whitespace; libxml2's default limits (nesting depth 256, 10 MB in one text node) are
# far beyond a real document and keep a hostile one from nesting deeper than reading can follow.
_PART_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=False, no_network=True)


def qn(name: str) -> str:
    """``w:jc`` → ``{…/main}jc`` (python-docx's qn for the prefixes used here)."""
    prefix, local = name.split(":")
    return f"{{{_NAMESPACES[prefix]}}}{local}"


def w(tag: str) -> str:
    """Clark name of a ``w:`` tag or attribute: ``w("jc")`` → ``{…/main}jc``."""
    return qn(f"w:{tag}")


def sub(parent: Element, tag: str, **attrs: str | int) -> Element:
    """Append ``<w:tag w:attr=…>`` to ``parent`` and return it."""
    child = parent.makeelement(w(tag), {w(k): str(v) for k, v in attrs.items()})
    parent.append(child)
    return child


def parse(data: bytes) -> Element:
    """Parse an XML part."""
    return etree.fromstring(data, _PARSER)


def id_number(text: str) -> int | None:
    """A numeric id attribute (``w:id="12"``) as int; None for anything but 1–10 ASCII digits."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 10 else None


def parse_part(name: str, data: bytes) -> Element:
    """Parse the part ``name`` of a package read from a user, keeping all whitespace.

    Broken XML is an :class:`~reportgen.archive.ArchiveError` naming the part and the place.
    """
    try:
        return etree.fromstring(data, _PART_PARSER)
    except (etree.XMLSyntaxError, ValueError, LookupError) as exc:
        line, column = getattr(exc, "position", None) or (0, 0)
        where = f"（第{line}行第{column}列）" if line else ""
        why = "：元素嵌套层数过多" if "depth" in str(exc) else ""
        raise ArchiveError(f"文件中的部件“{name}”不是有效的 XML{where}{why}：文件可能已损坏，"
                           "请用 Word 或 WPS 打开并另存后再试。") from None


def add_text(run: Element, text: str) -> None:
    """Write ``text`` into ``run`` as ``w:t``, with ``w:tab`` for tabs and ``w:br`` for newlines."""
    for index, line in enumerate(clean(text).split("\n")):
        if index:
            sub(run, "br")
        for part_index, part in enumerate(line.split("\t")):
            if part_index:
                sub(run, "tab")
            if part:
                t = sub(run, "t")
                t.text = part
                if part != part.strip():
                    t.set(qn("xml:space"), "preserve")
