"""The one table of OOXML namespaces and relationship types, and ``qn`` over it.

Prefixes are the ones Word writes, so ``qn("w:jc")`` reads like the XML it names. Parts
built as strings (:mod:`reportgen.ooxml.strings`) declare their namespaces from here too.
"""

from __future__ import annotations

NAMESPACES: dict[str, str] = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "w15": "http://schemas.microsoft.com/office/word/2012/wordml",
    "ds": "http://schemas.openxmlformats.org/officeDocument/2006/customXml",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
W_NS = NAMESPACES["w"]

# Relationship types (``Relationship/@Type``): document-level ones under the ``r`` namespace.
RT_COMMENTS = f"{NAMESPACES['r']}/comments"
RT_CUSTOM_XML = f"{NAMESPACES['r']}/customXml"
RT_CUSTOM_XML_PROPS = f"{NAMESPACES['r']}/customXmlProps"
RT_IMAGE = f"{NAMESPACES['r']}/image"
RT_NUMBERING = f"{NAMESPACES['r']}/numbering"
RT_WEB_SETTINGS = f"{NAMESPACES['r']}/webSettings"
RT_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
RT_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def qn(name: str) -> str:
    """``w:jc`` → ``{…/main}jc``: the Clark name of a prefixed tag or attribute."""
    prefix, local = name.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def w(tag: str) -> str:
    """Clark name of a ``w:`` tag or attribute: ``w("jc")`` → ``{…/main}jc``."""
    return f"{{{W_NS}}}{tag}"
