"""Pick the styles reportgen uses out of a reference document's styles.xml.

A reference style is matched to one of ours by name, else by style id (``RGBody``). Names
are Word's English names ("heading 1", "Table Grid", which Word stores whatever the UI
language), our Chinese display names (公文正文) and the names WPS may store (标题 1, 网格型).
Chinese Word saves its styles with ids like "1" and "a", so ids are rewritten to ours and
``basedOn``/``next`` follow the mapping. A style a copied one is based on but that we do
not have (a bureau's own base style) is copied too. ``link`` (to *Char styles we do not
have) and ``numPr`` are dropped: heading numbering is bound again by ``native_numbering``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from reportgen.docx import style_names as names
from reportgen.docx.style_names import StyleName
from reportgen.ooxml.elements import Element, child_val, detach, w

# Replaced by the reference's version when it has one; every one but Normal is "needed".
NEEDED: tuple[StyleName, ...] = (*names.HEADING_STYLES, *names.ROLE_STYLES.values(), names.TABLE_GRID)
REPLACED: tuple[StyleName, ...] = (names.NORMAL, *NEEDED)
# Only mapped: a reference style based on them is based on ours.
_MAPPED: tuple[StyleName, ...] = (names.DEFAULT_FONT, names.TABLE_NORMAL, names.FOOTER)
_TABLE = {names.TABLE_GRID.style_id, names.TABLE_NORMAL.style_id}
_ALIASES: dict[str, tuple[str, ...]] = {
    names.NORMAL.style_id: ("正文",),
    names.TABLE_GRID.style_id: ("网格型", "表格网格"),
    names.TABLE_NORMAL.style_id: ("普通表格",),
    names.DEFAULT_FONT.style_id: ("默认段落字体",),
    names.FOOTER.style_id: ("页脚",),
    **{style.style_id: (f"标题{level}",) for level, style in enumerate(names.HEADING_STYLES, 1)},
}
_OUR_IDS = {style.style_id for style in (*REPLACED, *_MAPPED)}


def display_name(style: StyleName) -> str:
    """How a notice names a style: the Chinese name an editor sees in Word."""
    if style in names.HEADING_STYLES:
        return f"标题 {names.HEADING_STYLES.index(style) + 1}"
    if style == names.TABLE_GRID:
        return "网格型（Table Grid）"
    return style.name


@dataclass(frozen=True)
class ReferenceStyles:
    """Copies of the reference's styles, with our ids, ready to go into our styles.xml."""

    replaced: dict[str, Element]  # our style id → the reference's definition
    extra: list[Element]  # reference styles those are based on
    missing: list[StyleName]  # needed styles the reference lacks
    ids: dict[str, str]  # reference style id → the id it has in our styles.xml
    numbered: list[tuple[str, int] | None]  # Heading1–4: (numId, ilvl) of the reference's numPr


def pick_styles(root: Element) -> ReferenceStyles:
    """Match, copy and re-id the styles of a reference ``w:styles`` element."""
    styles = [s for s in root.iterfind(w("style")) if s.get(w("styleId"))]
    by_id = {s.get(w("styleId"), ""): s for s in styles}
    found = {ours.style_id: match for ours in (*REPLACED, *_MAPPED) if (match := _match(styles, ours)) is not None}
    ids = {match.get(w("styleId"), ""): ours for ours, match in found.items()}
    pending = [found[s.style_id] for s in REPLACED if s.style_id in found]
    extra: list[Element] = []
    while pending:  # the basedOn chains above the copied styles
        parent = child_val(pending.pop(), "basedOn")
        if parent is not None and parent not in ids and parent in by_id:
            ids[parent] = f"Ref{parent}" if parent in _OUR_IDS else parent
            extra.append(by_id[parent])
            pending.append(by_id[parent])
    replaced = {s.style_id: _copy(found[s.style_id], ids, s) for s in REPLACED if s.style_id in found}
    missing = [s for s in NEEDED if s.style_id not in found]
    numbered = [_numpr(found.get(s.style_id)) for s in names.HEADING_STYLES]
    return ReferenceStyles(replaced, [_copy(s, ids, None) for s in extra], missing, ids, numbered)


def _numpr(style: Element | None) -> tuple[str, int] | None:
    numpr = None if style is None else style.find(f"{w('pPr')}/{w('numPr')}")
    if numpr is None:
        return None
    num_id = numpr.find(w("numId"))
    ilvl = numpr.find(w("ilvl"))
    if num_id is None or num_id.get(w("val"), "0") == "0":
        return None
    level = ilvl.get(w("val"), "0") if ilvl is not None else "0"
    return num_id.get(w("val"), ""), int(level) if level.isdigit() else 0


def _key(name: str) -> str:
    return "".join(name.split()).casefold()


def _match(styles: list[Element], ours: StyleName) -> Element | None:
    kind = "table" if ours.style_id in _TABLE else ("character" if ours == names.DEFAULT_FONT else "paragraph")
    candidates = [s for s in styles if s.get(w("type"), "paragraph") == kind]
    wanted = {_key(ours.name), *(_key(alias) for alias in _ALIASES.get(ours.style_id, ()))}
    for style in candidates:
        name = style.find(w("name"))
        if name is not None and _key(name.get(w("val"), "")) in wanted:
            return style
    for style in candidates:
        if style.get(w("styleId")) == ours.style_id:
            return style
    return None


def _copy(style: Element, ids: dict[str, str], ours: StyleName | None) -> Element:
    """A copy of ``style`` with ids rewritten; ``ours`` also gives it our id, name and default."""
    style = copy.deepcopy(style)
    style.set(w("styleId"), ours.style_id if ours else ids[style.get(w("styleId"), "")])
    if ours == names.NORMAL:
        style.set(w("default"), "1")
    elif style.get(w("default")) is not None:
        del style.attrib[w("default")]
    name = style.find(w("name"))
    if ours is not None and name is not None:
        name.set(w("val"), ours.name)
    for tag in ("basedOn", "next", "link"):
        child = style.find(w(tag))
        if child is None:
            continue
        target = ids.get(child.get(w("val"), ""))
        if target is None or tag == "link":
            style.remove(child)
        else:
            child.set(w("val"), target)
    for numpr in style.findall(f"{w('pPr')}/{w('numPr')}"):
        detach(numpr)
    return style
