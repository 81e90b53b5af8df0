"""The bureau's list of units (单位填报情况): for the chosen year and kind, one row per report of
a unit and one 未开始 row per unit without one; counted per status, filtered by status and a
name search, sorted by any column — all on the server, from what the query string asks.

Pure: the units, their reports and the reports' summaries come in
(:func:`reportgen.web.review_data.bureau_reports`); nothing here reads the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from reportgen.data.vocabulary import GRADES
from reportgen.web.access import NOT_STARTED, STATUS_NAMES
from reportgen.web.accounts import Unit
from reportgen.web.store import Report
from reportgen.web.summary import Summary

NOT_STARTED_KEY = "none"  # a unit without a report for the year and kind
STATUSES = (NOT_STARTED_KEY, "draft", "submitted", "returned", "approved")
STATUS_TITLES = {NOT_STARTED_KEY: NOT_STARTED, **STATUS_NAMES}
KIND_NAMES = {"department": "部门整体支出", "project": "项目支出"}
NO_YEAR = "none"  # the year of reports whose data has none yet
MAX_SEARCH = 100  # characters of a name search


@dataclass(frozen=True, slots=True)
class Held:
    """A report of a unit and what the check of its latest version found."""

    report: Report
    summary: Summary


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the list: a unit and its report (``None``: 未开始)."""

    unit: Unit
    report: Report | None = None
    summary: Summary | None = None

    @property
    def status(self) -> str:
        return self.report.status if self.report is not None else NOT_STARTED_KEY

    @property
    def status_name(self) -> str:
        return STATUS_TITLES.get(self.status, self.status)

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.report.kind, "—") if self.report is not None else "—"


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: str
    value: Callable[[Row], Any]  # what it sorts by; None sorts last either way
    numeric: bool = False


def _summary(get: Callable[[Summary], Any]) -> Callable[[Row], Any]:
    return lambda row: get(row.summary) if row.summary is not None else None


def _grade(summary: Summary) -> int | None:
    return GRADES.index(summary.grade) if summary.grade in GRADES else None


def _updated(row: Row) -> datetime | None:
    return row.report.updated if row.report is not None else None


COLUMNS = (
    Column("unit", "单位", lambda row: row.unit.name),
    Column("code", "单位代码", lambda row: row.unit.code),
    Column("status", "状态", lambda row: STATUSES.index(row.status) if row.status in STATUSES else None),
    Column("kind", "类型", lambda row: row.kind_name if row.report is not None else None),
    Column("year", "年度", lambda row: row.report.year if row.report is not None else None, numeric=True),
    Column("score", "综合得分", _summary(lambda s: s.total), numeric=True),
    Column("grade", "等级", _summary(_grade)),
    Column("rate", "预算执行率", _summary(lambda s: s.execution_rate), numeric=True),
    Column("errors", "错误", _summary(lambda s: len(s.errors)), numeric=True),
    Column("warnings", "提示", _summary(lambda s: len(s.warnings)), numeric=True),
    Column("missing", "尚未填写", _summary(lambda s: len(s.missing)), numeric=True),
    Column("updated", "最后修改", _updated),
)
BY_KEY = {column.key: column for column in COLUMNS}
DEFAULT_SORT = "code"


@dataclass(frozen=True, slots=True)
class Query:
    """What the list was asked for; every value checked (an unknown one is the default)."""

    year: int | None = None  # None: the latest year of any report (or reports without a year: NO_YEAR)
    no_year: bool = False  # the reports whose data has no year yet
    kind: str = ""  # "" every kind
    status: str = ""  # "" every status
    search: str = ""
    sort: str = DEFAULT_SORT
    descending: bool = False

    def link(self, **changes: Any) -> str:
        """The query string of this list with ``changes`` (the links of the page)."""
        chosen = replace(self, **changes)
        parts = {
            "year": NO_YEAR if chosen.no_year else (str(chosen.year) if chosen.year is not None else ""),
            "kind": chosen.kind,
            "status": chosen.status,
            "q": chosen.search,
            "sort": chosen.sort if chosen.sort != DEFAULT_SORT else "",
            "order": "desc" if chosen.descending else "",
        }
        return "?" + urlencode({key: value for key, value in parts.items() if value})

    def sorted_by(self, key: str) -> str:
        """The link of a column's heading: sorted by it, the other way round if it already is."""
        if key == self.sort:
            return self.link(descending=not self.descending)
        return self.link(sort=key, descending=BY_KEY[key].numeric)


