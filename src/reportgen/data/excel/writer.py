"""Writing the staff workbook: the 说明 sheet, then one sheet per part of the data."""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.data.excel.convert import to_cell
from reportgen.data.excel.guide import write_guide
from reportgen.data.excel.style import BORDER, HINT_FONT, TEXT_FORMAT, header_row, put
from reportgen.data.fieldpath import PathKey, format_path
from reportgen.data.layout import (
    FIELD_HEADER,
    HINT_HEADER,
    SHEETS,
    UNIT_INFO,
    UNIT_KEY,
    VALUE_HEADER,
    CellKind,
    Field,
    Sheet,
)

SPARE_ROWS = 100  # empty, formatted rows below a table's data, ready to fill in
_FORMATS = {CellKind.AMOUNT: "General", CellKind.INT: "0", CellKind.DATE: "yyyy-mm-dd"}
_STARTER = {"format": "reportgen/1"}

Target = str | Path | IO[bytes]


def write_workbook(target: Target, data: dict[str, Any] | None = None) -> list[str]:
    """The fillable workbook of one unit, filled from ``data`` (the data format) if given.

    Returns the paths of the values in ``data`` that the workbook has no place for (unknown
    keys); the caller may warn about them. Everything else reads back unchanged.
    """
    data = data if data is not None else _STARTER
    book = _book(multi=False)
    for sheet in SHEETS:
        out = book.create_sheet(sheet.title)
        if sheet.form:
            _form(out, sheet, data)
        else:
            _table(out, sheet, [("", _items(data, sheet))], keyed=False)
    book.save(target)
    return unplaced(data)


def write_units_workbook(target: Target, units: list[dict[str, Any]]) -> list[str]:
    """A multi-unit workbook: every sheet keyed by 单位名称, one form row per unit."""
    book = _book(multi=True)
    for sheet in SHEETS:
        rows = [(_name(unit), [unit] if sheet.form else _items(unit, sheet)) for unit in units]
        _table(book.create_sheet(sheet.title), sheet, rows, keyed=True)
    book.save(target)
    return [f"{_name(unit)}: {path}" for unit in units for path in unplaced(unit)]


def _book(multi: bool) -> Workbook:
    book = Workbook()
    guide = book.active
    assert guide is not None
    write_guide(guide, multi)
    return book


def _name(unit: dict[str, Any]) -> str:
    return str(_get(unit, ("unit", "name")) or "")


def _get(value: Any, path: PathKey) -> Any:
    for part in path:
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return None
    return value


def _items(data: dict[str, Any], sheet: Sheet) -> list[Any]:
    items = _get(data, sheet.path)
    if not isinstance(items, list):
        return []
    if sheet.fields[0].path:  # bare strings are items with only a text
        return [{"text": item} if isinstance(item, str) else item for item in items]
    return items


def _fill(cell: Cell | MergedCell, field: Field, value: object) -> None:
    put(cell, to_cell(value, field))
    cell.number_format = _FORMATS.get(field.kind, TEXT_FORMAT)
    if field.money:
        cell.number_format = "#,##0.00"
    cell.alignment = Alignment(vertical="top", wrap_text=field.wrap)
    cell.border = BORDER


def _form(out: Worksheet, sheet: Sheet, data: dict[str, Any]) -> None:
    header_row(out, 1, [FIELD_HEADER, VALUE_HEADER, HINT_HEADER], [22, 50, 70])
    for row, field in enumerate(sheet.fields, 2):
        put(out.cell(row, 1), field.label)
        out.cell(row, 1).border = BORDER
        _fill(out.cell(row, 2), field, _get(data, field.path))
        put(out.cell(row, 3), field.hint)
        out.cell(row, 3).font = HINT_FONT
        _validate(out, field, f"B{row}")


def _columns(sheet: Sheet, keyed: bool) -> list[Field | None]:
    """The table's columns; None is the 单位名称 key column of a multi-unit workbook."""
    if not keyed:
        return list(sheet.fields)
    if sheet is UNIT_INFO:
        name = next(f for f in sheet.fields if f.path == ("unit", "name"))
        return [name, *(f for f in sheet.fields if f is not name)]
    return [None, *sheet.fields]


def _table(out: Worksheet, sheet: Sheet, groups: list[tuple[str, list[Any]]], keyed: bool) -> None:
    columns = _columns(sheet, keyed)
    header_row(out, 1, [f.label if f else UNIT_KEY for f in columns], [f.width if f else 24 for f in columns])
    if keyed:
        out.freeze_panes = "B2"
    rows = [(name, item) for name, items in groups for item in items]
    last = len(rows) + 1 + SPARE_ROWS
    for row, (name, item) in enumerate(rows + [("", None)] * SPARE_ROWS, 2):
        for col, field in enumerate(columns, 1):
            if field is None:
                _fill(out.cell(row, col), Field((), UNIT_KEY), name or None)
            else:
                _fill(out.cell(row, col), field, _get(item, field.path))
    for col, field in enumerate(columns, 1):
        if field is not None:
            letter = get_column_letter(col)
            _validate(out, field, f"{letter}2:{letter}{last}")
    out.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"


def _validate(out: Worksheet, field: Field, cells: str) -> None:
    """A drop-down list for fixed values; numbers ≥ 0 for amounts, weights, scores and counts."""
    if field.choices:
        shown = [name for name, _ in field.choices]
        rule = DataValidation(
            type="list",
            formula1=f'"{",".join(shown)}"',
            allow_blank=True,
            errorStyle="stop" if field.strict else "warning",
            showErrorMessage=True,
            errorTitle=field.label,
            error=f"请从下拉列表中选择：{'、'.join(shown)}。",
        )
    elif field.kind in (CellKind.AMOUNT, CellKind.INT):
        whole = field.kind is CellKind.INT
        rule = DataValidation(
            type="whole" if whole else "decimal",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=field.label,
            error=f"请填写不小于 0 的{'整数' if whole else '数字'}，不带千分位和单位。",
        )
    else:
        return
    rule.add(cells)
    out.add_data_validation(rule)


def unplaced(data: dict[str, Any]) -> list[str]:
    """Paths of values in ``data`` that no sheet, row or column of the workbook holds."""
    forms = {f.path for sheet in SHEETS if sheet.form for f in sheet.fields}
    tables = {sheet.path: sheet for sheet in SHEETS if not sheet.form}
    found: list[str] = []

    def walk(value: Any, path: PathKey) -> None:
        if path in forms:
            return
        if path in tables and isinstance(value, list):
            names = {f.path[0] for f in tables[path].fields if f.path}
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    found.extend(format_path((*path, index, key)) for key in item if key not in names)
                elif not isinstance(item, str):
                    found.append(format_path((*path, index)))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*path, index))
        elif value is not None:
            found.append(format_path(path))

    walk(data, ())
    return found
