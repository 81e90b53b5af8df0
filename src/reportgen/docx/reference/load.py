"""``--reference-docx``: styles, heading numbering and page set-up from a bureau's Word file.

Like pandoc's ``--reference-doc``. From the reference, reportgen takes:

- the styles it uses (Normal, 标题 1–4, the role styles such as 公文正文, 网格型), matched
  by id or name (``refstyles``), and the styles those are based on;
- ``w:docDefaults`` and the theme (so theme fonts resolve as in the reference);
- the heading numbering, if 标题 1–4 are bound to levels of one multilevel list (used in
  native numbering mode only);
- page size, margins and document grid of the last section.

Styles the reference lacks keep reportgen's definition and are listed in ``notices`` for the
CLI to print. A file that is not a Word document, or has none of the needed styles, raises
StyleError. References are cached by path, modification time and size.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from reportgen.docx import style_names as names
from reportgen.docx.measures import Metrics
from reportgen.docx.reference.read import read_parts
from reportgen.docx.reference.styles import NEEDED, ReferenceStyles, display_name, pick_styles
from reportgen.docx.write.native_numbering import ABSTRACT_ID, NUM_ID
from reportgen.errors import StyleError
from reportgen.ooxml.elements import Element, child_val, detach, required, w

SECTION_TAGS = ("pgSz", "pgMar", "docGrid")


@dataclass(frozen=True)
class Reference:
    """What a reference document contributes; equal (and hashed) by file identity only."""

    path: str
    stamp: tuple[int, int]  # st_mtime_ns, st_size
    notices: tuple[str, ...] = field(compare=False)
    styles: ReferenceStyles = field(compare=False, repr=False)
    doc_defaults: Element | None = field(compare=False, repr=False)
    section: dict[str, Element] = field(compare=False, repr=False)  # pgSz/pgMar/docGrid
    numbering: tuple[Element, Element] | None = field(compare=False, repr=False)
    heading_levels: tuple[int, ...] | None = field(compare=False, repr=False)
    theme: bytes | None = field(compare=False, repr=False)
    fonts: tuple[str, ...] = field(compare=False, repr=False)  # named in the copied styles

    def apply_styles(self, root: Element) -> None:
        """Put the reference's docDefaults and styles in place of ours in ``w:styles``."""
        if self.doc_defaults is not None:
            _replace(required(root, w("docDefaults")), self.doc_defaults)
        for style in root.findall(w("style")):
            new = self.styles.replaced.get(style.get(w("styleId"), ""))
            if new is not None:
                _replace(style, new)
        for extra in self.styles.extra:
            root.append(copy.deepcopy(extra))

    def apply_section(self, sectpr: Element) -> None:
        """Put the reference's page size, margins and grid in place of ours."""
        for tag, element in self.section.items():
            _replace(required(sectpr, w(tag)), element)

    def metrics(self, metrics: Metrics) -> Metrics:
        """``metrics`` with page size, margins and line pitch from the reference's section."""
        size, margins, grid = (self.section.get(tag) for tag in SECTION_TAGS)
        values: dict[str, int] = {}
        if size is not None:
            values |= {"page_width": _twips(size, "w"), "page_height": _twips(size, "h")}
        if margins is not None:
            values |= {key: _twips(margins, key) for key in ("top", "bottom", "left", "right", "header", "footer")}
        if grid is not None and grid.get(w("linePitch")):
            values["line_pitch"] = _twips(grid, "linePitch")
        page = replace(metrics, **values)
        gutter = 0 if margins is None else _twips(margins, "gutter")
        return replace(page, text_width=page.page_width - page.left - page.right - gutter)


