"""The styled base document of a stylesheet (and reference document), built once and cached.

Starts from python-docx's default template and fixes what docs/docx-notes.md §3.2 lists: A4 page
and GB/T 9704 margins, the 22-line grid, zh-CN East Asian language, own styles without
theme fonts, page-number footers, and no thumbnail, stylesWithEffects, customXml or
webSettings parts. The numbering part holds the heading list in native numbering mode
and is dropped in literal mode. A reference document's styles, theme and page set-up
replace ours (``reference``); otherwise the theme names only the stylesheet's fonts and the
font table describes them with their stand-ins (``fonts``, docs/docx-notes.md §3.16).

python-docx is used only here, once per stylesheet. A report does not reopen the base with
python-docx: it splices its body text into the cached ``word/document.xml`` and re-zips the
cached members, which takes a third of the time.
"""

from __future__ import annotations

import copy
import hashlib
import io
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from reportgen.docx.measures import Metrics, char_space
from reportgen.docx.write.fonts import clean_theme, east_asian_fonts, font_table
from reportgen.docx.write.footer import fill_footer
from reportgen.docx.write.native_numbering import bind_headings, numbering_xml
from reportgen.docx.write.styles import build_styles
from reportgen.ooxml.elements import Element, parse, required, sub, w
from reportgen.ooxml.namespaces import (
    RT_CUSTOM_XML,
    RT_NUMBERING,
    RT_STYLES_WITH_EFFECTS,
    RT_THUMBNAIL,
    RT_WEB_SETTINGS,
)
from reportgen.ooxml.package import (
    APP_XML,
    APPLICATION,
    Members,
    core_xml,
    read_members,
    write_zip,
)
from reportgen.ooxml.parts import DOCUMENT
from reportgen.render.stylesheet import Stylesheet
from reportgen.support import cache as disk_cache

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

    from reportgen.docx.reference.load import Reference

_DROPPED_PARTS = (RT_THUMBNAIL, RT_CUSTOM_XML, RT_WEB_SETTINGS, RT_STYLES_WITH_EFFECTS)
COMPATIBILITY_MODE = "15"  # Word 2013+: table borders align with the text margin
THEME = "word/theme/theme1.xml"
STYLES = "word/styles.xml"
MATH_PROPERTIES = "{http://schemas.openxmlformats.org/officeDocument/2006/math}mathPr"


@dataclass(frozen=True)
class BasePackage:
    """The base .docx as zip members, with document.xml split where body content goes."""

    members: Members
    body_start: bytes  # document.xml up to the body's closing sectPr
    body_end: bytes  # the sectPr and the closing tags
    metrics: Metrics  # the page as built (a reference document may change it)
    quote_fonts: dict[str, str]  # paragraph style id → its CJK font (fonts.east_asian_fonts)

    def document_xml(self, body: str) -> bytes:
        """document.xml with ``body`` (WordprocessingML text) as the body content."""
        return self.body_start + body.encode() + self.body_end


def base_package(sheet: Stylesheet, reference: Reference | None = None) -> BasePackage:
    """The styled, empty base document of ``sheet``, built once per stylesheet and reference.

    Stylesheets hold dicts and so are not hashable; the cache is keyed by their JSON.
    References are keyed by file path, modification time and size.
    """
    return _package(sheet.model_dump_json(), reference)


@cache
def _package(sheet_json: str, reference: Reference | None) -> BasePackage:
    sheet = Stylesheet.model_validate_json(sheet_json)
    metrics = Metrics.of(sheet) if reference is None else reference.metrics(Metrics.of(sheet))
    members = read_members(_built(sheet_json, sheet, metrics, reference))
    parts = dict(members)
    document = parts[DOCUMENT]
    split = document.index(b"<w:sectPr")
    quote_fonts = east_asian_fonts(parts[STYLES])
    return BasePackage(members, document[:split], document[split:], metrics, quote_fonts)


