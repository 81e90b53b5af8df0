"""A report's history as its pages show it: each version with what changed from the one
before, a page of versions at a time, and two versions side by side.

Versions never change once saved, so what is computed from them is kept, keyed by the
versions' content (:class:`ChangeCache`): a history of hundreds of versions checks each
version once, not on every visit.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Generic, TypeVar

from reportgen.api import Checked
from reportgen.web.changes import FieldChange, FigureChange, FigureRow, field_changes, figure_changes, figure_table
from reportgen.web.datafile import from_json
from reportgen.web.edit import is_form_edit
from reportgen.web.figures_panel import PanelRow, figures_panel
from reportgen.web.store import Version

PER_PAGE = 20
SESSION_GAP = timedelta(minutes=15)  # form edits closer together than this are one sitting
K = TypeVar("K")
V = TypeVar("V")


class _Bounded(Generic[K, V]):
    """The ``size`` most recently used results."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K, make: Callable[[], V]) -> V:
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        value = self._items[key] = make()
        if len(self._items) > self.size:
            self._items.popitem(last=False)
        return value


@dataclass(frozen=True)
class Facts:
    """What the history needs of one version: its data and its figures (None when the data
    has errors and so has none)."""

    data: Any
    figures: list[PanelRow] | None


@dataclass(frozen=True)
class Changes:
    """What changed from one version to the next."""

    fields: list[FieldChange]
    figures: list[FigureChange]
    figures_known: bool = True  # False when either version's data has errors (no figures to compare)


@dataclass(frozen=True)
class Entry:
    """One line of the history: a version and what changed from the one before it (None for
    the first) — or a sitting of form edits: its newest version, the ones before it in the
    sitting (newest first), and what the whole sitting changed."""

    version: Version
    changes: Changes | None
    earlier: list[Version] = field(default_factory=list)

    @property
    def first(self) -> Version:
        """The sitting's first version (the version itself when it stands alone)."""
        return self.earlier[-1] if self.earlier else self.version


def sittings(versions: Sequence[Version]) -> list[list[Version]]:
    """``versions`` (newest first) in runs: consecutive changes made in the editor less than
    :data:`SESSION_GAP` apart form one run; every other version stands alone."""
    runs: list[list[Version]] = []
    for version in versions:
        run = runs[-1] if runs else None
        if (
            run is not None
            and is_form_edit(version.note)
            and is_form_edit(run[-1].note)
            and run[-1].created - version.created <= SESSION_GAP
        ):
            run.append(version)
        else:
            runs.append([version])
    return runs


@dataclass(frozen=True)
class HistoryPage:
    entries: list[Entry]
    page: int
    pages: int
    total: int


def _digest(version: Version) -> str:
    return hashlib.sha256(version.data.encode("utf-8")).hexdigest()


class ChangeCache:
    """Facts per version and changes per pair of versions, keyed by content (the figures are
    those of the workspace's default renderer, which every workspace checks with). A version's
    facts hold its whole data, so fewer of them are kept than of the small lists of changes."""

    def __init__(self, versions: int = 256, pairs: int = 4096) -> None:
        self._facts: _Bounded[str, Facts] = _Bounded(versions)
        self._pairs: _Bounded[tuple[str, str], Changes] = _Bounded(pairs)

    def facts(self, version: Version, check: Callable[[Version], Checked]) -> Facts:
        def make() -> Facts:
            checked = check(version)
            rows = figures_panel(checked.figures) if checked.figures is not None else None
            return Facts(from_json(version.data, "自评数据").data, rows)

        return self._facts.get(_digest(version), make)

    def changes(self, older: Version, newer: Version, check: Callable[[Version], Checked]) -> Changes:
        def make() -> Changes:
            a, b = self.facts(older, check), self.facts(newer, check)
            known = a.figures is not None and b.figures is not None
            return Changes(field_changes(a.data, b.data), figure_changes(a.figures, b.figures), known)

        return self._pairs.get((_digest(older), _digest(newer)), make)


CACHE = ChangeCache()


def history_page(
    versions: Sequence[Version], page: int, check: Callable[[Version], Checked], cache: ChangeCache = CACHE
) -> HistoryPage:
    """Page ``page`` (from 1; clamped to the pages there are) of ``versions`` (newest first),
    each version — or each sitting of form edits (:func:`sittings`) — with its changes from
    the version before it."""
    runs = sittings(versions)
    total = len(versions)
    pages = max(1, -(-len(runs) // PER_PAGE))
    page = min(max(page, 1), pages)
    start = (page - 1) * PER_PAGE
    entries = []
    for index in range(start, min(start + PER_PAGE, len(runs))):
        run = runs[index]
        before = runs[index + 1][0] if index + 1 < len(runs) else None
        newest = run[0]
        changes = cache.changes(before, newest, check) if before is not None else None
        entries.append(Entry(newest, changes, run[1:]))
    return HistoryPage(entries, page, pages, total)


def compared(a: Version, b: Version, check: Callable[[Version], Checked], cache: ChangeCache = CACHE) -> Comparison:
    """Versions ``a`` and ``b`` figure by figure, and the fields that differ."""
    left, right = cache.facts(a, check), cache.facts(b, check)
    return Comparison(
        figure_table(left.figures, right.figures),
        field_changes(left.data, right.data),
        left.figures is not None,
        right.figures is not None,
    )


@dataclass(frozen=True)
class Comparison:
    figures: list[FigureRow]
    fields: list[FieldChange]
    a_has_figures: bool
    b_has_figures: bool
