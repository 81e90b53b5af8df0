"""``reportgen review``: every inconsistency of a hand-made 自评表 (or a whole report with one),
each at the cell it comes from, with the correct figure.

The tables are imported (:mod:`reportgen.data.importing`), so their printed 执行率, 得分, 总分 and
等级 sit under ``published``; then the data checks run on each table exactly as on a data file
(sums, shares, scores, weights, over-achievement without analysis, 元/万元), and the importer's own
findings about the table (a blank 合计, a 万元 header over 元 amounts, template rows left in) and
the report text's figures are added. What a draft still lacks is not an inconsistency and is left out.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportgen.api.checking import check_data
from reportgen.data.fieldpath import PathKey, parse_path
from reportgen.data.importing.files import read_document
from reportgen.data.importing.mapper import import_tables
from reportgen.data.importing.narrative import narrative_findings, rounding_between_tables
from reportgen.data.importing.result import ImportedTable, Unmapped
from reportgen.data.raw import RawData
from reportgen.errors import Issue, Severity

__all__ = ["Review", "ReviewFinding", "ReviewedTable", "review_file"]


@dataclass(frozen=True)
class ReviewFinding:
    """One inconsistency: where it is, what is wrong and the right figure; ``rule`` names the check."""

    place: str
    message: str
    rule: str
    severity: str = "warning"


@dataclass
class ReviewedTable:
    """One table of the document and what is wrong in it."""

    title: str
    source: str
    kind: str
    findings: list[ReviewFinding] = field(default_factory=list)


@dataclass
class Review:
    """The whole document's review: its tables, its text's figures, and the tables passed over."""

    file: str
    tables: list[ReviewedTable]
    text: list[ReviewFinding] = field(default_factory=list)
    passed_over: list[Unmapped] = field(default_factory=list)

    @property
    def count(self) -> int:
        """How many inconsistencies were found in all."""
        return sum(len(t.findings) for t in self.tables) + len(self.text)


def review_file(path: Path) -> Review:
    """Review the tables of a .docx/.xlsx; DataError when it cannot be read or holds none."""
    doc = read_document(path)
    result = import_tables(doc)
    review = Review(doc.file, [], passed_over=list(result.passed_over))
    for table in result.tables:
        review.tables.append(_review_table(table, doc.file))
    department = next((t for t in result.tables if t.kind == "department"), None)
    projects = [t for t in result.tables if t.kind == "project"]
    for finding in rounding_between_tables(department, projects):
        reviewed = review.tables[result.tables.index(projects[0])]
        reviewed.findings.append(ReviewFinding(finding.place, finding.message, finding.rule))
        reviewed.findings.sort(key=lambda f: _reading_order(f.place))
    review.text = [ReviewFinding(f.place, f.message, f.rule) for f in narrative_findings(doc.paragraphs, department)]
    return review


def _review_table(table: ImportedTable, file: str) -> ReviewedTable:
    reviewed = ReviewedTable(table.title, table.source, table.kind)
    for issue in _all_issues(table, file):
        where = issue.location or table.source
        reviewed.findings.append(ReviewFinding(where, issue.message, issue.path, issue.severity.value))
    for finding in table.findings:
        reviewed.findings.append(ReviewFinding(finding.place, finding.message, finding.rule))
    reviewed.findings.sort(key=lambda f: _reading_order(f.place))
    return reviewed


_WORD_PLACE = re.compile(r"第(\d+)个表格第(\d+)行(?:第(\d+)列)?")
_EXCEL_PLACE = re.compile(r"”([A-Z]{1,3})(\d+)$|”第(\d+)行$")


def _reading_order(place: str) -> tuple[int, int, int]:
    """Top to bottom, left to right, as a reviewer reads the table; places without a row last."""
    found = _WORD_PLACE.search(place)
    if found is not None:
        return int(found[1]), int(found[2]), int(found[3] or 0)
    cell = _EXCEL_PLACE.search(place)
    if cell is not None and cell[2]:
        col = 0
        for letter in cell[1]:
            col = col * 26 + ord(letter) - 64
        return 0, int(cell[2]), col
    if cell is not None:
        return 0, int(cell[3]), 0
    return 1 << 30, 0, 0


_PASSES = 4


def _all_issues(table: ImportedTable, file: str) -> list[Issue]:
    """Every finding, also those an error would hide: a value the validation refuses (a score above its
    weight) is listed, set aside, and the table checked again without it — all problems at once."""
    data = copy.deepcopy(table.data)
    found: list[Issue] = []
    for _ in range(_PASSES):
        checked = check_data(RawData(file, data, dict(table.locations)))
        found += [i for i in checked.issues if i.severity is not Severity.MISSING and i not in found]
        if checked.ok:
            break
        if not any(_set_aside(data, parse_path(issue.path)) for issue in checked.errors):
            break
    return found


def _set_aside(data: dict[str, Any], path: PathKey) -> bool:
    """Remove the value at ``path`` when it is an optional field of a list item (得分, 分值, 实际完成值)."""
    if len(path) != 3 or not isinstance(path[1], int) or path[2] not in _OPTIONAL:
        return False
    items = data.get(str(path[0]))
    if not isinstance(items, list) or path[1] >= len(items) or path[2] not in items[path[1]]:
        return False
    del items[path[1]][path[2]]
    return True


_OPTIONAL = ("score", "weight", "actual", "grade", "direction", "standard", "deviation")
