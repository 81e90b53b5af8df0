"""The styled base document of a stylesheet, built once per process and cached.

Starts from python-docx's default template and fixes what docx-notes §3.2 lists: A4 page
and GB/T 9704 margins, the 22-line grid, zh-CN East Asian language, own styles without
theme fonts, page-number footers, and no thumbnail, stylesWithEffects, customXml,
webSettings or numbering parts.

python-docx is used only here, once per stylesheet. A report does not reopen the base with
python-docx: it splices its body text into the cached ``word/document.xml`` and re-zips the
cached members, which takes a third of the time.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from reportgen.docxwriter.fonts import font_table
from reportgen.docxwriter.footer import add_page_numbers
from reportgen.docxwriter.package import (
    APP_XML,
    APPLICATION,
    Members,
    core_xml,
    read_members,
    write_zip,
)
from reportgen.docxwriter.styles import build_styles
from reportgen.docxwriter.units import Metrics
from reportgen.docxwriter.xml import Element, sub, w
from reportgen.stylesheet import Stylesheet

_DROPPED_PARTS = (RT.THUMBNAIL, RT.CUSTOM_XML, RT.WEB_SETTINGS, RT.NUMBERING,
                  "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")
COMPATIBILITY_MODE = "15"  # Word 2013+: table borders align with the text margin
DOCUMENT = "word/document.xml"


@dataclass(frozen=True)
class BasePackage:
    """The base .docx as zip members, with document.xml split where body content goes."""

    members: Members
    body_start: bytes  # document.xml up to the body's closing sectPr
    body_end: bytes  # the sectPr and the closing tags

    def document_xml(self, body: str) -> bytes:
        """document.xml with ``body`` (WordprocessingML text) as the body content."""
        return self.body_start + body.encode() + self.body_end


def base_package(sheet: Stylesheet) -> BasePackage:
    """The styled, empty base document of ``sheet``, built once per stylesheet.

    Stylesheets hold dicts and so are not hashable; the cache is keyed by their JSON.
    """
    return _package(sheet.model_dump_json())


@cache
def _package(sheet_json: str) -> BasePackage:
    members = read_members(_build(Stylesheet.model_validate_json(sheet_json)))
    document = dict(members)[DOCUMENT]
    split = document.index(b"<w:sectPr")
    return BasePackage(members, document[:split], document[split:])


def _build(sheet: Stylesheet) -> bytes:
    metrics = Metrics.of(sheet)
    doc = docx.Document()
    _drop_parts(doc)
    build_styles(doc.styles.element, sheet, metrics)
    _settings(doc.settings.element)
    _section(doc.element.body.find(w("sectPr")), metrics)
    add_page_numbers(doc, sheet)
    buffer = io.BytesIO()
    doc.save(buffer)
    return write_zip(read_members(buffer.getvalue()), {
        "docProps/app.xml": APP_XML,
        "docProps/core.xml": core_xml("", APPLICATION, None),
        "word/fontTable.xml": font_table(sheet),
    })


def _drop_parts(doc: DocxDocument) -> None:
    for rels in (doc.part.package.rels, doc.part.rels):
        for rid in [rid for rid, rel in rels.items() if rel.reltype in _DROPPED_PARTS]:
            del rels[rid]


def _settings(settings: Element) -> None:
    settings.find(w("themeFontLang")).set(w("eastAsia"), "zh-CN")
    preview = settings.find(w("savePreviewPicture"))
    if preview is not None:
        settings.remove(preview)
    for setting in settings.iter(w("compatSetting")):
        if setting.get(w("name")) == "compatibilityMode":
            setting.set(w("val"), COMPATIBILITY_MODE)


def _section(sectpr: Element, m: Metrics) -> None:
    for child in list(sectpr):
        sectpr.remove(child)
    for name in list(sectpr.attrib):
        del sectpr.attrib[name]
    sub(sectpr, "pgSz", w=m.page_width, h=m.page_height)
    sub(sectpr, "pgMar", top=m.top, right=m.right, bottom=m.bottom, left=m.left,
        header=m.header, footer=m.footer, gutter=0)
    sub(sectpr, "cols", space=425)
    sub(sectpr, "docGrid", type="lines", linePitch=m.line_pitch)
