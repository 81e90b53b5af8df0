"""Where a draft's blocks stand: the heading path above each one, as a reader sees it.

A heading is a paragraph whose style is a heading by its role (reportgen's heading styles,
or any style named "heading N", as Word and LibreOffice name them, whatever the style's id
became: :mod:`reportgen.docx.draft.style_roles`), or that carries an outline level; the
signature and attachment lines are known by their styles' roles the same way. A heading's
text is shown with the number Word puts in front of it (native numbering is counted through
:class:`ListNumbers`), so a place reads "三、绩效情况 › （三）指标完成情况". The signature
stands under "落款" and an attachment's content under its own line ("附件1"), as
:func:`reportgen.api.unfinished` places them. Paragraphs and tables are counted under their
nearest heading; a table is named by the title paragraph above it, and its cells' grid
columns line merged rows up with the header.
"""

from __future__ import annotations

import re

from reportgen.docx.draft.read import Draft
from reportgen.docx.draft.shown_numbers import ListNumbers
from reportgen.docx.draft.style_roles import style_roles
from reportgen.ooxml.elements import Element, parse, w
from reportgen.revise.location import SEPARATOR, Grid, Place

SIGNATURE = "落款"
_TITLE_REACH = 6  # blocks looked back for a table's title
_TITLE_LENGTH = 30  # a paragraph of unknown style longer than this is no title
_PAST_TITLE = ("subtitle", "note", "table")
_BRACKETED = re.compile(r"[（(].*[）)]")
_GRID_BEFORE = f"{w('trPr')}/{w('gridBefore')}"
_GRID_SPAN = f"{w('tcPr')}/{w('gridSpan')}"
_CELL = w("tc")
_SPANS = (w("gridBefore"), w("gridSpan"))
_OUTLINE_LEVELS = 4  # reportgen writes headings of four levels; deeper outline levels are body text


def heading_paths(draft: Draft) -> list[str]:
    """Per block of ``draft``, the headings it stands under ("" before the first heading).

    A heading's own entry is the path of the headings above it.
    """
    return [place.heading for place in block_places(draft)]


def block_places(draft: Draft) -> list[Place]:
    """Per block of ``draft``, where it stands: its heading path, its number among the
    paragraphs (or the tables) under the nearest heading, a table's title and grid columns."""
    parts = dict(draft.members)
    styles = _parsed(parts.get("word/styles.xml"))
    numbers = ListNumbers(styles, _parsed(parts.get("word/numbering.xml")))
    roles_by_style = style_roles(styles)
    levels = _style_levels(styles, roles_by_style)
    path: list[str] = []
    found: list[Place] = []
    roles: list[str] = []
    paragraphs = tables = 0
    for index, (block, elements) in enumerate(zip(draft.blocks, draft.block_elements, strict=True)):
        role = "" if block.is_table else _role(elements[0], roles_by_style)
        roles.append(role)
        if role == "signature" and path != [SIGNATURE]:
            path, paragraphs, tables = [SIGNATURE], 0, 0
        heading = SEPARATOR.join(path)
        if block.is_table:
            tables += 1
            title = _title(draft, roles, index)
            found.append(Place(heading, tables, title, _grid_columns(draft, elements[0])))
            continue
        shown = [numbers.next(p) for p in elements]
        level = _level(elements[0], levels)
        if level is not None and block.text.strip():
            found.append(Place(heading, 0))
            path, paragraphs, tables = [*path[: level - 1], (shown[0].strip() + block.text.strip())], 0, 0
        elif role == "attachment" and block.text.strip():
            found.append(Place(heading, 0))
            path, paragraphs, tables = [block.text.strip()], 0, 0
        else:
            paragraphs += bool(block.text.strip())
            found.append(Place(heading, paragraphs))
    return found


def table_grids(draft: Draft) -> dict[str, Grid]:
    """The grid columns of each keyed table's cells, by key."""
    return {
        block.key: _grid_columns(draft, elements[0])
        for block, elements in zip(draft.blocks, draft.block_elements, strict=True)
        if block.key is not None and block.is_table
    }


def _title(draft: Draft, roles: list[str], index: int) -> str:
    """The title of the table at ``index``: the table title paragraph just above it (past a
    subtitle, a note, empty paragraphs and the table it continues), "" if there is none."""
    for back in range(index - 1, max(index - _TITLE_REACH, -1), -1):
        block, role = draft.blocks[back], roles[back]
        text = block.text.strip()
        if block.is_table or not text or role in _PAST_TITLE or _BRACKETED.fullmatch(text):
            continue
        if role == "table_title" or (not role and len(text) <= _TITLE_LENGTH and not text.endswith("。")):
            return text
        return ""
    return ""


def _grid_columns(draft: Draft, tbl: Element) -> Grid:
    """Each cell's first grid column, row by row (the rows ``draft`` reads)."""
    rows: list[tuple[int, ...]] = []
    for tr in draft.rows(tbl):
        if next(tr.iter(*_SPANS), None) is None:  # no spans in the row (instant when the table has none)
            rows.append(tuple(range(sum(1 for _ in tr.iterfind(_CELL)))))
            continue
        column = _count(tr.find(_GRID_BEFORE))
        starts: list[int] = []
        for tc in tr.iterfind(_CELL):
            starts.append(column)
            column += max(_count(tc.find(_GRID_SPAN), 1), 1)
        rows.append(tuple(starts))
    return tuple(rows)


def _count(element: Element | None, default: int = 0) -> int:
    value = element.get(w("val"), "") if element is not None else ""
    return int(value) if value.isdigit() and len(value) <= 3 else default


def _parsed(blob: bytes | None) -> Element | None:
    return parse(blob) if blob is not None else None


def _style_levels(styles: Element | None, roles: dict[str, str]) -> dict[str, int]:
    """Style id → heading level, for the styles that are headings (by role, else by outline level)."""
    found: dict[str, int] = {}
    for style in styles.iterfind(w("style")) if styles is not None else ():
        style_id = style.get(w("styleId"), "")
        role = roles.get(style_id, "")
        outline = _outline(style)
        if role.startswith("heading"):
            found[style_id] = int(role.removeprefix("heading"))
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


def _role(p: Element, roles: dict[str, str]) -> str:
    """The reportgen role of a paragraph's style ("signature", "attachment", …; "" if none),
    by the style's name or id (:mod:`reportgen.docx.draft.style_roles`)."""
    style = p.find(f"{w('pPr')}/{w('pStyle')}")
    role = roles.get(style.get(w("val"), ""), "") if style is not None else ""
    return "" if role.startswith(("name:", "id:")) else role


def _outline(element: Element) -> int | None:
    """A paragraph's or style's own outline level (1-based), if it is a heading level."""
    found = element.find(f"{w('pPr')}/{w('outlineLvl')}")
    value = found.get(w("val"), "") if found is not None else ""
    if not value.isdigit():
        return None
    level = int(value) + 1
    return level if level <= _OUTLINE_LEVELS else None
