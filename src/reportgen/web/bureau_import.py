"""A multi-unit workbook imported into the bureau's units' data (bureau mode).

Three steps, so that the admin sees what will happen before anything is written:

1. :func:`read_workbook` reads the upload (the workbook reader's
   :func:`~reportgen.data.excel.read_units_apart`): a workbook that cannot be read at all
   raises :class:`ImportRefused` with every reason, and nothing is planned or written;
2. :func:`plan_import` — pure, no database — matches each workbook unit to one of the
   bureau's units and decides, unit by unit, what the import will do (:class:`Action`) or
   why that unit is left out (:class:`Problem`). All problems are found at once;
3. :func:`apply_plan` writes the actions through the store.

Between the preview and the confirmation the uploaded workbook waits in the ``jobs`` table
(:meth:`reportgen.web.jobs.Jobs.keep`: a job of kind :data:`KIND` already done, its result the
workbook; the last few per bureau are kept), so that any server process can confirm it; the
confirmation reads and plans it again and writes only if that gives the plan the preview
showed (:func:`plan_digest`).

The rules of matching: a workbook unit with a 单位代码 (``unit.code``) is the bureau's unit
of that code; one without (or whose code no unit of the bureau has recorded) is the unit of
exactly that name, among the units with no code recorded. Never merged, always reported
with the unit's name and its row: a unit the bureau does not have; a name two of the
bureau's units share; a code that names another unit than the name; one unit given twice in
the workbook (by two rows of one code, or by code in one row and name in another) — then
none of its rows is imported; rows of the workbook that the reader could not attribute.

A matched unit gets a new version of its report for the data's year and kind (the report
is created if it has none); a unit whose report is 已提交 or 已通过 is refused with the
reason, since its data is then the reviewer's to return first.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from reportgen.data.excel import read_units_apart
from reportgen.data.layout import KINDS
from reportgen.data.raw import RawData
from reportgen.errors import DataError, Issue
from reportgen.web import audit
from reportgen.web.datafile import to_json
from reportgen.web.db import ReportRow, UnitRow, VersionRow, writing
from reportgen.web.store import Conflict, Store
from reportgen.web.upload import MAX_UPLOAD, MiB

MAX_WORKBOOK = MAX_UPLOAD  # a multi-unit workbook of 1000 units is about 1.2 MB
MAX_UNITS = 5000

KIND = "import"  # the jobs holding uploads that await confirmation
KIND_TEXT = {kind: text for text, kind in KINDS}
REFUSED_STATUS = {
    "submitted": "已提交，正在等待审核：如需用工作簿中的数据替换，请先将该报告退回",
    "approved": "已通过审核，数据已冻结：如需用工作簿中的数据替换，请先将该报告退回",
}


class ImportRefused(Exception):
    """The workbook itself cannot be imported: nothing is planned or written."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("；".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class BureauUnit:
    """One of the bureau's units, as matching needs it."""

    id: int
    name: str
    code: str | None = None


@dataclass(frozen=True)
class Existing:
    """A unit's report for one year and kind, as the plan needs it."""

    report_id: int
    status: str  # draft | submitted | returned | approved
    latest: int  # the number of its latest version


ReportKey = tuple[int, int, str]  # unit id, year, kind


@dataclass(frozen=True)
class Action:
    """What the import does for one unit: a new version of its report (or a new report)."""

    unit: BureauUnit
    label: str  # the unit's name in the workbook
    where: str  # its row: 单位信息!A5
    matched_by: str  # 单位代码 | 单位名称
    year: int
    kind: str
    data: Mapping[str, Any]
    report_id: int | None  # None: the unit has no report for that year and kind yet
    based_on: int = 0  # the version the new one follows

    @property
    def describe(self) -> str:
        """What will happen, in a sentence for the preview."""
        subject = f"{self.year}年度{KIND_TEXT.get(self.kind, self.kind)}报告"
        if self.report_id is None:
            return f"新建{subject}"
        return f"{subject}保存为第 {self.based_on + 1} 版"


@dataclass(frozen=True)
class Problem:
    """Why a workbook unit (or row) is not imported: its name in the workbook, its place, the reasons."""

    label: str
    where: str
    messages: tuple[str, ...]


