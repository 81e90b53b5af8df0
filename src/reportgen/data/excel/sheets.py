"""Reading the worksheets of a workbook into records: which cell holds which field.

Columns are found by their header text, so sheet and column order do not matter. Blank
rows are skipped; unknown headers in known sheets are errors; unknown sheets are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from reportgen.data.excel.convert import from_cell
from reportgen.data.excel.grid import Grid
from reportgen.data.layout import (
    FIELD_HEADER,
    HINT_HEADER,
    IGNORED_HEADERS,
    SHEETS,
    UNIT_INFO,
    UNIT_KEY,
    VALUE_HEADER,
    Field,
    Sheet,
    header_map,
    norm,
)
from reportgen.errors import Issue

_FORM_HEADERS = {
    norm(FIELD_HEADER): "field",
    "field": "field",
    norm(VALUE_HEADER): "value",
    "value": "value",
    norm(HINT_HEADER): "hint",
}
_KEY_HEADERS = {norm(UNIT_KEY), "unit.name"}
_IGNORED = {norm(name) for name in IGNORED_HEADERS}


class Found(NamedTuple):
    """The data value of one field and the cell it came from."""

    value: object
    where: str
    problem: str = ""


@dataclass
class Record:
    """One form (a unit's key/value rows) or one table row."""

    where: str
    key: str = ""  # 单位名称, in a multi-unit workbook ("" when blank: the reader decides whose row it is)
    key_where: str = ""  # the 单位名称 cell
    cells: dict[Field, Found] = field(default_factory=dict)


def _issue(where: str, message: str) -> Issue:
    return Issue(path="", message=message, location=where)


def _read(grid: Grid, row: int, col: int, found: Field) -> Found:
    value, where, number_format, problem = grid.read(row, col)
    if value is None:
        return Found(None, where, problem)
    return Found(from_cell(value, number_format, found), where)


def _header_row(grid: Grid, known: set[str]) -> int | None:
    for row in grid.rows:
        if any(norm(grid.cell(row, col).value) in known for col in range(1, grid.max_col + 1)):
            return row
    return None


def is_keyed(grid: Grid) -> bool:
    """Whether 单位信息 is a multi-unit table (a 单位名称 column) rather than a form."""
    row = _header_row(grid, set(_FORM_HEADERS) | _KEY_HEADERS)
    if row is None:
        return False
    headers = {norm(grid.cell(row, col).value) for col in range(1, grid.max_col + 1)}
    labels = set(header_map(UNIT_INFO))  # 单位名称 and at least one more field, not a form's 单位名称 row
    return bool(headers & _KEY_HEADERS) and len(headers & labels) >= 2 and not headers & set(_FORM_HEADERS)


def read_form(grid: Grid, sheet: Sheet, issues: list[Issue]) -> Record:
    """A single-unit form: rows of 字段 | 内容 (| 填写说明)."""
    record = Record(sheet.title)
    row = _header_row(grid, set(_FORM_HEADERS)) or 0
    columns: dict[str, int] = {}
    for col in range(1, grid.max_col + 1) if row else ():
        text = grid.cell(row, col).value
        role = _FORM_HEADERS.get(norm(text))
        if role is not None:
            columns.setdefault(role, col)
        elif text is not None:
            issues.append(
                _issue(
                    grid.where(row, col),
                    f"工作表“{sheet.title}”中不认识的列“{text}”："
                    f"这张表只有“{FIELD_HEADER}”“{VALUE_HEADER}”“{HINT_HEADER}”三列。",
                )
            )
    if "field" not in columns or "value" not in columns:
        issues.append(
            _issue(
                sheet.title, f"工作表“{sheet.title}”缺少表头“{FIELD_HEADER}”和“{VALUE_HEADER}”：请保留第一行的表头。"
            )
        )
        return record
    known = header_map(sheet)
    for line in (r for r in grid.rows if r > row):
        label = grid.cell(line, columns["field"]).value
        if label is None:
            if grid.cell(line, columns["value"]).value is not None:
                issues.append(_issue(grid.where(line, columns["field"]), "这一行有内容但没有字段名：请补上字段名。"))
            continue
        found = known.get(norm(label))
        if found is None:
            issues.append(
                _issue(
                    grid.where(line, columns["field"]),
                    f"工作表“{sheet.title}”中不认识的字段“{label}”："
                    f"可用的字段为{'、'.join(f.label for f in sheet.fields)}。",
                )
            )
        elif found in record.cells:
            issues.append(_issue(grid.where(line, columns["field"]), f"字段“{label}”写了两次：请删除重复的一行。"))
        else:
            record.cells[found] = _read(grid, line, columns["value"], found)
    return record


def read_table(grid: Grid, sheet: Sheet, keyed: bool, issues: list[Issue]) -> list[Record]:
    """A table (one row per item), or in a multi-unit workbook a form (one row per unit)."""
    known = header_map(sheet)
    keys = _KEY_HEADERS - set(known) if keyed else set()
    row = _header_row(grid, set(known) | keys)
    if row is None:
        if grid.rows:
            issues.append(
                _issue(
                    sheet.title,
                    f"工作表“{sheet.title}”找不到表头：第一行应为列名（{'、'.join(f.label for f in sheet.fields)}）。",
                )
            )
        return []
    columns: dict[int, Field] = {}
    key_col, unnamed = 0, []
    for col in range(1, grid.max_col + 1):
        text = grid.cell(row, col).value
        name = norm(text)
        if text is None:
            unnamed.append(col)
        elif name in keys:
            key_col = key_col or col
        elif name in known and known[name] not in columns.values():
            columns[col] = known[name]
        elif name not in _IGNORED:
            issues.append(_issue(grid.where(row, col), _unknown_column(sheet, str(text), name in known)))
    if keyed and sheet is UNIT_INFO:
        key_col = next((col for col, f in columns.items() if f.path == ("unit", "name")), 0)
    missing = [f.label for f in sheet.fields if f.required and f not in columns.values()]
    if keyed and not key_col:
        missing.insert(0, UNIT_KEY)
    if missing:
        issues.append(_issue(sheet.title, f"工作表“{sheet.title}”缺少“{'”“'.join(missing)}”列：请补上该列。"))
    used = [*columns, *([key_col] if key_col else [])]
    cols, fields = list(columns), list(columns.values())
    first, last = min(used, default=1), max(used, default=1)
    records: list[Record] = []
    for line in (r for r in grid.rows if r > row):
        for col in [c for c in unnamed if _filled(grid, line, c)]:
            issues.append(_issue(grid.where(line, col), "这一列有内容但没有列名：请在表头行补上列名，或删除这些内容。"))
            unnamed.remove(col)
        if not grid.holds_any(line, used):
            continue
        record = Record(grid.span(line, first, last))
        record.cells = {
            f: Found(None, where, problem) if value is None else Found(from_cell(value, number_format, f), where)
            for f, (value, where, number_format, problem) in zip(fields, grid.read_row(line, cols), strict=True)
        }
        if keyed and key_col:
            record.key, record.key_where = _key(grid, line, key_col), grid.where(line, key_col)
        records.append(record)
    return records


def _filled(grid: Grid, row: int, col: int) -> bool:
    """Whether the cell itself (not a merged range above it) holds something."""
    return grid.holds(row, col)


def _unknown_column(sheet: Sheet, text: str, repeated: bool) -> str:
    if repeated:
        return f"工作表“{sheet.title}”中“{text}”列出现了两次：请删除或合并重复的一列。"
    return (
        f"工作表“{sheet.title}”中不认识的列“{text}”：可用的列为{'、'.join(f.label for f in sheet.fields)}。"
        "请删除该列，或改正列名。"
    )


def _key(grid: Grid, row: int, col: int) -> str:
    cell = grid.cell(row, col)
    if cell.value is None:
        return ""
    return str(from_cell(cell.value, cell.number_format, Field((), UNIT_KEY))).strip()


def read_sheets(grids: dict[str, Grid], keyed: bool, issues: list[Issue]) -> list[tuple[Sheet, list[Record]]]:
    """Every known sheet's records; a missing required sheet is an issue."""
    parts: list[tuple[Sheet, list[Record]]] = []
    for sheet in SHEETS:
        grid = grids.get(norm(sheet.title))
        if grid is None:
            if sheet.required:
                issues.append(
                    _issue("", f"缺少工作表“{sheet.title}”：请使用 reportgen 生成的工作簿，不要删除或改名该工作表。")
                )
            continue
        if sheet.form and not keyed:
            parts.append((sheet, [read_form(grid, sheet, issues)]))
        else:
            parts.append((sheet, read_table(grid, sheet, keyed, issues)))
    return parts
