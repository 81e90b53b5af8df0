"""What importing a table document gives: one data file's plain values per recognised table,
and an account of every cell — what was mapped where, what could not be, what the table
itself gets wrong.

The mapper (:mod:`reportgen.data.importing.mapper`) fills these; ``reportgen import`` writes
each :class:`ImportedTable` as a data file (or workbook) and prints the account;
``reportgen review`` lists the :attr:`ImportedTable.findings` with the data checks' findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from reportgen.data.fieldpath import PathKey
from reportgen.data.raw import RawData

__all__ = ["ImportResult", "ImportedTable", "Mapped", "TableFinding", "Unmapped"]

TableKind = Literal["department", "project"]

UNRECOGNISED = "未能识别这一格的含义"  # the reason of a cell no reader used


@dataclass(frozen=True)
class Mapped:
    """One field filled from the document: its path and label, the value as written, its cell."""

    path: PathKey
    label: str
    value: str
    place: str


@dataclass(frozen=True)
class Unmapped:
    """Text the importer saw and could not place, with where it stands and why."""

    place: str
    text: str
    reason: str


@dataclass(frozen=True)
class TableFinding:
    """An inconsistency printed in the table itself (a 合计 that is not the sum of its rows, a
    share contradicting its amounts, a header unit contradicting the cells), with its cell and
    the correct figure. ``rule`` names the check, as the data checks' rule names do."""

    rule: str
    place: str
    message: str


@dataclass
class ImportedTable:
    """One recognised table (a 部门整体 table, or one project's table) as a data file's values.

    ``self_evaluation`` is true for a 自评表 (it has 实际完成值/得分): its printed 执行率, 得分,
    总分 and 等级 are kept under ``published`` for the checks to compare.
    """

    title: str
    kind: TableKind
    source: str
    data: dict[str, Any]
    locations: dict[PathKey, str] = field(default_factory=dict)
    mapped: list[Mapped] = field(default_factory=list)
    unmapped: list[Unmapped] = field(default_factory=list)
    findings: list[TableFinding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    self_evaluation: bool = False
    cells: int = 0  # the non-empty cells of the table's grids (a merged area once)

    @property
    def unrecognised(self) -> list[Unmapped]:
        """The cells no reader could place (the rest of ``unmapped`` was left out on purpose)."""
        return [u for u in self.unmapped if u.reason == UNRECOGNISED]

    def raw(self, file: str) -> RawData:
        """The values as a reader's hand-off to validation, each field located at its cell."""
        return RawData(file, self.data, dict(self.locations))


@dataclass
class ImportResult:
    """Every table of one document: those recognised, and those passed over (with what was looked for)."""

    file: str
    tables: list[ImportedTable]
    passed_over: list[Unmapped] = field(default_factory=list)