def load_reference(path: Path) -> Reference:
    """Read the reference document at ``path`` (cached until the file changes)."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise StyleError(f"无法读取参考文档 {path}：{exc.strerror or exc}") from None
    if not path.is_file():
        raise StyleError(f"参考文档 {path} 不是文件。")
    return _load(str(path.resolve()), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _load(path: str, mtime_ns: int, size: int) -> Reference:
    parts = read_parts(Path(path))
    styles = pick_styles(parts.styles)
    if len(styles.missing) == len(NEEDED):
        raise StyleError(
            f"参考文档 {path} 中没有 reportgen 使用的任何样式（标题 1–4、公文正文、网格型等），请确认文件是否选错。"
        )
    notices = [f"参考文档中没有“{display_name(s)}”样式，已使用内置样式" for s in styles.missing]
    numbering, levels = _heading_numbering(styles, parts.numbering)
    if numbering is None and any(styles.numbered):
        notices.append("参考文档中标题 1–4 的编号不属于同一个多级列表，已使用内置标题编号")
    defaults = parts.styles.find(w("docDefaults"))
    body = parts.document.find(w("body"))
    sectpr = None if body is None else body.find(w("sectPr"))
    section = (
        {}
        if sectpr is None
        else {tag: copy.deepcopy(found) for tag in SECTION_TAGS if (found := sectpr.find(w(tag))) is not None}
    )
    copied = [*styles.replaced.values(), *styles.extra, *([] if defaults is None else [defaults])]
    return Reference(
        path,
        (mtime_ns, size),
        tuple(notices),
        styles,
        None if defaults is None else copy.deepcopy(defaults),
        section,
        numbering,
        levels,
        parts.theme,
        _fonts(copied),
    )


def _heading_numbering(
    styles: ReferenceStyles, root: Element | None
) -> tuple[tuple[Element, Element] | None, tuple[int, ...] | None]:
    """The reference's list bound to 标题 1–4 as (abstractNum, num) with our ids, and levels.

    Used only if all four headings name the same list, at different levels, and its
    abstractNum is defined in place (not through a list style).
    """
    bound = [b for b in styles.numbered if b is not None]
    num_ids = {num_id for num_id, _ in bound}
    if root is None or len(bound) != 4 or len({ilvl for _, ilvl in bound}) != 4 or len(num_ids) != 1:
        return None, None
    nums = {n.get(w("numId")): n for n in root.iterfind(w("num"))}
    abstracts = {a.get(w("abstractNumId")): a for a in root.iterfind(w("abstractNum"))}
    num_id = num_ids.pop()
    source = abstracts.get(child_val(nums[num_id], "abstractNumId")) if num_id in nums else None
    if source is None or source.find(w("numStyleLink")) is not None:
        return None, None
    abstract = copy.deepcopy(source)
    abstract.set(w("abstractNumId"), str(ABSTRACT_ID))
    headings = {
        ref_id: ours for ref_id, ours in styles.ids.items() if ours in {s.style_id for s in names.HEADING_STYLES}
    }
    for pstyle in list(abstract.iter(w("pStyle"))):
        ref_id = pstyle.get(w("val"), "")
        if ref_id in headings:
            pstyle.set(w("val"), headings[ref_id])
        else:
            detach(pstyle)
    num = copy.deepcopy(nums[num_id])
    num.set(w("numId"), str(NUM_ID))
    required(num, w("abstractNumId")).set(w("val"), str(ABSTRACT_ID))
    return (abstract, num), tuple(ilvl for _, ilvl in bound)


def _fonts(elements: list[Element]) -> tuple[str, ...]:
    """Font names in the ``w:rFonts`` of ``elements``, first seen first."""
    found = [
        font.get(w(key))
        for element in elements
        for font in element.iter(w("rFonts"))
        for key in ("eastAsia", "ascii", "hAnsi", "cs")
    ]
    return tuple(dict.fromkeys(name for name in found if name))


def _replace(old: Element, new: Element) -> None:
    old.addprevious(copy.deepcopy(new))
    detach(old)


def _twips(element: Element, key: str) -> int:
    value = element.get(w(key), "0")
    try:
        return abs(round(float(value)))
    except ValueError:
        return 0
