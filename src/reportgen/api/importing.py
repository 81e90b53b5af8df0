"""``reportgen import``: a table document a unit already holds (a 绩效目标表 or a hand-made
自评表, .docx or .xlsx) read into data files, one per recognised table, each a draft.

Writing is all or nothing: every target is checked before the first file is written, each
file is written atomically, and a failure half-way removes the files this run created. A
file reportgen did not write is never replaced; an identical one may be, with ``force``.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from reportgen.api.checking import Checked, check_data
from reportgen.api.import_files import json_text, workbook_content, yaml_text
from reportgen.api.import_targets import Form, Plan, Target, plan_targets
from reportgen.data.importing.result import ImportedTable, ImportResult
from reportgen.errors import DataError, OutputError, ReportgenError
from reportgen.support.output import ensure_writable, make_folder, same_content, write_atomic

__all__ = ["Form", "Written", "import_file", "write_imported"]


@dataclass(frozen=True)
class Written:
    """One table written: the file, its form, the draft's check and the fields a workbook has no place for."""

    table: ImportedTable
    path: Path
    form: Form
    checked: Checked
    unplaced: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Pending:
    target: Target
    content: bytes
    checked: Checked
    unplaced: list[str]


def import_file(path: Path) -> ImportResult:
    """Read the tables of a .docx or .xlsx and map each recognised one into the data format.

    :class:`DataError` for a file that cannot be read (an old .doc/.xls: the hint to re-save)
    and for a document in which no target table or 自评表 is recognised.
    """
    from reportgen.data.importing.files import read_document
    from reportgen.data.importing.mapper import import_tables

    return import_tables(read_document(path))


def write_imported(result: ImportResult, out: Path | None, xlsx: Path | None, force: bool = False) -> list[Written]:
    """Write each table of ``result`` as a data file (``out``) or workbook (``xlsx``), placed by
    :func:`reportgen.api.import_targets.plan_targets`; returns what was written, in table order.

    :class:`DataError` when there is no table; :class:`OutputError` (nothing written) when any
    target may not be written.
    """
    if not result.tables:
        raise DataError.single(result.file, "没有可以导入的绩效目标表或自评表。")
    source = Path(result.file)
    plan = plan_targets(source, result.tables, out, xlsx)
    pending = [_prepare(target, source) for target in plan.targets]
    _check_all(pending, source, plan, force)
    _write_all(pending, plan, force)
    return [Written(p.target.table, p.target.path, p.target.form, p.checked, p.unplaced) for p in pending]


def _prepare(target: Target, source: Path) -> _Pending:
    checked = check_data(target.table.raw(str(source)))
    unplaced: list[str] = []
    if target.form == "xlsx":
        content, unplaced = workbook_content(target.table)
    elif target.form == "json":
        content = json_text(target.table).encode("utf-8")
    else:
        content = yaml_text(target.table, source.name, checked.missing).encode("utf-8")
    return _Pending(target, content, checked, unplaced)


def _check_all(pending: list[_Pending], source: Path, plan: Plan, force: bool) -> None:
    """Refuse before writing anything: the source itself as a target, a file that is not
    reportgen's identical output, a folder that cannot be made."""
    if plan.folder is not None and plan.folder.exists() and not plan.folder.is_dir():
        raise OutputError(f"{plan.folder} 是一个文件，不是目录：请用 -o 指定一个目录（不存在时会自动创建）。")
    for item in pending:
        path = item.target.path
        if _same_file(path, source):
            raise OutputError(f"{path} 就是要导入的原表，不能覆盖它：请另选输出文件名。")
        if path.parent != plan.folder or plan.folder.exists():  # a folder still to be made holds nothing yet
            ensure_writable(path, force, same_content(item.content))
    if plan.folder is not None and not plan.folder.exists():
        _check_creatable(plan.folder)


def _same_file(path: Path, source: Path) -> bool:
    try:
        return path.exists() and path.samefile(source)
    except OSError:
        return False


def _check_creatable(folder: Path) -> None:
    """A folder that does not exist yet can be made: its nearest existing ancestor is a folder."""
    ancestor = folder.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise OutputError(f"无法创建目录 {folder}：{ancestor} 是文件而不是目录，请检查路径。")


def _write_all(pending: list[_Pending], plan: Plan, force: bool) -> None:
    """Write every file; on a failure, remove what this run created and re-raise."""
    made_folder = plan.folder is not None and not plan.folder.exists()
    created: list[Path] = []
    try:
        if made_folder and plan.folder is not None:
            make_folder(plan.folder)
        for item in pending:
            path = item.target.path
            new = not path.exists()
            write_atomic(path, item.content, force, same_content(item.content))
            if new:
                created.append(path)
    except ReportgenError:
        _undo(created, plan.folder if made_folder else None)
        raise


def _undo(created: list[Path], folder: Path | None) -> None:
    for path in created:
        path.unlink(missing_ok=True)
    if folder is not None:
        with contextlib.suppress(OSError):  # not empty (someone else's file appeared) or gone: leave it
            folder.rmdir()