@dataclass
class Plan:
    actions: list[Action] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def plan_digest(plan: Plan) -> str:
    """A fingerprint of what ``plan`` will write: the preview carries it, and the confirmed
    import is written only if planning again gives the same (else the preview is shown anew)."""
    parts = [[a.unit.id, a.report_id, a.based_on, a.year, a.kind, to_json(a.data)] for a in plan.actions]
    text = json.dumps([parts, [[p.label, p.where, list(p.messages)] for p in plan.problems]], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def read_workbook(content: bytes) -> list[RawData | DataError]:
    """The units of an uploaded multi-unit workbook (each unit's rows, or why they fail);
    :class:`ImportRefused` when the workbook cannot be read, is no multi-unit workbook or is too large."""
    if not content:
        raise ImportRefused(["请选择要导入的多单位工作簿（文件为空）。"])
    if len(content) > MAX_WORKBOOK:
        raise ImportRefused([f"文件过大（超过 {MAX_WORKBOOK // MiB} MB）：请检查是否选错了文件。"])
    with tempfile.TemporaryDirectory(prefix="reportgen-import-") as folder:
        path = Path(folder) / "工作簿.xlsx"
        path.write_bytes(content)
        try:
            entries = read_units_apart(path)
        except DataError as exc:
            raise ImportRefused([_issue(issue) for issue in exc.issues] or ["无法读取此工作簿。"]) from None
        if len(entries) == 1 and isinstance(entries[0], RawData) and entries[0].file == str(path):
            raise ImportRefused(
                [
                    "这是单个单位的工作簿（“单位信息”按字段逐行填写）：请上传多单位工作簿（每张表多一列“单位名称”），"
                    "或在该单位的报告中上传此工作簿。"
                ]
            )
    if len(entries) > MAX_UNITS:
        raise ImportRefused(
            [f"工作簿中有 {len(entries)} 个单位，超过一次最多导入的 {MAX_UNITS} 个：请分成几个工作簿。"]
        )
    return [entry if isinstance(entry, DataError) else _relabel(entry, path) for entry in entries]


def _relabel(raw: RawData, path: Path) -> RawData:
    """``raw`` named by its unit alone (the temporary file's name is the server's)."""
    return RawData(raw.file.removeprefix(f"{path}#"), raw.data, raw.locations)


def _issue(issue: Issue) -> str:
    return f"{issue.location}：{issue.message}" if issue.location else issue.message


def plan_import(
    entries: Sequence[RawData | DataError], units: Sequence[BureauUnit], reports: Mapping[ReportKey, Existing]
) -> Plan:
    """What importing ``entries`` into the bureau's ``units`` will do; see the module docstring."""
    plan = Plan()
    by_code = {unit.code.strip(): unit for unit in units if unit.code and unit.code.strip()}
    by_name: dict[str, list[BureauUnit]] = {}
    for unit in units:
        by_name.setdefault(unit.name.strip(), []).append(unit)
    candidates: list[tuple[RawData, BureauUnit, str]] = []
    for entry in entries:
        if isinstance(entry, DataError):
            plan.problems.append(_unreadable(entry))
            continue
        matched = _match(entry, by_code, by_name)
        if isinstance(matched, Problem):
            plan.problems.append(matched)
        else:
            candidates.append((entry, *matched))
    taken: dict[int, list[tuple[RawData, BureauUnit, str]]] = {}
    for candidate in candidates:
        taken.setdefault(candidate[1].id, []).append(candidate)
    for raw, unit, how in candidates:
        rivals = taken[unit.id]
        if len(rivals) > 1:
            others = "、".join(f"“{_label(r)}”（{_where(r)}）" for r, _, _ in rivals if r is not raw)
            message = (
                f"与工作簿中的{others}是同一个单位“{unit.name}”：同一单位只能出现一次，请删除多余的一份后重新导入。"
            )
            plan.problems.append(Problem(_label(raw), _where(raw), (message,)))
            continue
        found = _action(raw, unit, how, reports)
        if isinstance(found, Action):
            plan.actions.append(found)
        else:
            plan.problems.append(found)
    return plan


def _match(
    raw: RawData, by_code: Mapping[str, BureauUnit], by_name: Mapping[str, list[BureauUnit]]
) -> tuple[BureauUnit, str] | Problem:
    label, where = _label(raw), _where(raw)
    code = _code(raw)
    if code:
        unit = by_code.get(code)
        if unit is not None:
            return unit, "单位代码"
    named = [unit for unit in by_name.get(label, []) if not (code and unit.code and unit.code.strip())]
    if len(named) == 1:
        return named[0], "单位名称"
    if len(named) > 1:
        return Problem(
            label,
            where,
            (f"本局有 {len(named)} 个单位名为“{label}”：请在工作簿的“单位代码”列填写该单位的代码，以便区分。",),
        )
    if code:
        same_name = by_name.get(label, [])
        hint = f"；本局名为“{label}”的单位的代码是“{same_name[0].code}”" if same_name and same_name[0].code else ""
        return Problem(label, where, (f"单位代码“{code}”不是本局任何单位的代码{hint}：请核对单位代码。",))
    return Problem(
        label, where, (f"本局没有名为“{label}”的单位：请核对单位名称（须与单位列表中的完全一致），或填写单位代码。",)
    )


def _action(raw: RawData, unit: BureauUnit, how: str, reports: Mapping[ReportKey, Existing]) -> Action | Problem:
    data = raw.data if isinstance(raw.data, dict) else {}
    year, kind = data.get("year"), data.get("kind")
    reasons: list[str] = []
    if not isinstance(year, int) or isinstance(year, bool):
        reasons.append("未填写年度（“单位信息”的“年度”列）：请填写报告所属的年度，如 2024。")
    if kind not in KIND_TEXT:
        reasons.append("未填写报告类型（“单位信息”的“报告类型”列）：请选择“部门整体支出”或“项目支出”。")
    if reasons:
        return Problem(_label(raw), _where(raw), tuple(reasons))
    assert isinstance(year, int) and isinstance(kind, str)
    existing = reports.get((unit.id, year, kind))
    if existing is not None and existing.status in REFUSED_STATUS:
        subject = f"{year}年度{KIND_TEXT[kind]}报告"
        message = f"单位“{unit.name}”的{subject}{REFUSED_STATUS[existing.status]}。"
        return Problem(_label(raw), _where(raw), (message,))
    return Action(
        unit,
        _label(raw),
        _where(raw),
        how,
        year,
        kind,
        data,
        existing.report_id if existing else None,
        existing.latest if existing else 0,
    )


def _unreadable(error: DataError) -> Problem:
    label = error.file.rsplit("#", 1)[-1]
    places = [issue.location for issue in error.issues if issue.location]
    return Problem(label, places[0] if places else "", tuple(_issue(issue) for issue in error.issues))


def _label(raw: RawData) -> str:
    unit = raw.data.get("unit") if isinstance(raw.data, dict) else None
    name = unit.get("name") if isinstance(unit, dict) else None
    return name.strip() if isinstance(name, str) and name.strip() else raw.file


def _code(raw: RawData) -> str:
    unit = raw.data.get("unit") if isinstance(raw.data, dict) else None
    code = unit.get("code") if isinstance(unit, dict) else None
    return str(code).strip() if code is not None else ""


def _where(raw: RawData) -> str:
    return raw.locate(("unit", "name"))


# --- the database ----------------------------------------------------------------------


def bureau_state(engine: Engine, bureau_id: int) -> tuple[list[BureauUnit], dict[ReportKey, Existing]]:
    """The bureau's units and their reports by unit, year and kind, as :func:`plan_import`
    takes them. Of several reports of one unit, year and kind (projects), the last changed one."""
    latest = (
        select(VersionRow.report_id, func.max(VersionRow.number).label("latest"))
        .group_by(VersionRow.report_id)
        .subquery()
    )
    units_query = select(UnitRow.id, UnitRow.name, UnitRow.code).where(UnitRow.bureau_id == bureau_id)
    reports_query = (
        select(ReportRow.id, ReportRow.unit_id, ReportRow.year, ReportRow.kind, ReportRow.status, latest.c.latest)
        .join(UnitRow, UnitRow.id == ReportRow.unit_id)
        .join(latest, latest.c.report_id == ReportRow.id)
        .where(UnitRow.bureau_id == bureau_id, ReportRow.year.is_not(None))
        .order_by(ReportRow.updated, ReportRow.id)
    )
    with engine.connect() as connection:
        units = [BureauUnit(row[0], row[1], row[2]) for row in connection.execute(units_query.order_by(UnitRow.id))]
        reports = {
            (row[1], row[2], row[3]): Existing(row[0], row[4], row[5] or 0) for row in connection.execute(reports_query)
        }
    return units, reports


@dataclass(frozen=True)
class Applied:
    """What an import wrote: each action with the version it saved; the actions refused
    because the report changed after the preview."""

    written: list[tuple[Action, int]] = field(default_factory=list)  # the action, the report id
    refused: list[Problem] = field(default_factory=list)


def apply_plan(store: Store, plan: Plan, workbook: str) -> Applied:
    """Write ``plan``'s actions through ``store`` (whose actor the audit log names for each
    new report or version), one unit at a time: a report saved by someone else since the
    plan was made is refused, the others written. ``workbook`` is the file's name for the notes."""
    applied = Applied()
    note = f"导入多单位工作簿“{workbook}”"
    for action in plan.actions:
        if action.report_id is None:
            version = store.create(dict(action.data), note, unit_id=action.unit.id)
            applied.written.append((action, version.report_id))
            continue
        try:
            store.save(action.report_id, dict(action.data), based_on=action.based_on, note=note)
        except (Conflict, KeyError):
            message = f"单位“{action.unit.name}”的报告在预览之后又有人保存过，本次没有导入该单位：请重新上传工作簿。"
            applied.refused.append(Problem(action.label, action.where, (message,)))
            continue
        applied.written.append((action, action.report_id))
    if store.actor is not None:
        detail = f"{note}：导入 {len(applied.written)} 个单位"
        left = len(plan.problems) + len(applied.refused)
        detail += f"，{left} 个单位或行未导入" if left else ""
        with writing(store.engine).begin() as connection:
            audit.record(connection, store.actor, "import", detail)
    return applied
