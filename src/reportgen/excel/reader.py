"""Reading workbooks: one unit (:func:`read_workbook`) or many (:func:`read_units`)."""

from __future__ import annotations

from pathlib import Path

from reportgen.errors import DataError, Issue
from reportgen.excel.build import assemble
from reportgen.excel.grid import Grid, open_grids
from reportgen.excel.layout import SHEETS, UNIT_INFO, UNIT_KEY, Sheet, norm
from reportgen.excel.sheets import Record, is_keyed, read_sheets
from reportgen.sources.base import RawData


def _keyed(grids: dict[str, Grid]) -> bool:
    info = grids.get(norm(UNIT_INFO.title))
    return info is not None and is_keyed(info)


def is_multi_unit(path: Path) -> bool:
    """Whether ``path`` is a multi-unit workbook (单位信息 has a 单位名称 column); False if unreadable."""
    try:
        return _keyed(open_grids(path))
    except DataError:
        return False


def read_workbook(path: Path) -> RawData:
    """One unit's workbook as plain data, with the cell of every field (``绩效指标!E7``)."""
    grids = open_grids(path)
    if _keyed(grids):
        raise DataError.single(str(path), f"这是多单位工作簿（“{UNIT_INFO.title}”工作表按{UNIT_KEY}逐行填写）："
                                          "请用 reportgen batch 处理，每个单位生成一份报告。")
    return _single(path, grids)


def _single(path: Path, grids: dict[str, Grid]) -> RawData:
    issues: list[Issue] = []
    parts = read_sheets(grids, keyed=False, issues=issues)
    data, locations, problems = assemble(parts)
    if issues or problems:
        raise DataError(str(path), issues + problems)
    return RawData(str(path), data, locations)


def read_units(path: Path) -> list[RawData]:
    """One RawData per unit of a multi-unit workbook (``file`` is ``book.xlsx#单位名称``).

    A single-unit workbook gives a list of one. Problems of the workbook itself (unknown
    columns, rows of an unknown unit, formulas without results) raise one :class:`DataError`
    listing them all; problems of a unit's data are left to validation.
    """
    grids = open_grids(path)
    if not _keyed(grids):
        return [_single(path, grids)]
    issues: list[Issue] = []
    parts = read_sheets(grids, keyed=True, issues=issues)
    units = _group(parts, issues)
    results: list[RawData] = []
    for name, unit_parts in units.items():
        data, locations, problems = assemble(unit_parts)
        issues += problems
        results.append(RawData(f"{path}#{name}", data, locations))
    if not units and not issues:
        issues.append(Issue("", f"“{UNIT_INFO.title}”工作表中没有任何单位：请每个单位填写一行。",
                            location=UNIT_INFO.title))
    if issues:
        raise DataError(str(path), issues)
    return results


def _group(parts: list[tuple[Sheet, list[Record]]], issues: list[Issue]) -> dict[str, list[tuple[Sheet, list[Record]]]]:
    """Each unit's records, sheet by sheet, in the order of the 单位信息 rows."""
    by_unit: dict[str, dict[Sheet, list[Record]]] = {}
    for sheet, records in parts:
        for record in records:
            if not record.key:
                continue  # a row without 单位名称: already an issue
            if sheet is UNIT_INFO:
                if record.key in by_unit:
                    issues.append(Issue("", f"单位“{record.key}”在“{sheet.title}”中有两行：每个单位只能填写一行。",
                                        location=record.where))
                    continue
                by_unit[record.key] = {}
            unit = by_unit.get(record.key)
            if unit is None:
                issues.append(Issue("", f"单位“{record.key}”不在“{UNIT_INFO.title}”工作表中：请检查{UNIT_KEY}是否一致，"
                                        f"或在“{UNIT_INFO.title}”中补上该单位。", location=record.where))
            elif sheet.form and unit.get(sheet):
                issues.append(Issue("", f"单位“{record.key}”在“{sheet.title}”中有两行：每个单位只能填写一行。",
                                    location=record.where))
            else:
                unit.setdefault(sheet, []).append(record)
    present = [sheet for sheet, _ in parts]
    return {name: [(sheet, unit.get(sheet, [])) for sheet in SHEETS if sheet in present]
            for name, unit in by_unit.items()}
