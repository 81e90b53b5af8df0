"""The reports an imported 绩效目标表 or 自评表 becomes — one new report per recognised table,
of the user's unit — and the account the import page shows of each: what was read (grouped as
``reportgen import`` prints it), what was not, what the table itself gets wrong, the draft's
problems at their cells and what is still to be filled in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.api.import_account import at_a_glance, mapped_groups
from reportgen.api.import_files import in_key_order, missing_groups
from reportgen.data.importing.result import ImportedTable, ImportResult, TableFinding, Unmapped
from reportgen.errors import Issue
from reportgen.web.wording import form_words
from reportgen.web.workspace import Workspace

__all__ = ["Passed", "Problem", "TableAccount", "create_reports", "passed_over"]

# “项目名称”（项目名称）: a data key and its label, both turned into the form's words.
_REPEATED_LABEL = re.compile(r"“([^”]+)”（\1）")


@dataclass(frozen=True)
class Problem:
    """An error or warning of the imported draft: its severity ("error", "warning") and word
    (错误, 提示), the cell and field it is at, what is wrong."""

    severity: str
    word: str
    where: str
    message: str


@dataclass(frozen=True)
class Passed:
    """A table of the document that was not imported, and why."""

    place: str
    text: str
    reason: str


@dataclass(frozen=True)
class TableAccount:
    """One imported table: the report it became and what the import made of it."""

    report_id: int
    source: str  # "第1个表格" / "工作表“批复表”"
    title: str
    kind: str  # "department" or "project"
    name: str  # the report as the list names it: the unit's, or the project's, name
    mapped: int
    groups: dict[str, list[str]]
    unmapped: list[Unmapped]
    findings: list[TableFinding]
    notes: list[str]
    problems: list[Problem]
    missing: list[str]
    missing_count: int


def create_reports(ws: Workspace, result: ImportResult, file_name: str) -> list[TableAccount]:
    """A new report of the user's unit for every table of ``result``, in the document's order,
    each noted as "由《file_name》第1个表格导入"; the account of each."""
    accounts = []
    for table in result.tables:
        version = ws.create(in_key_order(table.data), f"由《{file_name}》{table.source}导入")
        accounts.append(_account(ws, table, version.report_id, file_name))
    return accounts


def passed_over(result: ImportResult) -> list[Passed]:
    """The document's tables that were not imported, each with what was looked for."""
    return [Passed(item.place, at_a_glance(item.text), item.reason) for item in result.passed_over]


def _account(ws: Workspace, table: ImportedTable, report_id: int, file_name: str) -> TableAccount:
    # Checked as the imported file: every problem located at its cell of the original table.
    checked = ws.renderer.check(table.raw(file_name))
    return TableAccount(
        report_id=report_id,
        source=table.source,
        title=table.title,
        kind=table.kind,
        name=_name(table),
        mapped=len(table.mapped),
        groups=mapped_groups(table.mapped),
        unmapped=[Unmapped(item.place, at_a_glance(item.text), item.reason) for item in table.unmapped],
        findings=[TableFinding(item.rule, item.place, _words(item.message)) for item in table.findings],
        notes=[_words(note) for note in table.notes],
        problems=[_problem(issue) for issue in (*checked.errors, *checked.warnings)],
        missing=missing_groups(checked.missing, paths=False),
        missing_count=len(checked.missing),
    )


def _name(table: ImportedTable) -> str:
    part = "project" if table.kind == "project" else "unit"
    found = table.data.get(part)
    name = found.get("name") if isinstance(found, dict) else None
    if isinstance(name, str) and name.strip():
        return name.strip()
    return "（未填写项目名称）" if table.kind == "project" else "（未填写单位名称）"


def _problem(issue: Issue) -> Problem:
    """The problem at its cell and field: "第4个表格第9行第5列（年度指标值）"."""
    where = issue.location or issue.label
    if issue.location and issue.label:
        where = f"{issue.location}（{issue.label}）"
    return Problem(issue.severity.value, issue.severity.word, where, _words(issue.message))


def _words(message: str) -> str:
    """A message of the importer or the checks in the form's words (no data keys)."""
    return _REPEATED_LABEL.sub(r"“\1”", form_words(message))
