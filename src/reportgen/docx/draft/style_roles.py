"""What a draft's styles are, whatever ids the office program that saved it gave them.

reportgen writes its styles with fixed ids (``RGBody``, ``RGTableText``, ``Heading1`` …,
:mod:`reportgen.docx.style_names`). Word keeps them; LibreOffice renames custom style ids on
saving (``RGTableText`` → ``Style17``) and keeps the display names (表格文字), and writes the
built-in headings' names in its own case ("Heading 1" for "heading 1"). So a style is known by
what it is: its name, or failing that its id, as one *role* label — the labels of
:data:`reportgen.docx.style_names.OUTLINE_LABELS` ("body", "table", "signature",
"heading1" …), or the style's normalised name for styles that are no role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.docx.style_names import HEADING_STYLES, OUTLINE_LABELS, ROLE_STYLES
from reportgen.ooxml.elements import Element, w

_HEADING_NAME = re.compile(r"heading\s*([1-9])")
_ROLE_BY_NAME: dict[str, str] = {style.name: role for role, style in ROLE_STYLES.items()}
_ROLE_BY_NAME.update({style.name: f"heading{level}" for level, style in enumerate(HEADING_STYLES, 1)})


@dataclass(frozen=True)
class StyleEntry:
    """One ``w:style`` of a styles part: its id, type, role label and the element itself."""

    style_id: str
    kind: str  # paragraph, character, table, numbering
    role: str
    element: Element


def normalised_name(name: str) -> str:
    """A style name as Word compares names: case and spaces do not count ("Heading 1" = "heading1")."""
    return "".join(name.split()).casefold()


def role_of(style_id: str, name: str) -> str:
    """The role label of a style named ``name`` with id ``style_id``.

    The name decides when it is one of reportgen's (公文正文 → "body") or a heading name in any
    case; then reportgen's own id; otherwise the normalised name stands for itself, prefixed so
    it never equals a role label.
    """
    squashed = normalised_name(name)
    for known, role in _ROLE_BY_NAME.items():
        if normalised_name(known) == squashed:
            return role
    heading = _HEADING_NAME.fullmatch(squashed)
    if heading:
        return f"heading{heading.group(1)}"
    if style_id in OUTLINE_LABELS and not name:
        return OUTLINE_LABELS[style_id]
    return f"name:{squashed}" if squashed else f"id:{style_id}"


def read_styles(styles: Element | None) -> list[StyleEntry]:
    """Every style of a parsed styles part, in document order (none without a part)."""
    found: list[StyleEntry] = []
    for style in styles.iterfind(w("style")) if styles is not None else ():
        style_id = style.get(w("styleId"), "")
        name = style.find(w("name"))
        role = role_of(style_id, name.get(w("val"), "") if name is not None else "")
        found.append(StyleEntry(style_id, style.get(w("type"), "paragraph"), role, style))
    return found


def style_roles(styles: Element | None) -> dict[str, str]:
    """Paragraph style id → role label, for the styles of a parsed styles part."""
    return {entry.style_id: entry.role for entry in read_styles(styles) if entry.kind == "paragraph"}
