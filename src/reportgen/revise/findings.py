"""What a draft still needs from an editor: placeholders, open comments, doubtful figures.

- *Placeholders*: 【待补充：…】 left in the text, and any other highlighted text.
- *Comments* by reportgen (from ``update``) not yet resolved: a comment is resolved when it
  is marked done, or when the paragraph it was on is gone.
- *Figures*: with the data, every percentage and amount (…万元) the editor typed (in a
  paragraph they added or changed) that is not among the figures reportgen computes, i.e.
  that appears nowhere in the regenerated text and tables. Untouched paragraphs are not
  checked: ``update`` keeps them in line with the data.
- *Data*: the data has changed since the draft was generated (run ``update``).

Locations count the body's non-empty paragraphs (第12段) and its tables (第2个表格); given
the heading path each block stands under (read from the document), a finding names it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Literal

from reportgen.data.vocabulary import PLACEHOLDER
from reportgen.revise.model import Baseline, DraftBlock, DraftComment
from reportgen.revise.plan import AUTHOR

FindingKind = Literal["placeholder", "comment", "figure", "data"]
LABELS: dict[str, str] = {"placeholder": "待补充", "comment": "批注", "figure": "数字", "data": "数据"}
_NUMBER = r"(\d[\d,]*(?:\.\d+)?)"
_PERCENT = re.compile(_NUMBER + r"\s*[%％]")
_AMOUNT = re.compile(_NUMBER + r"\s*(?:万元|亿元|元)")
_BARE = re.compile(r"^\s*" + _NUMBER + r"\s*$")
SNIPPET = 20


@dataclass(frozen=True)
class Finding:
    """One thing to see to, where it is, and what it is."""

    kind: FindingKind
    location: str
    message: str
    heading: str = ""  # the headings the place stands under ("三、绩效情况 › （三）…"); "" before the first


@dataclass(frozen=True)
class Computed:
    """The figures reportgen computes for the data, as they appear in the regenerated report."""

    percents: frozenset[Decimal]
    amounts: frozenset[Decimal]
    fingerprint: str = ""

    @classmethod
    def of(cls, texts: Iterable[str], cells: Iterable[str], fingerprint: str = "") -> Computed:
        texts, cells = list(texts), list(cells)
        percents = {_decimal(m) for t in [*texts, *cells] for m in _PERCENT.findall(t)}
        amounts = {_decimal(m) for t in texts for m in _AMOUNT.findall(t)}
        amounts |= {_decimal(m.group(1)) for c in cells for line in c.split("\n") if (m := _BARE.match(line))}
        return cls(frozenset(percents), frozenset(amounts), fingerprint)


def check(
    blocks: Sequence[DraftBlock],
    baseline: Baseline | None,
    comments: Sequence[DraftComment],
    computed: Computed | None = None,
    headings: Sequence[str] | None = None,
) -> list[Finding]:
    """Everything in the draft that still needs an editor, in document order per kind.

    ``headings`` holds, per block, the heading path it stands under.
    """
    where = locations(blocks)
    heads = list(headings) if headings is not None else [""] * len(blocks)
    found = placeholders(blocks, where, heads) + open_comments(blocks, comments, where, heads)
    if computed is not None:
        if baseline is not None and computed.fingerprint and baseline.origin.data != computed.fingerprint:
            found.append(Finding("data", "", "草稿生成后自评数据已有变化：请先运行 reportgen update 更新草稿。"))
        found += figures(blocks, baseline, computed, where, heads)
    return found


def locations(blocks: Sequence[DraftBlock]) -> list[str]:
    """Where each block is, as an editor would find it: 第N段“开头…” or 第N个表格."""
    result: list[str] = []
    paragraphs = tables = 0
    for block in blocks:
        if block.is_table:
            tables += 1
            result.append(f"第{tables}个表格")
        else:
            paragraphs += bool(block.text.strip())
            result.append(f"第{paragraphs}段“{snippet(block.text)}”")
    return result


def snippet(text: str) -> str:
    text = text.strip()
    return text[:SNIPPET] + ("…" if len(text) > SNIPPET else "")


def placeholders(blocks: Sequence[DraftBlock], where: Sequence[str], heads: Sequence[str]) -> list[Finding]:
    found: list[Finding] = []
    for block, location, head in zip(blocks, where, heads, strict=True):
        if block.cells is not None:
            found += [
                Finding("placeholder", f"{location}第{r + 1}行第{c + 1}列", hit, head)
                for r, row in enumerate(block.cells)
                for c, cell in enumerate(row)
                for hit in PLACEHOLDER.findall(cell)
            ]
            continue
        hits = list(PLACEHOLDER.finditer(block.text))
        found += [Finding("placeholder", location, hit.group(), head) for hit in hits]
        for start, end in block.marks:
            if not any(hit.start() < end and start < hit.end() for hit in hits) and block.text[start:end].strip():
                found.append(Finding("placeholder", location, f"高亮文字“{block.text[start:end]}”", head))
    return found


def open_comments(
    blocks: Sequence[DraftBlock], comments: Sequence[DraftComment], where: Sequence[str], heads: Sequence[str]
) -> list[Finding]:
    anchored = {
        number: (location, head)
        for block, location, head in zip(blocks, where, heads, strict=True)
        for number in block.comments
    }
    return [
        Finding("comment", *anchored[c.id][:1], f"reportgen 的批注尚未处理：{snippet(c.text)}", anchored[c.id][1])
        for c in comments
        if c.author == AUTHOR and not c.done and c.id in anchored
    ]


def figures(
    blocks: Sequence[DraftBlock],
    baseline: Baseline | None,
    computed: Computed,
    where: Sequence[str],
    heads: Sequence[str],
) -> list[Finding]:
    generated = baseline.by_key() if baseline is not None else {}
    found: list[Finding] = []
    for block, location, head in zip(blocks, where, heads, strict=True):
        was = generated.get(block.key) if block.key else None
        if block.is_table or (was is not None and was.text == block.text):
            continue
        for pattern, known, what in ((_PERCENT, computed.percents, "百分比"), (_AMOUNT, computed.amounts, "金额")):
            found += [
                Finding("figure", location, f"{what}“{match.group()}”与按数据计算的结果不符，请核对。", head)
                for match in pattern.finditer(block.text)
                if _decimal(match.group(1)) not in known
            ]
    return found


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return Decimal(-1)
