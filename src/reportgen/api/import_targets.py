"""Where ``reportgen import`` writes each imported table: one data file per table.

* ``-o FILE`` (or ``--xlsx FILE``) with one table: that file.
* ``-o FOLDER`` (an existing folder, or a name without a suffix): every table in it, named
  ``<单位名称>-部门整体.yaml`` or ``<单位名称>-<项目名称>.yaml``; several tables need a folder.
* Neither: one table becomes ``<source stem>.yaml`` beside the source, several go into the
  folder ``<source stem>/`` beside it.

Names are safe on every system (:func:`reportgen.support.filenames.safe_stem`) and unique
within the folder (case aside: Windows and macOS do not tell ``A`` from ``a``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from reportgen.data.importing.result import ImportedTable
from reportgen.errors import OutputError
from reportgen.support.filenames import safe_stem

__all__ = ["Form", "Plan", "Target", "plan_targets", "table_stem"]

Form = Literal["yaml", "json", "xlsx"]

_DATA_SUFFIXES: dict[str, Form] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}
_UNNAMED_UNIT = "未命名单位"


@dataclass(frozen=True)
class Target:
    """One table and the file it becomes, in which form."""

    table: ImportedTable
    path: Path
    form: Form


@dataclass(frozen=True)
class Plan:
    """Every table's target, and the folder they go into when it may have to be created."""

    targets: list[Target]
    folder: Path | None = None


def plan_targets(source: Path, tables: list[ImportedTable], out: Path | None, xlsx: Path | None) -> Plan:
    """Each table's output file under the rules of the module docstring (nothing is touched).

    :class:`OutputError` for ``-o`` and ``--xlsx`` together, a name of a file type reportgen
    does not write, and a file name given for several tables (the message lists them).
    """
    if out is not None and xlsx is not None:
        raise OutputError("-o 和 --xlsx 只能选一个：-o 写成数据文件（.yaml），--xlsx 写成供填写的 Excel 工作簿。")
    if xlsx is not None:
        return _given(source, tables, xlsx, "xlsx", "--xlsx")
    if out is not None:
        return _given(source, tables, out, None, "-o")
    if len(tables) == 1:
        return Plan([Target(tables[0], source.with_suffix(".yaml"), "yaml")])
    folder = source.parent / safe_stem(source.stem, fallback="导入结果")
    return Plan(_in_folder(tables, folder, "yaml"), folder)


def _given(source: Path, tables: list[ImportedTable], given: Path, form: Form | None, option: str) -> Plan:
    named = _file_form(given, option) if _names_file(given) else None
    if named is None:
        folder_form: Form = form or "yaml"
        return Plan(_in_folder(tables, given, folder_form), given)
    if form is None and named == "xlsx":
        raise OutputError(f"要生成 Excel 工作簿，请用 --xlsx {given}；-o 写成数据文件（.yaml 或 .json）。")
    if len(tables) > 1:
        listed = "\n".join(f"  - {table.source}：{table.title or _kind_name(table)}" for table in tables)
        raise OutputError(
            f"{source.name} 中有 {len(tables)} 个表格可以导入，每个表格写成一个文件：\n{listed}\n"
            f"{option} 请指定一个目录（不存在时会自动创建），例如 {option} {given.with_suffix('')}"
        )
    return Plan([Target(tables[0], given, named)])


def _names_file(path: Path) -> bool:
    """Whether an output path names a file (it has a suffix and is no folder) rather than a folder."""
    return bool(path.suffix) and not path.is_dir()


def _file_form(path: Path, option: str) -> Form:
    suffix = path.suffix.lower()
    if option == "--xlsx":
        if suffix != ".xlsx":
            raise OutputError(f"--xlsx 的文件名须以 .xlsx 结尾（或是一个目录）：{path}")
        return "xlsx"
    if suffix == ".xlsx":
        return "xlsx"
    form = _DATA_SUFFIXES.get(suffix)
    if form is None:
        raise OutputError(f"-o 的文件名须以 .yaml、.yml 或 .json 结尾（或是一个目录）：{path}")
    return form


def _in_folder(tables: list[ImportedTable], folder: Path, form: Form) -> list[Target]:
    taken: set[str] = set()
    targets = []
    for table in tables:
        stem = table_stem(table)
        unique, number = stem, 2
        while unique.casefold() in taken:
            unique, number = f"{stem}-{number}", number + 1
        taken.add(unique.casefold())
        targets.append(Target(table, folder / f"{unique}.{form}", form))
    return targets


def table_stem(table: ImportedTable) -> str:
    """The file name (without suffix) of a table in a folder: ``<单位名称>-部门整体`` or
    ``<单位名称>-<项目名称>``, made safe."""
    unit = _text(table.data, "unit", "name") or _UNNAMED_UNIT
    if table.kind == "department":
        return safe_stem(f"{unit}-部门整体", fallback="部门整体")
    project = _text(table.data, "project", "name") or table.title or "项目"
    return safe_stem(f"{unit}-{project}", fallback="项目")


def _text(data: dict[str, Any], section: str, key: str) -> str:
    part = data.get(section)
    value = part.get(key) if isinstance(part, dict) else None
    return value.strip() if isinstance(value, str) else ""


def _kind_name(table: ImportedTable) -> str:
    return "部门整体支出绩效目标表" if table.kind == "department" else "项目支出绩效目标表"
