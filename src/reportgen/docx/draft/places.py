"""Where a draft's blocks stand: the heading path above each one, as a reader sees it.

A heading is a paragraph whose style is one of reportgen's heading styles, or any style
named "heading N" (as Word and LibreOffice name them, whatever the style's id became), or
that carries an outline level. Its text is shown with the number Word puts in front of it
(native numbering is counted through :class:`ListNumbers`), so a place reads
"三、绩效情况 › （三）指标完成情况". The signature stands under "落款" and an attachment's
content under its own line ("附件1"), as :func:`reportgen.api.unfinished` places them.
"""

from __future__ import annotations

import re

from reportgen.docx.draft.read import Draft
from reportgen.docx.draft.shown_numbers import ListNumbers
from reportgen.docx.style_names import OUTLINE_LABELS
from reportgen.ooxml.elements import Element, parse, w

SEPARATOR = " › "
SIGNATURE = "落款"
_HEADING_NAME = re.compile(r"heading\s*([1-9])", re.IGNORECASE)
_OUTLINE_LEVELS = 4  # reportgen writes headings of four levels; deeper outline levels are body text


def heading_paths(draft: Draft) -> list[str]:
    """Per block of ``draft``, the headings it stands under ("" before the first heading).

    A heading's own entry is the path of the headings above it.
    """
    parts = dict(draft.members)
    styles = _parsed(parts.get("word/styles.xml"))
    numbers = ListNumbers(styles, _parsed(parts.get("word/numbering.xml")))
    levels = _style_levels(styles)
    path: list[str] = []
    found: list[str] = []
    for block, elements in zip(draft.blocks, draft.block_elements, strict=True):
        role = "" if block.is_table else _role(elements[0])
        if role == "signature":
            path = [SIGNATURE]
        found.append(SEPARATOR.join(path))
        if block.is_table:
            continue
        shown = [numbers.next(p) for p in elements]
        level = _level(elements[0], levels)
        if level is not None and block.text.strip():
            path = [*path[: level - 1], (shown[0].strip() + block.text.strip())]
        elif role == "attachment" and block.text.strip():
            path = [block.text.strip()]
    return found


def _parsed(blob: bytes | None) -> Element | None:
    return parse(blob) if blob is not None else None


def _style_levels(styles: Element | None) -> dict[str, int]:
    """Style id → heading level, for the styles that are headings."""
    found: dict[str, int] = {}
    for style in styles.iterfind(w("style")) if styles is not None else ():
        style_id = style.get(w("styleId"), "")
        label = OUTLINE_LABELS.get(style_id, "")
        name = style.find(w("name"))
        named = _HEADING_NAME.fullmatch(name.get(w("val"), "")) if name is not None else None
        outline = _outline(style)
        if label.startswith("heading"):
            found[style_id] = int(label.removeprefix("heading"))
        elif named:
            found[style_id] = int(named.group(1))
        elif outline is not None:
            found[style_id] = outline
    return found


def _level(p: Element, levels: dict[str, int]) -> int | None:
    """The heading level of paragraph ``p`` (1–4), or None for body text."""
    direct = _outline(p)
    if direct is not None:
        return direct
    style = p.find(f"{w('pPr')}/{w('pStyle')}")
    return levels.get(style.get(w("val"), "")) if style is not None else None


def _role(p: Element) -> str:
    """The reportgen role of a paragraph's style ("signature", "attachment", …; "" if none)."""
    style = p.find(f"{w('pPr')}/{w('pStyle')}")
    return OUTLINE_LABELS.get(style.get(w("val"), ""), "") if style is not None else ""


def _outline(element: Element) -> int | None:
    """A paragraph's or style's own outline level (1-based), if it is a heading level."""
    found = element.find(f"{w('pPr')}/{w('outlineLvl')}")
    value = found.get(w("val"), "") if found is not None else ""
    if not value.isdigit():
        return None
    level = int(value) + 1
    return level if level <= _OUTLINE_LEVELS else None
