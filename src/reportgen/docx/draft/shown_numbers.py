"""List numbers as Word shows them, computed when a .docx is read back (read_outline).

A paragraph is numbered through its own ``w:numPr`` or its style's (following ``basedOn``);
numId 0 switches numbering off. Counters are kept per abstractNum, so all lists on one
definition count together; a numbered level resets every level below it (Word's default).
``w:lvlText`` "（%2）" is filled with each level's counter in that level's ``w:numFmt``:
Chinese counting (一、十一) for the chineseCounting formats, Arabic digits otherwise and on
"legal" levels (``w:isLgl``: "第一章" above, "1.1" below). The suffix follows: nothing, a
space, or Word's default tab.
This reads the document, not a stylesheet, so a heading inserted by an editor is counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.figures.fmt import cn_number as chinese_number
from reportgen.ooxml.elements import Element, child_val, w

_PLACEHOLDER = re.compile("%([1-9])")
_SUFFIX = {"nothing": "", "space": " ", "tab": "\t"}
_CHINESE = {
    "chineseCounting",
    "chineseCountingThousand",
    "chineseLegalSimplified",
    "ideographTraditional",
    "taiwaneseCounting",
    "taiwaneseCountingThousand",
}
LEVELS = 9


@dataclass(frozen=True)
class Level:
    """One ``w:lvl``: its start value, number format and text pattern."""

    start: int
    fmt: str
    text: str
    legal: bool = False
    suffix: str = "\t"

    def number(self, n: int, legal: bool = False) -> str:
        if self.fmt == "none":
            return ""
        return chinese_number(n) if self.fmt in _CHINESE and not legal else str(n)


class ListNumbers:
    """The number texts of a document's paragraphs, counted in reading order."""

    def __init__(self, styles: Element | None, numbering: Element | None) -> None:
        self._styles = (
            {}
            if styles is None
            else {style_id: s for s in styles.iterfind(w("style")) if (style_id := s.get(w("styleId"))) is not None}
        )
        self._default = next(
            (key for key, s in self._styles.items() if s.get(w("default")) == "1" and s.get(w("type")) == "paragraph"),
            "Normal",
        )
        self._abstract: dict[str, str] = {}
        self._levels: dict[str, dict[int, Level]] = {}
        self._counts: dict[str, list[int | None]] = {}
        if numbering is None:
            return
        for num in numbering.iterfind(w("num")):
            self._abstract[num.get(w("numId"), "")] = child_val(num, "abstractNumId") or ""
        for abstract in numbering.iterfind(w("abstractNum")):
            self._levels[abstract.get(w("abstractNumId"), "")] = {
                int(lvl.get(w("ilvl"), "0")): _level(lvl) for lvl in abstract.iterfind(w("lvl"))
            }

    def next(self, p: Element) -> str:
        """The number Word shows in front of paragraph ``p`` ("" for none), counting it."""
        if not self._abstract:
            return ""
        num_id, ilvl = self._numpr(p)
        abstract = self._abstract.get(num_id or "0")
        levels = self._levels.get(abstract or "")
        if abstract is None or levels is None or ilvl not in levels:
            return ""
        counts = self._counts.setdefault(abstract, [None] * LEVELS)
        current = counts[ilvl]
        counts[ilvl] = levels[ilvl].start if current is None else current + 1
        counts[ilvl + 1 :] = [None] * (LEVELS - ilvl - 1)

        def fill(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            level = levels.get(index)
            if level is None:
                return ""
            count = counts[index]
            return level.number(level.start if count is None else count, levels[ilvl].legal)

        return _PLACEHOLDER.sub(fill, levels[ilvl].text) + levels[ilvl].suffix

    def _numpr(self, p: Element) -> tuple[str | None, int]:
        """(numId, ilvl) from the paragraph's numPr, then its style chain's."""
        num_id: str | None = None
        ilvl: str | None = None
        ppr = p.find(w("pPr"))
        style_id = self._default
        if ppr is not None:
            num_id, ilvl = _numpr(ppr)
            style = ppr.find(w("pStyle"))
            style_id = style_id if style is None else style.get(w("val"), "")
        seen: set[str] = set()
        while style_id in self._styles and style_id not in seen and (num_id is None or ilvl is None):
            seen.add(style_id)
            element = self._styles[style_id]
            style_ppr = element.find(w("pPr"))
            if style_ppr is not None:
                found_id, found_lvl = _numpr(style_ppr)
                num_id, ilvl = num_id or found_id, ilvl or found_lvl
            style_id = child_val(element, "basedOn") or ""
        return num_id, int(ilvl) if ilvl and ilvl.isdigit() and int(ilvl) < LEVELS else 0


def _numpr(ppr: Element) -> tuple[str | None, str | None]:
    numpr = ppr.find(w("numPr"))
    if numpr is None:
        return None, None
    return child_val(numpr, "numId"), child_val(numpr, "ilvl")


def _level(lvl: Element) -> Level:
    start = child_val(lvl, "start") or "1"
    legal = lvl.find(w("isLgl"))
    return Level(
        int(start) if start.isdigit() else 1,
        child_val(lvl, "numFmt") or "decimal",
        child_val(lvl, "lvlText") or "",
        legal is not None and legal.get(w("val"), "1") not in ("0", "false"),
        _SUFFIX.get(child_val(lvl, "suff") or "tab", "\t"),
    )
