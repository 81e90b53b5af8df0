"""The table fit as it was before issue 16's warm speed-up: reportgen.render.tables.fit's
functions, copied unchanged (own caches included), so tests can check that the faster fit
gives exactly the same column widths and line breaks (tests/unit/render/test_table_fit_equivalence.py).

Not used by reportgen; do not change it to follow fit.py: it is the reference fit.py must match.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from reportgen.render.blocks import LINE_BREAK, Cell, Row, Table
from reportgen.render.tables.fit import TableFrame  # unchanged: the frame is the same

LABEL_EM = 4.0  # a label this short ("二级指标", "400-500人") is never broken
AUTOSPACE_EM = 0.25
SLACK_EM = 0.2  # room kept for rounding, borders and the renderer's own glyph widths
LABEL_TEXT_EM = 12.0  # a text this short is broken like a label, between words ("普法工作/公职人员/参考率")
SHORT_LINES = 40  # a text wrapping to at most this many lines may be given its line breaks
TOLERANCE_EM = 0.25  # how far the renderer's line may differ from the measured one
RISK_EM = (-0.25, 0.0, 0.25, 0.5, 1.0)  # a text's lines are written out if one of these leaves a character alone
_NO_START = set("，。、；：？！）」』】〕》〉”’%％·…—,.;:?!)]}")
_NO_END = set("（「『【〔《〈“‘([{")
_UNITS = (
    "平方米",
    "公里",
    "万元",
    "亿元",
    "人次",
    "小时",
    "人",
    "个",
    "次",
    "天",
    "元",
    "家",
    "户",
    "项",
    "所",
    "件",
    "台",
    "套",
    "本",
    "场",
    "期",
    "年",
    "月",
    "日",
    "米",
    "亩",
    "吨",
    "篇",
    "份",
    "类",
    "分",
    "起",
    "名",
    "条",
    "批",
    "间",
    "座",
    "辆",
    "倍",
)
_NUMBER = re.compile(r"[<>≥≤≧≦＞＜约]?[!-~]+(?:" + "|".join(_UNITS) + r")?(?:[%％])?")
_BRACKET = re.compile(r"[（(][^（）()\n]{1,8}[）)]|【[^【】\n]{1,12}】")
_LATIN = re.compile(r"[!-~]+")
_NATURAL_AFTER = set("及和与、：，；")
_NATURAL_BEFORE = set("（(")


def char_em(char: str) -> float:
    """The width of one character in em of the table font."""
    known = _CHAR_EM.get(char)
    if known is None:
        known = _CHAR_EM[char] = _char_em(char)
    return known


_CHAR_EM: dict[str, float] = {}


def _char_em(char: str) -> float:
    if unicodedata.east_asian_width(char) in "WFA" and not char.isascii():
        return 1.0
    if char in "%％":
        return 0.85
    if char.isupper():
        return 0.7
    return 0.5


@lru_cache(maxsize=65536)
def text_em(text: str) -> float:
    """The width of one line of text in em, with the quarter em Word and LibreOffice put
    between a CJK character and a Latin letter or digit next to it (autoSpaceDE/DN)."""
    return sum(char_em(char) for char in text) + sum(_gap(a, b) for a, b in pairwise(text))


def _is_full(char: str) -> bool:
    return char_em(char) == 1.0


def is_cjk(char: str) -> bool:
    """A CJK ideograph (a character that is a word of its own, not punctuation)."""
    return unicodedata.category(char) == "Lo" and unicodedata.east_asian_width(char) in "WF"


def pieces(line: str, *, renderer: bool = False) -> list[str]:
    """The pieces of one line that should stay on one line, in order.

    With ``renderer``, only those Word and LibreOffice keep together on their own: a run of
    Latin letters and digits, and a CJK character glued to the punctuation that may not
    start or end a line; they may break "400-500人" before "人" and "（50分）" before "分".
    """
    return list(_pieces(line, renderer))


@lru_cache(maxsize=65536)
def _pieces(line: str, renderer: bool) -> tuple[str, ...]:
    tokens: list[str] = []
    at = 0
    while at < len(line):
        match = _LATIN.match(line, at) if renderer else _BRACKET.match(line, at) or _NUMBER.match(line, at)
        if match and match.end() > at:
            tokens.append(match.group())
            at = match.end()
        else:
            tokens.append(line[at])
            at += 1
    joined: list[str] = []
    glue = False  # the previous token may not end a line
    for token in tokens:
        if token.isspace():
            glue = False
            joined.append(token)
            continue
        if joined and not joined[-1].isspace() and (glue or token[0] in _NO_START):
            joined[-1] += token
        else:
            joined.append(token)
        glue = token[-1] in _NO_END
    return tuple(joined)


def wrap(line: str, width_em: float, *, renderer: bool = True) -> list[str]:
    """``line`` broken greedily into lines of at most ``width_em``, as the renderer breaks it
    (or, without ``renderer``, between the :func:`pieces` that should stay together)."""
    return list(_wrap(line, round(width_em, 3), renderer))


@lru_cache(maxsize=65536)
def _wrap(line: str, width_em: float, renderer: bool) -> tuple[str, ...]:
    lines: list[str] = []
    current, used, spaces = "", 0.0, 0.0  # the line so far, its width, the spaces after it
    for piece in _pieces(line, renderer):
        if piece.isspace():
            current, spaces = current + piece, spaces + text_em(piece)
            continue
        joined = used + spaces + text_em(piece) + (_gap(current[-1], piece[0]) if current else 0.0)
        if current.strip() and joined > width_em:
            lines.append(current.rstrip())
            current, used = piece, text_em(piece)
        else:
            current, used = current + piece, joined
        spaces = 0.0
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return tuple(lines)


def _gap(before: str, after: str) -> float:
    return AUTOSPACE_EM if (before + after).isalnum() and _is_full(before) != _is_full(after) else 0.0


def lonely(lines: Sequence[str]) -> bool:
    """Whether some line of a wrapped text holds a single CJK character (with its punctuation)."""
    return len(lines) > 1 and any(lonely_line(text) for text in lines)


def lonely_line(text: str) -> bool:
    """A line that is one CJK character and punctuation only ("标", "称）", "施。")."""
    return sum(is_cjk(char) for char in text) == 1 and not any(char.isalnum() and not is_cjk(char) for char in text)


def break_label(label: str, width_em: float) -> list[str]:
    """A label's lines at ``width_em``: whole if it fits, else split at a natural point.

    The natural points are before "（" and after "及"/"和"/"、"/"："; without one, between
    two-character words, never leaving one character alone. Lines that still do not fit are
    split again the same way.
    """
    if text_em(label) <= width_em or len(label) < 4:
        return [label]
    cut = _natural_cut(label) or _word_cut(label, width_em)
    if cut is None:
        return [label]
    return break_label(label[:cut], width_em) + break_label(label[cut:], width_em)


def _natural_cut(label: str) -> int | None:
    cuts = [i for i in range(2, len(label) - 1) if label[i] in _NATURAL_BEFORE or label[i - 1] in _NATURAL_AFTER]
    cuts = [i for i in cuts if _whole(label[:i]) and _whole(label[i:])]
    return min(cuts, key=lambda i: abs(text_em(label[:i]) - text_em(label[i:])), default=None)


def _word_cut(label: str, width_em: float) -> int | None:
    """The cut between two-character words that fills the first line most, or the middle one."""
    cuts = [i for i in range(2, len(label) - 1, 2) if _breakable(label, i) and _whole(label[:i]) and _whole(label[i:])]
    fitting = [i for i in cuts if text_em(label[:i]) <= width_em]
    if fitting:
        return max(fitting)
    half = text_em(label) / 2
    return min(cuts, key=lambda i: (abs(text_em(label[:i]) - half), -i), default=None)


def _whole(part: str) -> bool:
    """A part of a label that may stand on a line: two characters or more, not one in brackets."""
    return len(part) >= 2 and not lonely_line(part)


def _breakable(label: str, at: int) -> bool:
    return label[at] not in _NO_START and label[at - 1] not in _NO_END and is_cjk(label[at - 1])


def min_em(cell: Cell) -> float:
    """The narrowest width a cell's text may be given, in em."""
    widest = 0.0
    for line in cell.text.split("\n"):
        if cell.bold and text_em(line) > LABEL_EM:
            parts = break_label(line, LABEL_EM)
        elif text_em(line) <= LABEL_EM:
            parts = [line]
        else:
            parts = pieces(line)
            widest = max(widest, 2.0)  # room for two characters, so none stands alone
        widest = max(widest, *(text_em(part.strip()) for part in parts))
    return widest


