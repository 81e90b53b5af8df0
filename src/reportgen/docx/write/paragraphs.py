"""Body paragraphs and headings as WordprocessingML text: a styled ``w:p``, one run per span.

A highlighted span (a 【待补充：…】 placeholder) is a yellow-highlighted run, so an editor
sees at a glance what is still to be supplied. Given the style's CJK font (``quote_font``),
a curly quote after a digit or Latin letter gets a run of its own set in that font
(docs/docx-notes.md §3.3).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from reportgen.docx.keys import bookmark_xml
from reportgen.docx.write.fonts import needs_hint, quote_pieces
from reportgen.ooxml.strings import attr, tag, text_xml
from reportgen.render.blocks import Span

HINT = '<w:rFonts w:hint="eastAsia"/>'
HIGHLIGHT = '<w:highlight w:val="yellow"/>'
# A quote run's Latin language: where its font is missing, LibreOffice falls back to a CJK face.
QUOTE_LANG = '<w:lang w:val="zh-CN"/>'


def paragraph_xml(
    style_id: str,
    spans: Iterable[Span],
    *,
    break_before: bool = False,
    keep_next: bool = False,
    align: str = "",
    mark: tuple[int, str] | None = None,
    quote_font: str = "",
    spacing: str = "",
    indent: str = "",
    space_before: int = 0,
) -> str:
    """A paragraph in ``style_id``; ``align`` overrides the style's ``w:jc``, ``spacing`` and
    ``indent`` (``w:spacing``, ``w:ind`` elements) its spacing and indents.

    ``mark`` is the (id, name) of the bookmark that keys the paragraph (``keys``);
    ``quote_font`` is the style's CJK font, for curly quotes (``run_xml``); ``space_before``
    (twips) adds room above it, e.g. under a table (when no ``spacing`` is given).
    """
    ppr = ppr_xml(
        style_id,
        break_before=break_before,
        keep_next=keep_next,
        align=align,
        spacing=spacing,
        indent=indent,
        space_before=space_before,
    )
    runs = "".join(
        run_xml(span.text, bold=span.bold, italic=span.italic, highlight=span.highlight, quote_font=quote_font)
        for span in spans
    )
    start, end = bookmark_xml(mark)
    return f"<w:p>{ppr}{start}{runs}{end}</w:p>"


@lru_cache(maxsize=512)  # a report has a few dozen distinct ones, written thousands of times
def ppr_xml(
    style_id: str,
    *,
    break_before: bool = False,
    keep_next: bool = False,
    align: str = "",
    spacing: str = "",
    indent: str = "",
    space_before: int = 0,
) -> str:
    """``w:pPr`` with children in schema order: pStyle, keepNext, pageBreakBefore, spacing,
    ind, jc. ``spacing`` (a whole ``w:spacing``) wins over ``space_before``."""
    parts = [tag("pStyle", val=style_id)]
    if keep_next:
        parts.append("<w:keepNext/>")
    if break_before:
        parts.append("<w:pageBreakBefore/>")
    if spacing:
        parts.append(spacing)
    elif space_before:
        parts.append(tag("spacing", before=space_before))
    parts.append(indent)
    if align:
        parts.append(tag("jc", val=align))
    return f"<w:pPr>{''.join(parts)}</w:pPr>"


SHORT_TEXT = 40  # the runs of shorter texts (table headers, indicator levels, units) are cached


def run_xml(
    text: str, *, bold: bool = False, italic: bool = False, highlight: bool = False, quote_font: str = ""
) -> str:
    """Runs of ``text``; fonts come from the paragraph style, so only the hint and emphasis are set.
    The runs of a short text are made once and remembered: they depend on nothing else.

    With ``quote_font``, curly quotes not after a CJK character are runs of their own whose
    Latin fonts are ``quote_font`` and Latin language zh-CN: Word and WPS set them in the CJK
    font by the hint, LibreOffice only by the font, or by the language where the font is
    missing (docs/docx-notes.md §3.3).
    """
    if len(text) <= SHORT_TEXT:
        return _short_run_xml(text, bold, italic, highlight, quote_font)
    return _run_xml(text, bold, italic, highlight, quote_font)


@lru_cache(maxsize=4096)
def _short_run_xml(text: str, bold: bool, italic: bool, highlight: bool, quote_font: str) -> str:
    return _run_xml(text, bold, italic, highlight, quote_font)


def _run_xml(text: str, bold: bool, italic: bool, highlight: bool, quote_font: str) -> str:
    emphasis = (
        ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "") + (HIGHLIGHT if highlight else "")
    )
    if not quote_font:
        return _run(text, (HINT if needs_hint(text) else "") + emphasis)
    fonts = f'<w:rFonts w:ascii="{attr(quote_font)}" w:hAnsi="{attr(quote_font)}" w:hint="eastAsia"/>'
    return "".join(
        _run(piece, fonts + emphasis + QUOTE_LANG if is_quote else (HINT if needs_hint(piece) else "") + emphasis)
        for piece, is_quote in quote_pieces(text)
    )


def _run(text: str, rpr: str) -> str:
    content = text_xml(text)
    if not content:
        return ""
    return f"<w:r>{tag('rPr', rpr)}{content}</w:r>" if rpr else f"<w:r>{content}</w:r>"


def spacer_xml(style_id: str) -> str:
    """An empty paragraph one point high, kept with the next block (separates two tables)."""
    return (
        f"<w:p><w:pPr>{tag('pStyle', val=style_id)}<w:keepNext/>"
        '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
        '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>'
    )