def parse_query(
    year: str = "", kind: str = "", status: str = "", q: str = "", sort: str = "", order: str = ""
) -> Query:
    """The query of a request's parameters, each bounded; what is not understood is left out."""
    chosen_year = int(year) if year.isdigit() and len(year) == 4 else None
    return Query(
        year=chosen_year,
        no_year=year == NO_YEAR,
        kind=kind if kind in KIND_NAMES else "",
        status=status if status in STATUSES else "",
        search=" ".join(q.split())[:MAX_SEARCH],
        sort=sort if sort in BY_KEY else DEFAULT_SORT,
        descending=order == "desc",
    )


@dataclass(frozen=True, slots=True)
class Listing:
    """The page's list: the rows shown, the counts per status (of the year, kind and search:
    the rows each status's filter would show), the years to choose from and the query it answers."""

    rows: list[Row]
    counts: list[tuple[str, str, int]]  # (status key, 状态, rows)
    total: int  # rows of the year, kind and search, of every status
    years: list[int]
    has_no_year: bool
    query: Query  # with the year it shows

    @property
    def heading(self) -> str:
        """What the list is of: ``2023 年度 · 项目支出``."""
        year = f"{self.query.year} 年度" if self.query.year else ("未填写年度的报告" if self.query.no_year else "")
        return " · ".join(part for part in (year, KIND_NAMES.get(self.query.kind, "")) if part)


def years_of(reports: Iterable[Report]) -> list[int]:
    """The years of the reports, the latest first."""
    return sorted({r.year for r in reports if r.year is not None}, reverse=True)


def listing(units: list[Unit], held: list[Held], query: Query) -> Listing:
    """The list ``query`` asks for, of the bureau's ``units`` and their reports ``held``."""
    years = years_of(h.report for h in held)
    has_no_year = any(h.report.year is None for h in held)
    if query.year is None and not query.no_year:
        query = replace(query, year=years[0]) if years else replace(query, no_year=has_no_year)
    chosen = [h for h in held if _of_year(h.report, query) and (not query.kind or h.report.kind == query.kind)]
    by_id = {unit.id: unit for unit in units}
    with_report = {h.report.unit_id for h in chosen}
    rows = [Row(by_id[h.report.unit_id], h.report, h.summary) for h in chosen if h.report.unit_id in by_id]
    rows += [Row(unit) for unit in units if unit.id not in with_report]
    found = [row for row in rows if _found(row, query.search)]
    counts = [(key, STATUS_TITLES[key], sum(1 for row in found if row.status == key)) for key in STATUSES]
    shown = [row for row in found if not query.status or row.status == query.status]
    return Listing(_sorted(shown, query), counts, len(found), years, has_no_year, query)


def _of_year(report: Report, query: Query) -> bool:
    return report.year is None if query.no_year else report.year == query.year


def _found(row: Row, search: str) -> bool:
    """Whether every word of ``search`` is in the unit's name or code (or its report's name)."""
    if not search:
        return True
    words = search.casefold().split()
    text = " ".join([row.unit.name, row.unit.code or "", row.report.unit_name if row.report else ""]).casefold()
    return all(word in text for word in words)


def _sorted(rows: list[Row], query: Query) -> list[Row]:
    """Sorted by the query's column (ties by 单位代码 and 单位); rows without a value last."""
    column = BY_KEY[query.sort]
    steady = sorted(
        rows, key=lambda row: (row.unit.code or "\uffff", row.unit.name, row.report.id if row.report else 0)
    )
    having = [row for row in steady if column.value(row) is not None]
    lacking = [row for row in steady if column.value(row) is None]
    return sorted(having, key=column.value, reverse=query.descending) + lacking