def max_em(cell: Cell) -> float:
    """The width a cell's text would take unwrapped, in em."""
    return max(text_em(line) for line in cell.text.split("\n"))


def fit_widths(rows: Iterable[Row], columns: int, frame: TableFrame) -> tuple[int, ...]:
    """Column widths in twips, summing to the frame's width, fitted to ``rows``' text."""
    rows = list(rows)
    low = [0.0] * columns
    high = [0.0] * columns
    spanning: list[tuple[int, Cell]] = []
    for row in rows:
        start = 0
        for cell in row.cells:
            if cell.colspan == 1:
                low[start] = max(low[start], frame.pt_of(min_em(cell)))
                high[start] = max(high[start], frame.pt_of(max_em(cell)))
            elif cell.text:
                spanning.append((start, cell))
            start += cell.colspan
    low = [max(width, frame.pt_of(1)) for width in low]
    high = [max(width, low[i]) for i, width in enumerate(high)]
    for start, cell in spanning:  # a spanning cell widens the columns it spans, in proportion
        _widen(low, start, cell.colspan, frame.pt_of(min_em(cell)))
        _widen(high, start, cell.colspan, frame.pt_of(max_em(cell)))
    high = [max(width, low[i]) for i, width in enumerate(high)]
    widths = _share(low, high, frame.width_pt)
    widths = _without_lonely(rows, widths, low, frame)
    return _twips(widths, round(frame.width_pt * 20))


