"""The baseline part: what a draft was generated with, stored inside the .docx.

A custom XML part (``customXml/item1.xml``, with its ``itemProps1.xml`` and a relationship
from the main document, as Word stores them) holds every keyed block as it was written:
paragraph texts and table cell texts, with the data's fingerprint, the template and style
the reportgen version and whose report it is (unit, year, kind: ``update`` refuses data of
another one). Nothing outside the file is needed to update it later.

Why a custom XML part: Word keeps custom XML parts by design, and LibreOffice 7.4 keeps
them through open-and-save as well (verified: item, itemProps and the relationship come back
unchanged), whereas it drops ``w:docVars`` from settings.xml. Custom document properties
would survive too, but Word limits their values to 255 characters.

The part is found again by its root element's namespace, not by its name, since an editor's
Word may have added other custom XML parts or renumbered them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from reportgen.docx.keys import bookmark_name
from reportgen.ooxml.elements import XMLSyntaxError, parse_part
from reportgen.ooxml.escape import clean, escape
from reportgen.ooxml.namespaces import NAMESPACES, RT_CUSTOM_XML, RT_CUSTOM_XML_PROPS
from reportgen.ooxml.package import Members
from reportgen.ooxml.parts import (
    CONTENT_TYPES,
    RELS,
    XML_HEAD,
    add_override,
    add_relationships,
    relationships_xml,
    rels_name,
)
from reportgen.revise.model import Baseline, Generated, Origin, Subject
from reportgen.support.marks import BASELINE_NS

NS = BASELINE_NS
ITEM = "customXml/item1.xml"
PROPS = "customXml/itemProps1.xml"
_PROPS_TYPE = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
_ITEM_ID = "{5E3C6B1A-2D4F-4A8E-9B7C-3F1D0E2A6C58}"


def baseline_xml(baseline: Baseline) -> bytes:
    """The part's XML: ``<p>`` per paragraph and ``<t><r><c>`` per table, in document order.

    Bookmark names are not stored: they follow from the keys (:func:`keys.bookmark_name`).
    """
    origin, subject = baseline.origin, baseline.subject
    whose = f' unit="{_attr(subject.unit)}" year="{subject.year}" kind="{_attr(subject.kind)}"' if subject.known else ""
    parts = [
        XML_HEAD,
        f'<baseline xmlns="{NS}" version="{_attr(baseline.version)}" data="{_attr(origin.data)}"'
        f' template="{_attr(origin.template)}" style="{_attr(origin.style)}"{whose}>',
    ]
    for block in baseline.blocks:
        if block.cells is None:
            parts.append(f'<p key="{_attr(block.key)}">{_text(block.text)}</p>')
        else:
            rows = "".join("<r><c>" + "</c><c>".join(map(_text, row)) + "</c></r>" for row in block.cells)
            parts.append(f'<t key="{_attr(block.key)}">{rows}</t>')
    parts.append("</baseline>")
    return "".join(parts).encode()


def parse_baseline(data: bytes) -> tuple[Baseline, dict[str, str]] | None:
    """The baseline and its bookmark names (name → key), or None if the XML is not one."""
    try:
        root = parse_part(data)
    except XMLSyntaxError:
        return None
    if root.tag != f"{{{NS}}}baseline":
        return None
    blocks: list[Generated] = []
    names: dict[str, str] = {}
    for element in root.iterchildren(f"{{{NS}}}p", f"{{{NS}}}t"):  # not XML comments or processing instructions
        key = element.get("key", "")
        names[bookmark_name(key)] = key
        if element.tag == f"{{{NS}}}t":
            cells = tuple(
                tuple(c.text or "" for c in row.iterchildren(f"{{{NS}}}c"))
                for row in element.iterchildren(f"{{{NS}}}r")
            )
            blocks.append(Generated.table(key, cells))
        else:
            blocks.append(Generated(key, element.text or ""))
    origin = Origin(root.get("data", ""), root.get("template", ""), root.get("style", ""))
    return Baseline(
        tuple(blocks), origin, root.get("version", ""), _subject({str(k): str(v) for k, v in root.attrib.items()})
    ), names


def _subject(attributes: Mapping[str, str]) -> Subject:
    """The recorded unit, year and kind; an empty subject when any is missing or malformed."""
    year = attributes.get("year", "")
    subject = Subject(
        attributes.get("unit", ""), int(year) if year.isdigit() and len(year) <= 4 else None, attributes.get("kind", "")
    )
    return subject if subject.known else Subject()


def find_baseline(members: Members) -> tuple[str, Baseline, dict[str, str]] | None:
    """The member name, baseline and bookmark names of the package's baseline part."""
    for name, blob in members:
        if re.fullmatch(r"customXml/item\d+\.xml", name) and NS.encode() in blob[:400]:
            found = parse_baseline(blob)
            if found is not None:
                return name, *found
    return None


def baseline_parts(baseline: Baseline, parts: dict[str, bytes]) -> tuple[Members, dict[str, bytes]]:
    """New members for a package without custom XML, and its rels and content types updated.

    ``parts`` holds the current relationships and content types (base or already replaced).
    """
    props = (
        f'{XML_HEAD}<ds:datastoreItem ds:itemID="{_ITEM_ID}" xmlns:ds="{NAMESPACES["ds"]}">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{NS}"/></ds:schemaRefs></ds:datastoreItem>'
    )
    members = (
        (ITEM, baseline_xml(baseline)),
        (PROPS, props.encode()),
        (rels_name(ITEM), relationships_xml([("rId1", RT_CUSTOM_XML_PROPS, "itemProps1.xml")])),
    )
    return members, {
        RELS: add_relationships(parts[RELS], [("rIdRgBaseline", RT_CUSTOM_XML, f"../{ITEM}")]),
        CONTENT_TYPES: add_override(parts[CONTENT_TYPES], PROPS, _PROPS_TYPE),
    }


def _text(value: str) -> str:
    return escape(clean(value), quote=False)


def _attr(value: str) -> str:
    return escape(clean(value), whitespace=True)
