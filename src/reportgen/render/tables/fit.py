"""Column widths fitted to the text of a table's cells (issue 15 item 1).

Text is measured in em of the table font: a CJK or full-width character is 1 em, a Latin
letter, digit or half-width punctuation mark 0.5 em (``%`` and capitals a little more).
A cell's text is cut into *pieces* that must stay on one line: a number with its unit
("1690.55", "400-500人", "≥90%"), a bracketed unit ("（万元）"), a CJK character with the
punctuation that may not start or end a line, and a whole short label ("二级指标", at most
:data:`LABEL_EM` em). Each column gets at least the width of its widest piece; the rest of
the type area is shared as a browser shares it in an automatic table layout: in proportion
to how much wider than that minimum each column's text would like to be.

Wrapping is then simulated line by line (:func:`wrap`): no column is left at a width where
one of its cells would wrap a single CJK character onto a line of its own ("二级指/标");
a bold label (a header) that must wrap is given its line breaks at natural points (before
"（", after "及"/"和"/"、"/"："), else between two-character words (:func:`break_label`); a
short text that would still leave a character alone is given the renderer's own line breaks
with one piece moved down to keep it company (:func:`refill`).

:func:`fit_table` is the one entry point for any table of the block IR, for example the
batch summary's: ``fit_table(table, TableFrame.of(sheet))`` (``fit_tables`` for tables sharing one grid).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from bisect import bisect_right, insort
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise
from math import inf

from reportgen.render.blocks import LINE_BREAK, Cell, Row, Table
from reportgen.render.stylesheet import Stylesheet

LABEL_EM = 4.0  # a label this short ("二级指标", "400-500人") is never broken
CELL_MARGIN = 57  # twips left and right in each cell (1 mm), as the writer sets them
PADDING_PT = 2 * CELL_MARGIN / 20
PORTABLE_SPACING_PT = -0.25  # the character spacing of the "portable" grid
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


@dataclass(frozen=True)
class TableFrame:
    """Where a table is set: the type-area width, the table font size and its character pitch.

    ``spacing_pt`` is the character spacing every run has: −0.25 pt in the "portable" grid
    (reportgen.docx.write.styles.CHAR_SPACING), so a CJK character takes 10.25 pt at 五号.
    """

    width_pt: float
    size_pt: float = 10.5
    spacing_pt: float = 0.0
    padding_pt: float = PADDING_PT

    @classmethod
    def of(cls, sheet: Stylesheet) -> TableFrame:
        """The frame of a stylesheet's type area and its ``table`` role."""
        spacing = PORTABLE_SPACING_PT if sheet.grid == "portable" else 0.0
        return cls(sheet.page.text_width_mm * 72 / 25.4, sheet.role("table").size_pt, spacing)

    @property
    def pitch_pt(self) -> float:
        """The advance of one CJK character (1 em plus the character spacing)."""
        return self.size_pt + self.spacing_pt

    def em_of(self, width_pt: float) -> float:
        """How many em of text fit a column ``width_pt`` wide."""
        return (width_pt - self.padding_pt) / self.pitch_pt - SLACK_EM

    def capacity_em(self, width_pt: float) -> float:
        """How many em the renderer puts on a line of a column ``width_pt`` wide (no slack)."""
        return (width_pt - self.padding_pt) / self.pitch_pt

    def pt_of(self, em: float) -> float:
        """The column width that holds ``em`` of text."""
        return (em + SLACK_EM) * self.pitch_pt + self.padding_pt


def char_em(char: str) -> float:
    """The width of one character in em of the table font."""
    return (_CHARS.get(char) or _char(char))[0]


_Char = tuple[float, bool, bool, bool]  # em, full width, alphanumeric, CJK ideograph
_CHARS: dict[str, _Char] = {}


def _char(char: str) -> _Char:
    """What the measures need to know of one character, worked out once."""
    known = _CHARS.get(char)
    if known is None:
        em = _char_em(char)
        known = _CHARS[char] = (em, em == 1.0, char.isalnum(), is_cjk(char))
    return known


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
    widths: float = 0  # the characters' widths and the gaps, each summed in order, as sum() would
    gaps: float = 0
    before: _Char | None = None
    for char in text:
        this = _CHARS.get(char) or _char(char)
        widths += this[0]
        if before is not None and before[2] and this[2] and before[1] != this[1]:
            gaps += AUTOSPACE_EM
        before = this
    return widths + gaps


def _is_full(char: str) -> bool:
    return (_CHARS.get(char) or _char(char))[1]


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
    """The autospace between two characters: a full-width and a half-width one, both letters or digits."""
    a, b = _CHARS.get(before) or _char(before), _CHARS.get(after) or _char(after)
    return AUTOSPACE_EM if a[2] and b[2] and a[1] != b[1] else 0.0