def _widen(widths: list[float], start: int, span: int, needed: float) -> None:
    have = sum(widths[start : start + span])
    if needed > have:
        for i in range(start, start + span):
            widths[i] += (needed - have) * widths[i] / have


def _share(low: list[float], high: list[float], total: float) -> list[float]:
    """CSS automatic table layout: minimums first, then the rest by how much more text wants."""
    if sum(low) >= total:
        return [total * width / sum(low) for width in low]
    if sum(high) <= total:
        spare = total - sum(high)
        return [width + spare * width / sum(high) for width in high]
    wanted = [most - least for least, most in zip(low, high, strict=True)]
    share = (total - sum(low)) / sum(wanted)
    return [least + more * share for least, more in zip(low, wanted, strict=True)]


@dataclass(frozen=True)
class _Span:
    """The lines of the cells over the same columns (``start`` and ``span``), each with how often it occurs."""

    start: int
    span: int
    lines: tuple[tuple[str, int], ...]


def _spans_of(rows: Sequence[Row]) -> list[_Span]:
    found: dict[tuple[int, int], Counter[str]] = {}
    for row in rows:
        start = 0
        for cell in row.cells:
            if cell.text and not cell.bold:
                found.setdefault((start, cell.colspan), Counter()).update(cell.text.split("\n"))
            start += cell.colspan
    return [_Span(start, span, tuple(lines.items())) for (start, span), lines in found.items()]


class _LonelyCount:
    """Lines of one character in the cells over some columns, at their width and a little either
    side of it, so the count holds whatever the renderer's glyph widths are; remembered by width."""

    def __init__(self, spans: list[_Span], frame: TableFrame) -> None:
        self.spans = spans
        self.frame = frame
        self._over: dict[int, set[int]] = {}  # column → the spans over it
        for index, span in enumerate(spans):
            for column in range(span.start, span.start + span.span):
                self._over.setdefault(column, set()).add(index)
        self._known: dict[tuple[int, float], int] = {}

    def __call__(self, widths: list[float], columns: set[int]) -> int:
        over: set[int] = set()
        for column in columns:
            over |= self._over.get(column, set())
        count = 0
        for index in over:
            span = self.spans[index]
            width = self.frame.capacity_em(sum(widths[span.start : span.start + span.span]))
            known = self._known.get((index, width))
            if known is None:
                known = sum(
                    times * _lonely_at(line, round(width + d, 3))
                    for line, times in span.lines
                    for d in (-TOLERANCE_EM, 0, TOLERANCE_EM)
                )
                self._known[(index, width)] = known
            count += known
        return count


@lru_cache(maxsize=65536)
def _lonely_at(line: str, width_em: float) -> bool:
    return lonely(wrap(line, width_em))


def _without_lonely(rows: Sequence[Row], widths: list[float], low: list[float], frame: TableFrame) -> list[float]:
    """Move width between two columns while that leaves fewer one-character lines (at most 3 em)."""
    lonely_in = _LonelyCount(_spans_of(rows), frame)
    step = frame.pitch_pt / 4
    everything = set(range(len(widths)))
    for _ in range(4):
        total = lonely_in(widths, everything)
        if total == 0:
            break
        best: tuple[int, int, list[float]] = (total, 0, widths)
        for column in everything:
            if not lonely_in(widths, {column}):
                continue
            donors = sorted(everything - {column}, key=lambda i: low[i] - widths[i])[:4]
            for donor in donors:
                pair = {column, donor}
                here = lonely_in(widths, pair)
                for k in (d * sign for d in range(1, 13) for sign in (1, -1)):
                    trial = list(widths)
                    trial[column] += k * step
                    trial[donor] -= k * step
                    if trial[column] < low[column] or trial[donor] < low[donor]:
                        continue
                    after = total - here + lonely_in(trial, pair)
                    if (after, abs(k)) < best[:2]:
                        best = (after, abs(k), trial)
        if best[0] >= total:
            break
        widths = best[2]
    return widths


