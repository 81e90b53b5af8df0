"""The one mapping between reportgen roles and Word styles (python-docx's BabelFish idea).

Role styles get ASCII style ids (stable for code and tests) and Chinese display names (what
an editor sees in Word's style pane). Headings use Word's built-in "heading 1–4" so the
navigation pane and a TOC work; Chinese Word shows them as 标题 1–4.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StyleName:
    """A paragraph style: its ``w:styleId`` and its ``w:name``."""

    style_id: str
    name: str


ROLE_STYLES: dict[str, StyleName] = {
    "body": StyleName("RGBody", "公文正文"),
    "title": StyleName("RGTitle", "公文标题"),
    "subtitle": StyleName("RGSubtitle", "公文副标题"),
    "attachment": StyleName("RGAttachment", "附件标识"),
    "table_title": StyleName("RGTableTitle", "表格标题"),
    "note": StyleName("RGNote", "表注"),
    "signature": StyleName("RGSignature", "落款"),
    "table": StyleName("RGTableText", "表格文字"),
    "page_number": StyleName("RGPageNumber", "页码"),
}

HEADING_STYLES: tuple[StyleName, ...] = tuple(StyleName(f"Heading{level}", f"heading {level}") for level in range(1, 5))

NORMAL = StyleName("Normal", "Normal")
FOOTER = StyleName("Footer", "footer")
TABLE_GRID = StyleName("TableGrid", "Table Grid")
TABLE_NORMAL = StyleName("TableNormal", "Normal Table")
DEFAULT_FONT = StyleName("DefaultParagraphFont", "Default Paragraph Font")

# read_outline labels: role names for role styles, heading1…heading4 for headings.
OUTLINE_LABELS: dict[str, str] = {
    **{style.style_id: role for role, style in ROLE_STYLES.items()},
    **{style.style_id: f"heading{level}" for level, style in enumerate(HEADING_STYLES, 1)},
}


def role_style_id(role: str) -> str:
    """The style id of a paragraph role."""
    return ROLE_STYLES[role].style_id


def heading_style_id(level: int) -> str:
    """The style id of heading ``level`` (1–4)."""
    return HEADING_STYLES[level - 1].style_id
