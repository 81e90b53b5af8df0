"""write_docx: blocks + stylesheet → .docx bytes, spliced into the cached base document.

Headings are written as their text only in native numbering mode (Word numbers them from
the heading styles' list) and with the number typed in front in literal mode. Pictures are
numbered 图1、图2… in order, like tables; their PNGs become image parts (``media``).

Every keyed heading, paragraph and table is bookmarked (``keys``) and recorded as written in
the baseline part (``baseline``), so ``reportgen update`` can later tell an editor's changes
from the data's. A table's caption is keyed ``<table key>/title``; pictures are not keyed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen._version import __version__
from reportgen.docx import style_names as names
from reportgen.docx.baseline import ITEM, baseline_parts
from reportgen.docx.keys import bookmark_name
from reportgen.docx.measures import TWIPS_PER_PT
from reportgen.docx.write.base import base_package
from reportgen.docx.write.closing import place_xml
from reportgen.docx.write.media import Media
from reportgen.docx.write.paragraphs import paragraph_xml, spacer_xml
from reportgen.docx.write.pictures import picture_xml
from reportgen.docx.write.styles import CHAR_SPACING
from reportgen.docx.write.tables import cell_lines, table_xml
from reportgen.ooxml.escape import clean
from reportgen.ooxml.package import APPLICATION, core_xml, source_date, write_zip
from reportgen.ooxml.parts import CONTENT_TYPES, DOCUMENT, RELS
from reportgen.render.blocks import Block, Document, Heading, PageBreak, Paragraph, Picture, Role, Span, Table
from reportgen.render.heading_numbers import HeadingNumbers
from reportgen.render.signature import LinePlace, Measure, closing_places, kept_with_closing
from reportgen.render.stylesheet import PICTURE_CAPTION, Stylesheet
from reportgen.revise.model import Baseline, Cells, Generated, Origin, Subject

if TYPE_CHECKING:
    from reportgen.docx.reference.load import Reference


def write_docx(
    document: Document,
    sheet: Stylesheet,
    reference: Reference | None = None,
    origin: Origin | None = None,
    subject: Subject | None = None,
) -> bytes:
    """The .docx bytes of ``document`` styled by ``sheet``; equal input gives equal bytes.

    ``reference`` (from :func:`~reportgen.docx.reference.load.load_reference`) supplies
    styles, heading numbering and page set-up that replace the stylesheet's. ``origin``
    (the data's fingerprint, template and style) and ``subject`` (unit, year, kind) are
    stored with the baseline.
    """
    base = base_package(sheet, reference)
    media = Media(base.members)
    writer = _BodyWriter(sheet, base.metrics.text_width, base.metrics.line_pitch, media, base.quote_fonts)
    body = writer.write(document.blocks)
    core = core_xml(document.title, document.author or APPLICATION, source_date())
    replace = {DOCUMENT: base.document_xml(body), "docProps/core.xml": core, **media.replacements()}
    members = base.members + media.members()
    if writer.generated:
        baseline = Baseline(tuple(writer.generated), origin or Origin(), __version__, subject or Subject())
        parts = dict(base.members)
        added, changed = baseline_parts(
            baseline, {name: replace.get(name, parts[name]) for name in (RELS, CONTENT_TYPES)}
        )
        members += added
        replace.update(changed)
    return write_zip(members, replace, fast=(ITEM,))


class _BodyWriter:
    """Turns blocks into body text, numbering headings, table and picture captions as it goes.

    Two tables in a row are kept apart by a hair-thin empty paragraph: adjacent ``w:tbl``
    elements would otherwise merge into one table in Word and LibreOffice, and the second
    one's header row would no longer repeat on each page.

    The text after a table starts half a line below it (space before the paragraph), so a
    heading does not sit on the table's bottom border.

    A PageBreak becomes ``pageBreakBefore`` on the next paragraph (or on the first cell of
    the next table), so no empty line is left at the top of the new page. Consecutive
    breaks count as one; a trailing break is dropped.
    """

    def __init__(
        self, sheet: Stylesheet, width: int, line_pitch: int, media: Media, quote_fonts: dict[str, str]
    ) -> None:
        self._sheet = sheet
        self._line_pitch = line_pitch
        self._quote_fonts = quote_fonts  # each style's CJK font, for curly quotes
        self._media = media
        self._width = width
        self._numbers = HeadingNumbers(sheet.headings)
        self._literal = sheet.numbering == "literal"
        self._tables = 0
        self._captions = 0  # captioned pictures: 图1、图2…
        self._break = False
        self._parts: list[str] = []
        self._after_table = False
        self._gap = round(sheet.role("body").size_pt * 10)  # half a body line, in twips
        self._space = 0  # space before the next paragraph
        self.generated: list[Generated] = []  # the keyed blocks as written, for the baseline
        self._keys: set[str] = set()

    def write(self, blocks: tuple[Block, ...]) -> str:
        places = self._closing_places(blocks)
        kept = kept_with_closing(blocks)
        for index, block in enumerate(blocks):
            if self._after_table and isinstance(block, Table) and not block.title:
                self._parts.append(spacer_xml(names.role_style_id("table")))
            self._space = self._gap if self._after_table and isinstance(block, Heading | Paragraph) else 0
            self._after_table = isinstance(block, Table)
            if isinstance(block, PageBreak):
                self._break = True
            elif isinstance(block, Heading):
                self._heading(block)
            elif isinstance(block, Paragraph) and index in places:
                self._placed(block, places[index])
            elif isinstance(block, Paragraph):
                style = names.role_style_id(_style_role(block.role))
                self._paragraph(style, block.spans, keep_next=index == kept, key=block.key)
            elif isinstance(block, Picture):
                self._picture(block)
            else:
                self._table(block)
        return "".join(self._parts)

    def _closing_places(self, blocks: tuple[Block, ...]) -> dict[int, LinePlace]:
        """Where the 附件说明 and 落款 lines stand (GB/T 9704 §7.3.4–7.3.5)."""
        size = self._sheet.role("signature").size_pt
        spacing = CHAR_SPACING / TWIPS_PER_PT if self._sheet.grid == "portable" else 0.0
        return closing_places(blocks, Measure(size, spacing), self._sheet.seal)

    def _placed(self, paragraph: Paragraph, place: LinePlace) -> None:
        role = _style_role(paragraph.role)
        align = "left" if paragraph.role is Role.ATTACHMENT_NOTE else ""
        xml = place_xml(place, self._sheet.role(role).size_pt, self._line_pitch, align)
        mark = self._mark(paragraph.key, clean(paragraph.text)) if paragraph.key else None
        self._parts.append(
            paragraph_xml(
                names.role_style_id(role),
                paragraph.spans,
                break_before=self._take_break(),
                keep_next=xml.keep_next,
                align=xml.align,
                mark=mark,
                quote_font=self._quote_fonts.get(names.role_style_id(role), ""),
                spacing=xml.spacing,
                indent=xml.indent,
            )
        )

    def _take_break(self) -> bool:
        pending, self._break = self._break, False
        return pending

    def _mark(self, key: str, text: str, cells: Cells | None = None) -> tuple[int, str] | None:
        """Record a keyed block and return its bookmark; None when unkeyed or a repeated key."""
        if not key or key in self._keys:
            return None
        self._keys.add(key)
        self.generated.append(Generated(key, text) if cells is None else Generated.table(key, cells))
        return len(self.generated), bookmark_name(key)

    def _paragraph(self, style_id: str, spans: tuple[Span, ...], keep_next: bool = False, key: str = "") -> None:
        mark = self._mark(key, clean("".join(span.text for span in spans))) if key else None
        space, self._space = self._space, 0
        self._parts.append(
            paragraph_xml(
                style_id,
                spans,
                break_before=self._take_break(),
                keep_next=keep_next,
                mark=mark,
                quote_font=self._quote_fonts.get(style_id, ""),
                space_before=space,
            )
        )

    def _heading(self, heading: Heading) -> None:
        number = self._numbers.next(heading.level)  # also checks the level in native mode
        text = number + heading.text if self._literal else heading.text
        self._paragraph(names.heading_style_id(heading.level), (Span(text),), key=heading.key)

    def _table(self, table: Table) -> None:
        if table.title:
            self._tables += 1
            caption = self._sheet.table_caption.format(n=self._tables, title=table.title)
            self._paragraph(
                names.role_style_id("table_title"),
                (Span(caption),),
                keep_next=True,
                key=f"{table.key}/title" if table.key else "",
            )
        align = self._sheet.role("table").align
        mark = None
        if table.key:
            cells = tuple(tuple("\n".join(cell_lines(cell)) for cell in row.cells) for row in table.rows)
            mark = self._mark(table.key, "", cells)
        self._parts.append(
            table_xml(
                table,
                self._width,
                style_align=align,
                break_before=self._take_break(),
                mark=mark,
                quote_font=self._quote_fonts.get(names.role_style_id("table"), ""),
            )
        )

    def _picture(self, picture: Picture) -> None:
        rid = self._media.add(picture.png)
        self._parts.append(
            picture_xml(picture, rid, len(self._media), keep_next=bool(picture.title), break_before=self._take_break())
        )
        if picture.title:
            self._captions += 1
            caption = PICTURE_CAPTION.format(n=self._captions, title=picture.title)
            self._paragraph(names.role_style_id("table_title"), (Span(caption),))


def _style_role(role: Role) -> Role:
    """The role whose style a paragraph takes: 附件说明 lines are body text placed by indents."""
    return Role.BODY if role is Role.ATTACHMENT_NOTE else role