def _twips(widths: list[float], total: int) -> tuple[int, ...]:
    edges = [0]
    running = 0.0
    scale = total / sum(widths)
    for width in widths:
        running += width * scale
        edges.append(round(running))
    return tuple(b - a for a, b in pairwise(edges))


def broken_lines(rows: Iterable[Row], widths: Sequence[int], frame: TableFrame) -> tuple[Row, ...]:
    """The rows with line breaks (``Cell.typeset``) where the renderer would break badly.

    A bold label that does not fit its column is broken at natural points; so is a short
    text (at most :data:`SHORT_LINES` lines) that would leave one character on a line.
    """
    result = []
    for row in rows:
        cells = []
        start = 0
        for cell in row.cells:
            width = sum(widths[start : start + cell.colspan]) / 20
            if cell.text and cell.vmerge != "continue":
                typeset = "\n".join(_typeset(line, cell.bold, width, frame) for line in cell.text.split("\n"))
                cell = replace(cell, typeset=typeset if typeset != cell.text else "")
            cells.append(cell)
            start += cell.colspan
        result.append(replace(row, cells=tuple(cells)))
    return tuple(result)


def _typeset(line: str, bold: bool, width_pt: float, frame: TableFrame) -> str:
    """``line`` with LINE_BREAK where it should end a line; as it is when breaks would lose a space."""
    lines = _lines_of(line, bold, width_pt, frame)
    return LINE_BREAK.join(lines) if "".join(lines) == line else line


def _lines_of(line: str, bold: bool, width_pt: float, frame: TableFrame) -> list[str]:
    room = frame.em_of(width_pt)
    if bold:
        return break_label(line, room)
    capacity = frame.capacity_em(width_pt)
    wrapped = wrap(line, room)
    at_risk = any(_lonely_at(line, round(capacity + d, 3)) for d in RISK_EM)
    if not at_risk or len(wrapped) > SHORT_LINES:
        return [line]
    return break_label(line, room) if text_em(line) <= LABEL_TEXT_EM else refill(line, room)


def refill(line: str, width_em: float) -> list[str]:
    """``line`` wrapped as the renderer wraps it, with the last piece of the line before a
    lonely last line moved down to it ("服务对象/满意度指/标" → "服务对象/满意度/指标")."""
    lines = wrap(line, width_em)
    if len(lines) > 1 and lonely_line(lines[-1]):
        head = pieces(lines[-2], renderer=True)
        if len(head) > 2:
            lines[-2:] = ["".join(head[:-1]).rstrip(), head[-1].lstrip() + lines[-1]]
    return lines


def fit_table(table: Table, frame: TableFrame) -> Table:
    """``table`` with widths fitted to its text."""
    return fit_tables((table,), frame)[0]


def fit_tables(tables: Sequence[Table], frame: TableFrame) -> tuple[Table, ...]:
    """Tables of one grid (set one under the other, like the 自评表's two parts) fitted together."""
    widths = fit_widths((row for table in tables for row in table.rows), len(tables[0].widths), frame)
    fitted = (replace(table, widths=widths, rows=broken_lines(table.rows, widths, frame)) for table in tables)
    return tuple(without_unused_columns(table) for table in fitted)


def without_unused_columns(table: Table) -> Table:
    """``table`` with grid columns that no cell edge separates merged into one.

    Word and LibreOffice merge them when they save (the 自评表's part two spans its first two
    columns in every row), and a draft whose grid changed would no longer line up with the next
    render's; so the writer never writes them.
    """
    edges: set[int] = set()
    for row in table.rows:
        at = 0
        for cell in row.cells:
            at += cell.colspan
            edges.add(at)
    keep = [i for i in range(1, len(table.widths) + 1) if i in edges]  # the right edge of each new column
    if len(keep) == len(table.widths):
        return table
    starts = [0, *keep[:-1]]
    widths = tuple(sum(table.widths[a:b]) for a, b in zip(starts, keep, strict=True))
    rows = []
    for row in table.rows:
        at, cells = 0, []
        for cell in row.cells:
            span = sum(1 for edge in keep if at < edge <= at + cell.colspan)
            cells.append(replace(cell, colspan=span))
            at += cell.colspan
        rows.append(replace(row, cells=tuple(cells)))
    return replace(table, widths=widths, rows=tuple(rows))