def lonely(lines: Sequence[str]) -> bool:
    """Whether some line of a wrapped text holds a single CJK character (with its punctuation)."""
    return len(lines) > 1 and any(lonely_line(text) for text in lines)


def lonely_line(text: str) -> bool:
    """A line that is one CJK character and punctuation only ("标", "称）", "施。")."""
    ideographs = 0
    for char in text:
        this = _CHARS.get(char) or _char(char)
        if this[3]:
            ideographs += 1
        elif this[2]:  # a letter or digit that is no ideograph
            return False
    return ideographs == 1


def break_label(label: str, width_em: float) -> list[str]:
    """A label's lines at ``width_em``: whole if it fits, else split at a natural point.

    The natural points are before "（" and after "及"/"和"/"、"/"："; without one, between
    two-character words, never leaving one character alone. Lines that still do not fit are
    split again the same way.
    """
    return list(_break_label(label, width_em))


@lru_cache(maxsize=16384)
def _break_label(label: str, width_em: float) -> tuple[str, ...]:
    if text_em(label) <= width_em or len(label) < 4:
        return (label,)
    cut = _natural_cut(label) or _word_cut(label, width_em)
    if cut is None:
        return (label,)
    return _break_label(label[:cut], width_em) + _break_label(label[cut:], width_em)


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
    return _min_em(cell.text, cell.bold)


@lru_cache(maxsize=16384)
def _min_em(text: str, bold: bool) -> float:
    widest = 0.0
    parts: Sequence[str]
    for line in text.split("\n"):
        if bold and text_em(line) > LABEL_EM:
            parts = _break_label(line, LABEL_EM)
        elif text_em(line) <= LABEL_EM:
            parts = [line]
        else:
            parts = pieces(line)
            widest = max(widest, 2.0)  # room for two characters, so none stands alone
        widest = max(widest, *(text_em(part.strip()) for part in parts))
    return widest


def max_em(cell: Cell) -> float:
    """The width a cell's text would take unwrapped, in em."""
    return _max_em(cell.text)


@lru_cache(maxsize=16384)
def _max_em(text: str) -> float:
    return max(text_em(line) for line in text.split("\n"))


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
                least, most = _bounds_pt(cell.text, cell.bold, frame)
                low[start] = max(low[start], least)
                high[start] = max(high[start], most)
            elif cell.text:
                spanning.append((start, cell))
            start += cell.colspan
    low = [max(width, frame.pt_of(1)) for width in low]
    high = [max(width, low[i]) for i, width in enumerate(high)]
    for start, cell in spanning:  # a spanning cell widens the columns it spans, in proportion
        least, most = _bounds_pt(cell.text, cell.bold, frame)
        _widen(low, start, cell.colspan, least)
        _widen(high, start, cell.colspan, most)
    high = [max(width, low[i]) for i, width in enumerate(high)]
    widths = _share(low, high, frame.width_pt)
    widths = _without_lonely(rows, widths, low, frame)
    return _twips(widths, round(frame.width_pt * 20))


@lru_cache(maxsize=16384)
def _bounds_pt(text: str, bold: bool, frame: TableFrame) -> tuple[float, float]:
    """The narrowest and the widest column a cell's text wants, in pt (:func:`min_em`, :func:`max_em`)."""
    return frame.pt_of(_min_em(text, bold)), frame.pt_of(_max_em(text))


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


_Step = tuple[float, float, int]  # widths [low, high) and the value at each of them
_PAST = sys.maxsize  # a value after every count: (width, inf, _PAST) sorts after each step starting at width


class _Steps:
    """A function of a width known on disjoint intervals of width, sorted by where they start.

    Each interval is one tuple, so a lookup racing an insertion (the web application renders in
    threads) sees a whole interval or none, and one that does not hold the width is a miss.
    """

    __slots__ = ("items",)

    def __init__(self) -> None:
        self.items: list[_Step] = []

    def at(self, width: float) -> _Step | None:
        """The interval holding ``width``, if it is known."""
        items = self.items
        index = bisect_right(items, (width, inf, _PAST))
        if index:
            found = items[index - 1]
            if found[0] <= width < found[1]:
                return found
        return None

    def add(self, low: float, high: float, value: int) -> _Step:
        step = (low, high, value)
        insort(self.items, step)
        return step


@lru_cache(maxsize=16384)
def _lonely_steps(line: str) -> _Steps:
    """Where ``line`` wrapped leaves a character alone (1) or not (0), by width, as far as found."""
    return _Steps()


