"""Figures in report text: each number with its unit and the words that name it.

A *figure* is a number followed by a unit ("1690.55万元", "90.00%", "10分", "249件"); its
*label* is the run of Chinese characters just before it, without linking words ("全年执行数"
in "全年执行数为1690.55万元"). Comments from ``update`` list the figures that changed between
two generated texts (:func:`changed_figures`), and ``check`` reads the figures an editor typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher

NUMBER = r"(\d[\d,]*(?:\.\d+)?)"
_FIGURE = re.compile(r"(?<![\d.,])" + NUMBER + r"\s*(万元|亿元|元|[%％]|分|件|人次|人|个|项|次|户|天|名|家|所|倍)")
_LABEL = re.compile(r"[\u4e00-\u9fff]+$")
_LINKS = ("达到", "为", "是", "的", "约", "达")  # words between a label and its figure
LABEL_LENGTH = 8
_WINDOW = 3 * LABEL_LENGTH
MAX_LISTED = 12


@dataclass(frozen=True)
class Figure:
    """A number with its unit at ``start``–``end`` of a text, and the label before it."""

    number: str
    unit: str  # ％ is read as %
    label: str
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.number + self.unit

    @property
    def kind(self) -> str:
        """ "percent", "amount" (…元) or "other"."""
        return "percent" if self.unit == "%" else "amount" if self.unit.endswith("元") else "other"

    @property
    def value(self) -> Decimal:
        return decimal(self.number)


def figures_in(text: str) -> list[Figure]:
    """Every figure of ``text``, in order."""
    return [
        Figure(m.group(1), m.group(2).replace("％", "%"), label_before(text, m.start()), m.start(), m.end())
        for m in _FIGURE.finditer(text)
    ]


def percents_in(text: str) -> list[Decimal]:
    """The values of the percentages among :func:`figures_in` ``text`` (their labels not read)."""
    return [decimal(m.group(1)) for m in _FIGURE.finditer(text) if m.group(2) in ("%", "％")]


def label_before(text: str, start: int) -> str:
    """The words naming the figure at ``start``: the Chinese characters just before it (at most
    :data:`LABEL_LENGTH`), without a linking word such as 为 or 的; "" when there are none."""
    window = max(start - _WINDOW, 0)  # only the characters a label can take are read
    head = text[window:start].rstrip(" ：:")
    for link in _LINKS:
        if head.endswith(link) and len(head) > len(link):
            head = head[: -len(link)]
            break
    found = _LABEL.search(head)
    if not found:
        return ""
    label = found.group()
    before = head[found.start() - 1] if found.start() else text[window - 1] if window else ""
    if before.isdigit():  # "2022年年初预算数": 年 belongs to 2022
        label = label[1:]
    return label[-LABEL_LENGTH:]


def decimal(text: str) -> Decimal:
    """The value of a number as written ("1,690.55"); -1 when it is none."""
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return Decimal(-1)


def changed_figures(old: str, new: str) -> list[tuple[Figure, Figure]]:
    """The figures of ``old`` that ``new`` gives otherwise, as (old, new) pairs in order.

    Figures are aligned by their labels and units as a text diff aligns lines; a run of
    figures that changed as a whole is paired one by one when the runs are as long.
    Figures only one of the texts has are left out: there is nothing to compare them with.
    """
    before, after = figures_in(old), figures_in(new)
    matcher = SequenceMatcher(None, [(f.label, f.unit) for f in before], [(f.label, f.unit) for f in after])
    pairs: list[tuple[Figure, Figure]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            pairs += [(a, b) for a, b in zip(before[i1:i2], after[j1:j2], strict=True) if a.text != b.text]
    return pairs


def changes_sentence(old: str, new: str) -> str:
    """E.g. ``数据有变化：全年执行数 1690.55万元 → 1521.50万元；执行率 100.00% → 90.00%。``
    (``数据有变化。`` when no figure can be compared)."""
    pairs = changed_figures(old, new)
    if not pairs:
        return "数据有变化。"
    listed = [f"{b.label or a.label} {a.text} → {b.text}".lstrip() for a, b in pairs[:MAX_LISTED]]
    more = "；等" if len(pairs) > MAX_LISTED else ""
    return f"数据有变化：{'；'.join(listed)}{more}。"
