"""What a draft still needs from an editor: placeholders, open comments, doubtful figures.

- *Placeholders*: 【待补充：…】 left in the text.
- *Highlight*: other highlighted text. Where reportgen generated a placeholder, the editor
  has typed over it and only the yellow is left ("已填写“…”，请取消突出显示").
- *Comments* by reportgen (from ``update``) not yet resolved: a comment is resolved when it
  is marked done, or when the paragraph it was on is gone.
- *Figures*: with the data, every percentage and amount (…万元) the editor typed (in a
  paragraph they added or changed) that is not among the figures reportgen computes, i.e.
  that appears nowhere in the regenerated text and tables; with the figure it should be
  when the regenerated text tells (:mod:`reportgen.revise.expected`); and, in a generated
  paragraph the editor changed, a figure of the report that its words no longer name (the
  old 全年执行数 after the data changed). Untouched paragraphs are not checked: ``update``
  keeps them in line with the data.
- *Data*: the data has changed since the draft was generated (run ``update``).

Each finding is placed under the headings its block stands under, by the words of
:mod:`reportgen.revise.location` (第2段「…」, a table's title and a cell's indicator and
column); without the document's places, paragraphs and tables are counted through the
whole body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from reportgen.data.vocabulary import PLACEHOLDER
from reportgen.revise.expected import contradicted, expected
from reportgen.revise.location import (
    SEPARATOR,
    CellNames,
    Place,
    document_places,
    paragraph_location,
    quote,
    table_name,
)
from reportgen.revise.model import Baseline, DraftBlock, DraftComment
from reportgen.revise.numbers import NUMBER, Figure, decimal, figures_in, percents_in
from reportgen.revise.plan import AUTHOR

FindingKind = Literal["placeholder", "highlight", "comment", "figure", "data"]
LABELS: dict[str, str] = {
    "placeholder": "待补充",
    "highlight": "突出显示",
    "comment": "批注",
    "figure": "数字",
    "data": "数据",
}
_CHECKED = ("percent", "amount")
_BARE = re.compile(r"\s*" + NUMBER + r"\s*")
_WHAT = {"percent": "百分比", "amount": "金额"}
SNIPPET = 20
MAX_CORRECTED = 200  # doubtful figures given their correct value; those after are only listed


@dataclass(frozen=True)
class Finding:
    """One thing to see to, where it is, and what it is.

    ``location`` is the place under ``heading`` ("第2段「…」", "部门整体支出绩效自评表 ›
    指标“…”的实际完成值"); ``expected`` the figure a wrong one should be, when known.
    """

    kind: FindingKind
    location: str
    message: str
    heading: str = ""  # the headings the place stands under ("三、绩效情况 › （三）…"); "" before the first
    expected: str = ""

    @property
    def place(self) -> str:
        """The whole place: the heading path, then the location."""
        return SEPARATOR.join(part for part in (self.heading, self.location) if part)


@dataclass(frozen=True)
class Computed:
    """The figures reportgen computes for the data, as they appear in the regenerated report,
    and the regenerated paragraphs' texts by key."""

    percents: frozenset[Decimal]
    amounts: frozenset[Decimal]
    fingerprint: str = ""
    keyed: Mapping[str, str] = field(default_factory=dict)
    figures: Mapping[str, tuple[Figure, ...]] = field(default_factory=dict)  # by kind, of the paragraphs, in order

    @classmethod
    def of(
        cls, texts: Iterable[str], cells: Iterable[str], fingerprint: str = "", keyed: Mapping[str, str] | None = None
    ) -> Computed:
        texts, cells = list(texts), list(cells)
        found = [f for t in texts for f in figures_in(t)]
        percents = {f.value for f in found if f.kind == "percent"}
        percents |= {value for c in cells for line in c.split("\n") for value in percents_in(line)}
        amounts = {f.value for f in found if f.kind == "amount"}
        amounts |= {value for c in cells for line in c.split("\n") if (value := _bare(line)) is not None}
        by_kind = {kind: tuple(f for f in found if f.kind == kind) for kind in _CHECKED}
        return cls(frozenset(percents), frozenset(amounts), fingerprint, dict(keyed or {}), by_kind)

    def known(self, figure: Figure) -> bool:
        return figure.value in (self.percents if figure.kind == "percent" else self.amounts)


def check(
    blocks: Sequence[DraftBlock],
    baseline: Baseline | None,
    comments: Sequence[DraftComment],
    computed: Computed | None = None,
    places: Sequence[Place] | None = None,
) -> list[Finding]:
    """Everything in the draft that still needs an editor, in document order per kind.

    ``places`` holds, per block, where it stands (:func:`reportgen.docx.draft.places.block_places`).
    """
    where = list(places) if places is not None else document_places(blocks)
    found = placeholders(blocks, baseline, where) + open_comments(blocks, comments, where)
    if computed is not None:
        if baseline is not None and computed.fingerprint and baseline.origin.data != computed.fingerprint:
            found.append(Finding("data", "", "草稿生成后自评数据已有变化：请先运行 reportgen update 更新草稿。"))
        found += figures(blocks, baseline, computed, where)
    return found


def snippet(text: str) -> str:
    text = text.strip()
    return text[:SNIPPET] + ("…" if len(text) > SNIPPET else "")


def placeholders(blocks: Sequence[DraftBlock], baseline: Baseline | None, where: Sequence[Place]) -> list[Finding]:
    generated = baseline.by_key() if baseline is not None else {}
    found: list[Finding] = []
    for block, place in zip(blocks, where, strict=True):
        if block.cells is not None:
            names, title = CellNames(block.cells, place.columns), table_name(place)
            found += [
                Finding("placeholder", f"{title}{SEPARATOR}{names.cell(r, c)}{line_quote}", hit, place.heading)
                for r, row in enumerate(block.cells)
                for c, cell in enumerate(row)
                for line, line_quote in _lines(cell)
                for hit in PLACEHOLDER.findall(line)
            ]
            continue
        hits = list(PLACEHOLDER.finditer(block.text))
        found += [
            Finding("placeholder", paragraph_location(block, place, hit.start()), hit.group(), place.heading)
            for hit in hits
        ]
        was = generated.get(block.key) if block.key else None
        filled = was is not None and PLACEHOLDER.search(was.text) is not None
        for start, end in block.marks:
            text = block.text[start:end]
            if not any(hit.start() < end and start < hit.end() for hit in hits) and text.strip():
                message = (
                    f"已填写“{snippet(text)}”，请取消突出显示。"
                    if filled
                    else f"突出显示的文字“{snippet(text)}”：如已处理，请取消突出显示。"
                )
                found.append(Finding("highlight", paragraph_location(block, place, start), message, place.heading))
    return found


def open_comments(
    blocks: Sequence[DraftBlock], comments: Sequence[DraftComment], where: Sequence[Place]
) -> list[Finding]:
    anchored = {
        number: (paragraph_location(block, place) if not block.is_table else table_name(place), place.heading)
        for block, place in zip(blocks, where, strict=True)
        for number in block.comments
    }
    return [
        Finding("comment", anchored[c.id][0], f"reportgen 的批注尚未处理：{snippet(c.text)}", anchored[c.id][1])
        for c in comments
        if c.author == AUTHOR and not c.done and c.id in anchored
    ]


def figures(
    blocks: Sequence[DraftBlock], baseline: Baseline | None, computed: Computed, where: Sequence[Place]
) -> list[Finding]:
    generated = baseline.by_key() if baseline is not None else {}
    found: list[Finding] = []
    for block, place in zip(blocks, where, strict=True):
        was = generated.get(block.key) if block.key else None
        if block.is_table or (was is not None and was.text == block.text):
            continue
        now = computed.keyed.get(block.key) if block.key and was is not None else None
        typed = [f for f in figures_in(block.text) if f.kind in _CHECKED]
        by_kind = {kind: [f for f in typed if f.kind == kind] for kind in _CHECKED}
        regenerated = [f for f in figures_in(now) if f.kind in _CHECKED] if now is not None else None
        for figure in typed:
            if computed.known(figure):
                stale = contradicted(figure, regenerated) if regenerated is not None else None
                if stale is not None and len(found) < MAX_CORRECTED:
                    found.append(_stale(block, place, figure, stale))
                continue
            right = _right(figure, by_kind[figure.kind], now, computed) if len(found) < MAX_CORRECTED else None
            shown = block.text[figure.start : figure.end]
            what = _WHAT[figure.kind]
            message = (
                f"{what}“{shown}”与数据不符，应为{right.text}。"
                if right is not None
                else f"{what}“{shown}”与按数据计算的结果不符，请核对。"
            )
            location = paragraph_location(block, place, figure.start)
            found.append(Finding("figure", location, message, place.heading, right.text if right else ""))
    return found


def _stale(block: DraftBlock, place: Place, figure: Figure, right: Figure) -> Finding:
    """A figure that is one of the report's, but not the one its words name in this paragraph now."""
    shown = block.text[figure.start : figure.end]
    message = f"{_WHAT[figure.kind]}“{shown}”与数据不符，{right.label}应为{right.text}。"
    return Finding("figure", paragraph_location(block, place, figure.start), message, place.heading, right.text)


def _right(figure: Figure, mine: list[Figure], regenerated: str | None, computed: Computed) -> Figure | None:
    """The figure ``figure`` should be (:func:`reportgen.revise.expected.expected`), if known."""
    again = [f for f in figures_in(regenerated) if f.kind == figure.kind] if regenerated is not None else None
    return expected(figure, mine, again, computed.figures.get(figure.kind, ()))


def _lines(cell: str) -> list[tuple[str, str]]:
    """A cell's lines, each with the quote that tells it from the others ("" when it is the only one)."""
    lines = cell.split("\n")
    return [(line, f"「{quote(line)}」" if len(lines) > 1 else "") for line in lines]


def _bare(line: str) -> Decimal | None:
    """The value of a table cell line that is a number alone ("1,690.55"): an amount in the table's unit."""
    found = _BARE.fullmatch(line)
    return decimal(found.group(1)) if found else None