@lru_cache(maxsize=4096)
def _span_steps(lines: tuple[tuple[str, int], ...]) -> _Steps:
    """How many of these lines (each as often as it occurs) leave a character alone, by width, as far as found."""
    return _Steps()


def _lonely_interval(line: str, width_em: float) -> _Step:
    """Whether ``line`` wrapped at ``width_em`` leaves a character alone (1 or 0), with the
    interval of widths around ``width_em`` where that holds."""
    steps = _lonely_steps(line)
    found = steps.at(width_em)
    if found is None:
        lines, low, high = _wrap_within(line, width_em)
        found = steps.add(low, high, int(lonely(lines)))
    return found


def _wrap_within(line: str, width_em: float) -> tuple[tuple[str, ...], float, float]:
    """:func:`_wrap` (renderer's breaks) and the widths ``[low, high)`` at which it breaks the same.

    The greedy wrap only compares a line's width so far with ``width_em``: any width for which
    every comparison comes out the same gives the same lines.
    """
    lines: list[str] = []
    low, high = -inf, inf
    current, used, spaces = "", 0.0, 0.0
    for piece in _pieces(line, True):
        if piece.isspace():
            current, spaces = current + piece, spaces + text_em(piece)
            continue
        joined = used + spaces + text_em(piece) + (_gap(current[-1], piece[0]) if current else 0.0)
        if current.strip() and joined > width_em:
            high = min(high, joined)
            lines.append(current.rstrip())
            current, used = piece, text_em(piece)
        else:
            if current.strip():
                low = max(low, joined)
            current, used = current + piece, joined
        spaces = 0.0
    if current.strip() or not lines:
        lines.append(current.rstrip())
    return tuple(lines), low, high


_Over = tuple[int, int, int | None, dict[float, int]]  # a span as _LonelyCount.over gives it


class _LonelyCount:
    """Lines of one character in the cells over some columns, at their width and a little either
    side of it, so the count holds whatever the renderer's glyph widths are; remembered by width.

    A span's count changes only where one of its lines wraps differently: each span keeps the
    intervals of width found so far (:class:`_Steps`), so most widths are answered by a bisection.
    """

    def __init__(self, spans: list[_Span], frame: TableFrame) -> None:
        self.spans = spans
        self.padding = frame.padding_pt
        self.pitch = frame.pitch_pt
        self._over: dict[int, set[int]] = {}  # column → the spans over it
        for index, span in enumerate(spans):
            for column in range(span.start, span.start + span.span):
                self._over.setdefault(column, set()).add(index)
        self._of: dict[frozenset[int], tuple[_Over, ...]] = {}
        self._steps = [_span_steps(span.lines) for span in spans]
        self._known: list[dict[float, int]] = [{} for _ in spans]  # per span: its count by width

    def over(self, columns: frozenset[int]) -> tuple[_Over, ...]:
        """The spans over any of ``columns``: their index, first column, the column after the last
        (None for a span of one column) and their counts by width; those of most lines first, so
        that a count with a limit reaches it soonest."""
        found = self._of.get(columns)
        if found is None:
            indexes: set[int] = set()
            for column in columns:
                indexes |= self._over.get(column, set())
            spans = self.spans
            found = self._of[columns] = tuple(
                (
                    index,
                    spans[index].start,
                    spans[index].start + spans[index].span if spans[index].span > 1 else None,
                    self._known[index],
                )
                for index in sorted(indexes, key=lambda index: -len(spans[index].lines))
            )
        return found

    def __call__(self, widths: list[float], columns: frozenset[int], limit: int | None = None) -> int:
        """The count over ``columns``; with ``limit``, counting stops once it reaches it (any
        count that is not below ``limit`` is then returned as the first found)."""
        count = 0
        padding, pitch = self.padding, self.pitch
        for index, start, end, known in self.over(columns):
            # sum() of one width is that width: the same float either way
            width = ((widths[start] if end is None else sum(widths[start:end])) - padding) / pitch
            here = known.get(width)
            if here is None:
                here = known[width] = self._count(index, width)
            count += here
            if limit is not None and count >= limit:
                break
        return count

    def _count(self, index: int, width: float) -> int:
        return (
            self._at(index, round(width - TOLERANCE_EM, 3))
            + self._at(index, round(width, 3))
            + self._at(index, round(width + TOLERANCE_EM, 3))
        )

    def _at(self, index: int, width_em: float) -> int:
        """The span's lonely lines at ``width_em`` (each as often as it occurs)."""
        steps = self._steps[index]
        found = steps.at(width_em)
        if found is None:
            count, low, high = 0, -inf, inf
            for line, times in self.spans[index].lines:
                line_low, line_high, value = _lonely_interval(line, width_em)
                count += times * value
                low, high = max(low, line_low), min(high, line_high)
            found = steps.add(low, high, count)
        return found[2]