def _built(sheet_json: str, sheet: Stylesheet, metrics: Metrics, reference: Reference | None) -> bytes:
    """The base .docx, from the per-user cache when the same code built it for the same style.

    Building needs python-docx (about 70 ms to import) and takes 20–40 ms more; a command
    that renders one report saves both. Documents with a reference are not cached.
    """
    if reference is not None:
        return _build(sheet, metrics, reference)
    key = hashlib.sha256(f"{disk_cache.code_fingerprint('docx', 'ooxml')}\0{sheet_json}".encode()).hexdigest()[:24]
    name = f"base-{key}.docx"
    stored = disk_cache.read(name)
    if stored is not None:
        return stored
    built = _build(sheet, metrics, reference)
    disk_cache.write(name, built)
    return built


def _build(sheet: Stylesheet, metrics: Metrics, reference: Reference | None) -> bytes:
    import docx

    doc = docx.Document()
    native = sheet.numbering == "native"
    _drop_parts(doc, (RT_NUMBERING,) if not native else ())
    styles = doc.styles.element
    build_styles(styles, sheet, metrics)
    if reference is not None:
        reference.apply_styles(styles)
    if native:
        _numbering(doc, sheet, reference)
    _settings(doc.settings.element)
    sectpr = doc.element.body.find(w("sectPr"))
    _section(sectpr, metrics, sheet)
    if reference is not None:
        reference.apply_section(sectpr)
    doc.settings.odd_and_even_pages_header_footer = True  # page numbers: odd right, even left
    fill_footer(doc.sections[0].footer._element, sheet, "right")
    fill_footer(doc.sections[0].even_page_footer._element, sheet, "left")
    buffer = io.BytesIO()
    doc.save(buffer)
    replace = {
        "docProps/app.xml": APP_XML,
        "docProps/core.xml": core_xml("", APPLICATION, None),
        "word/fontTable.xml": font_table(sheet, reference.fonts if reference else ()),
    }
    members = read_members(buffer.getvalue())
    if reference is not None and reference.theme is not None:
        replace[THEME] = reference.theme
    else:
        replace[THEME] = clean_theme(dict(members)[THEME], sheet)
    return write_zip(members, replace)


def _numbering(doc: DocxDocument, sheet: Stylesheet, reference: Reference | None) -> None:
    """Fill the numbering part with the heading list and bind Heading1–4 to it."""
    styles = doc.styles.element
    if reference is not None and reference.numbering is not None:
        definitions, levels = list(reference.numbering), reference.heading_levels
    else:
        definitions, levels = list(parse(numbering_xml(sheet, styles))), (0, 1, 2, 3)
    root = doc.part.numbering_part.element
    for child in list(root):
        root.remove(child)
    root.extend(copy.deepcopy(definition) for definition in definitions)
    bind_headings(styles, levels)


def _drop_parts(doc: DocxDocument, also: tuple[str, ...]) -> None:
    for rels in (doc.part.package.rels, doc.part.rels):
        for rid in [rid for rid, rel in rels.items() if rel.reltype in (*_DROPPED_PARTS, *also)]:
            del rels[rid]


def _settings(settings: Element) -> None:
    required(settings, w("themeFontLang")).set(w("eastAsia"), "zh-CN")
    for name in (w("savePreviewPicture"), MATH_PROPERTIES):  # math names Cambria Math: no report has math
        found = settings.find(name)
        if found is not None:
            settings.remove(found)
    for setting in settings.iter(w("compatSetting")):
        if setting.get(w("name")) == "compatibilityMode":
            setting.set(w("val"), COMPATIBILITY_MODE)


def _section(sectpr: Element, m: Metrics, sheet: Stylesheet) -> None:
    for child in list(sectpr):
        sectpr.remove(child)
    for name in list(sectpr.attrib):
        del sectpr.attrib[name]
    sub(sectpr, "pgSz", w=m.page_width, h=m.page_height)
    sub(
        sectpr,
        "pgMar",
        top=m.top,
        right=m.right,
        bottom=m.bottom,
        left=m.left,
        header=m.header,
        footer=m.footer,
        gutter=0,
    )
    sub(sectpr, "cols", space=425)
    if sheet.grid == "word":
        sub(sectpr, "docGrid", type="linesAndChars", linePitch=m.line_pitch, charSpace=char_space(sheet, m.text_width))
    else:
        sub(sectpr, "docGrid", type="lines", linePitch=m.line_pitch)
