"""What a hand-typed figure should be, when the regenerated report says so beyond doubt.

``check`` finds percentages and amounts an editor typed that reportgen does not compute; this
module proposes the right one only when it can be known, and gives None otherwise (the
finding then asks the editor to check). For a paragraph reportgen generated (it has a key),
the regenerated paragraph of that key is read first: the figure of the same unit named by the
same words (of the labels ending like the typed one's, those with the longest common ending:
"全年执行数" is not a project's "执行数"), else the n-th figure of the very same label when
the typed one is the n-th so named and both paragraphs name as many, else the figure at the same position among
that kind's, when another figure at its own position is equal in both (the positions line
up) and the two are within a factor of ten. Then, and for a paragraph the editor added, the
whole regenerated text is searched for figures of the same unit named by the same words
(three characters at least): they must all be one value, and of the typed one's magnitude
(within a factor of two). Two candidates mean the words are not enough to tell, and nothing
is proposed; the magnitude is checked after, so that it never picks one of several.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from reportgen.revise.numbers import Figure

_KEYED_WORDS = 2  # characters a label must share in the paragraph of the same key
_ADDED_WORDS = 3  # … and anywhere in the report, for a paragraph the editor added


def expected(
    typed: Figure, mine: Sequence[Figure], regenerated: Sequence[Figure] | None, report: Sequence[Figure]
) -> Figure | None:
    """The figure ``typed`` should be, or None when that cannot be known.

    ``mine`` are the figures of the same kind in the editor's paragraph (``typed`` among
    them); ``regenerated`` those of the regenerated paragraph of the same key (None for a
    paragraph the editor added); ``report`` those of the whole regenerated report.
    """
    if regenerated is not None:
        found = _named_alike(typed, regenerated, _KEYED_WORDS)
        found = found or _nth_so_named(typed, list(mine), list(regenerated))
        found = found or _same_position(typed, list(mine), list(regenerated))
        if found is not None:
            return found
    found = _named_alike(typed, report, _ADDED_WORDS)
    return found if found is not None and _near(typed.value, found.value, 2) else None


def contradicted(typed: Figure, regenerated: Sequence[Figure]) -> Figure | None:
    """The figure the regenerated paragraph of the same key gives where the editor's paragraph
    has ``typed``, when its words name one value there beyond doubt (a label of three characters
    at least, ending alike, of the same unit) and that value is another; None otherwise."""
    found = _named_alike(typed, regenerated, _ADDED_WORDS)
    return found if found is not None and found.value != typed.value else None


def _one(candidates: Iterable[Figure]) -> Figure | None:
    found = list(candidates)
    values = {f.value for f in found}
    return found[0] if len(values) == 1 else None


def _named_alike(typed: Figure, candidates: Sequence[Figure], least: int) -> Figure | None:
    """The one value among the figures of ``typed``'s unit whose labels end most like its label
    (in ``least`` characters at least, and the whole of a label shorter than three)."""
    scored = [(_common_ending(typed.label, f.label), f) for f in candidates if f.unit == typed.unit]
    scored = [(n, f) for n, f in scored if n >= least and n >= min(len(typed.label), len(f.label), 3)]
    best = max((n for n, _ in scored), default=0)
    return _one(f for n, f in scored if n == best)


def _common_ending(a: str, b: str) -> int:
    common = 0
    while common < min(len(a), len(b)) and a[-1 - common] == b[-1 - common]:
        common += 1
    return common


def _nth_so_named(typed: Figure, mine: list[Figure], regenerated: list[Figure]) -> Figure | None:
    """The n-th figure named by ``typed``'s very label in the regenerated paragraph, when ``typed``
    is the n-th so named in the editor's and both name as many ("占全年支出的" twice)."""
    ours = [f for f in mine if typed.label and f.label == typed.label and f.unit == typed.unit]
    theirs = [f for f in regenerated if typed.label and f.label == typed.label and f.unit == typed.unit]
    return theirs[ours.index(typed)] if len(ours) == len(theirs) and typed in ours else None


def _same_position(typed: Figure, mine: list[Figure], regenerated: list[Figure]) -> Figure | None:
    if len(mine) != len(regenerated) or typed not in mine:
        return None
    at = mine.index(typed)
    candidate = regenerated[at]
    if candidate.unit != typed.unit:
        return None
    confirmed = any(a.value == b.value for i, (a, b) in enumerate(zip(mine, regenerated, strict=True)) if i != at)
    return candidate if confirmed and _near(typed.value, candidate.value, 10) else None


def _near(a: Decimal, b: Decimal, factor: Decimal | int) -> bool:
    """Whether two positive values are within ``factor`` of each other."""
    if a <= 0 or b <= 0:
        return False
    return max(a, b) / min(a, b) <= factor