_TRIALS = tuple((d * sign, d) for d in range(1, 13) for sign in (1, -1))  # steps moved (and how many), fewest first


def _without_lonely(rows: Sequence[Row], widths: list[float], low: list[float], frame: TableFrame) -> list[float]:
    """Move width between two columns while that leaves fewer one-character lines (at most 3 em).

    The first trial found with the fewest lonely lines wins, of those the one moving the least
    width; trials that could not beat the best so far (even leaving none in the two columns) are
    not made, and a trial's count stops where it can no longer win.
    """
    lonely_in = _LonelyCount(_spans_of(rows), frame)
    step = frame.pitch_pt / 4
    everything = set(range(len(widths)))
    every = frozenset(everything)
    for _ in range(4):
        total = lonely_in(widths, every)
        if total == 0:
            break
        best: tuple[int, int, list[float]] = (total, 0, widths)
        for column in everything:
            if not lonely_in(widths, frozenset((column,))):
                continue
            donors = sorted(everything - {column}, key=lambda i: low[i] - widths[i])[:4]
            for donor in donors:
                pair = frozenset((column, donor))
                floor = total - lonely_in(widths, pair)  # the fewest a trial of this pair can leave
                gives, takes = True, True  # whether moving more to ``column`` (from it) may still be allowed
                for k, moved in _TRIALS:
                    if floor > best[0] or (floor == best[0] and moved >= best[1]):
                        break  # neither this trial nor a later one (moving more) can win
                    if not (gives if k > 0 else takes):
                        if not (gives or takes):
                            break
                        continue
                    wider, narrower = widths[column] + k * step, widths[donor] - k * step
                    if wider < low[column] or narrower < low[donor]:
                        if k > 0 and narrower < low[donor]:
                            gives = False  # the donor only gets narrower as k grows
                        elif k < 0 and wider < low[column]:
                            takes = False
                        continue
                    trial = list(widths)
                    trial[column], trial[donor] = wider, narrower
                    winning = best[0] - floor + (moved < best[1])  # the trial wins if its pair has fewer
                    after = floor + lonely_in(trial, pair, winning)
                    if (after, moved) < best[:2]:
                        best = (after, moved, trial)
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
        changed = False
        for cell in row.cells:
            width = sum(widths[start : start + cell.colspan]) / 20
            if cell.text and cell.vmerge != "continue":
                typeset = _typeset_cell(cell.text, cell.bold, width, frame)
                if typeset != cell.typeset:
                    cell, changed = replace(cell, typeset=typeset), True
            cells.append(cell)
            start += cell.colspan
        result.append(row if not changed and isinstance(row.cells, tuple) else replace(row, cells=tuple(cells)))
    return tuple(result)


@lru_cache(maxsize=16384)
def _typeset_cell(text: str, bold: bool, width_pt: float, frame: TableFrame) -> str:
    """A cell's ``typeset``: its text with the line breaks fitting chose, or "" when it chose none."""
    typeset = "\n".join(_typeset(line, bold, width_pt, frame) for line in text.split("\n"))
    return typeset if typeset != text else ""


@lru_cache(maxsize=16384)
def _typeset(line: str, bold: bool, width_pt: float, frame: TableFrame) -> str:
    """``line`` with LINE_BREAK where it should end a line; as it is when breaks would lose a space."""
    lines = _lines_of(line, bold, width_pt, frame)
    return LINE_BREAK.join(lines) if "".join(lines) == line else line


def _lines_of(line: str, bold: bool, width_pt: float, frame: TableFrame) -> list[str]:
    room = frame.em_of(width_pt)
    if bold:
        return break_label(line, room)
    capacity = frame.capacity_em(width_pt)
    at_risk = any(_lonely_interval(line, round(capacity + d, 3))[2] for d in RISK_EM)
    if not at_risk or len(wrap(line, room)) > SHORT_LINES:
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
            cells.append(cell if span == cell.colspan else replace(cell, colspan=span))
            at += cell.colspan
        rows.append(replace(row, cells=tuple(cells)))
    return replace(table, widths=widths, rows=tuple(rows))


__all__ = [
    "LABEL_EM",
    "TableFrame",
    "break_label",
    "broken_lines",
    "char_em",
    "fit_table",
    "fit_tables",
    "fit_widths",
    "lonely",
    "max_em",
    "min_em",
    "pieces",
    "refill",
    "text_em",
    "without_unused_columns",
    "wrap",
]
