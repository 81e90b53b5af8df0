"""Small lxml builders for WordprocessingML; the writer's raw XML goes through these.

New elements are made by their parent (``makeelement``), so they join its document and get
python-docx's element classes. Callers append children in schema order themselves: CT_PPr
and CT_RPr are strict sequences. lxml is reached only through python-docx's typed-as-Any
objects, since lxml ships no type stubs.
"""

from __future__ import annotations

from typing import Any, TypeAlias

from lxml import etree  # type: ignore[import-untyped]

Element: TypeAlias = Any  # an lxml element (lxml has no type stubs)

# Imported lazily elsewhere: python-docx costs ~70 ms at start-up and is needed only to
# build a base document once per process; reading and writing parts needs plain lxml.
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NAMESPACES = {"w": W_NS, "xml": "http://www.w3.org/XML/1998/namespace"}
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


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


def add_text(run: Element, text: str) -> None:
    """Write ``text`` into ``run`` as ``w:t``, with ``w:tab`` for tabs and ``w:br`` for newlines."""
    for index, line in enumerate(text.split("\n")):
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
