"""Reading workbooks: one unit (:func:`read_workbook`) or many (:func:`read_units`)."""

from __future__ import annotations

from pathlib import Path

from reportgen.data.excel.build import build_data
from reportgen.data.excel.grid import Grid, open_grids
from reportgen.data.excel.sheets import Record, is_keyed, read_sheets
from reportgen.data.layout import SHEETS, UNIT_INFO, UNIT_KEY, Sheet, norm
from reportgen.data.raw import RawData
from reportgen.errors import DataError, Issue


def _keyed(grids: dict[str, Grid]) -> bool:
    info = grids.get(norm(UNIT_INFO.title))
    return info is not None and is_keyed(info)


def is_multi_unit(path: Path) -> bool:
    """Whether ``path`` is a multi-unit workbook (单位信息 has a 单位名称 column); False if unreadable."""
    try:
        return _keyed(open_grids(path))
    except DataError:
        return False


def read_multi_unit(path: Path) -> list[RawData | DataError] | None:
    """What :func:`read_units_apart` gives for a multi-unit workbook, or None when ``path`` is
    not one (or cannot be opened, where :func:`is_multi_unit` is False), opening it once."""
    try:
        grids = open_grids(path)
    except DataError:
        return None
    return _apart(path, grids) if _keyed(grids) else None


def read_workbook(path: Path) -> RawData:
    """One unit's workbook as plain data, with the cell of every field (``绩效指标!E7``)."""
    grids = open_grids(path)
    if _keyed(grids):
        raise DataError.single(
            str(path),
            f"这是多单位工作簿（“{UNIT_INFO.title}”工作表按{UNIT_KEY}逐行填写）："
            "请用 reportgen batch 处理，每个单位生成一份报告。",
        )
    return _single(path, grids)


def _single(path: Path, grids: dict[str, Grid]) -> RawData:
    issues: list[Issue] = []
    parts = read_sheets(grids, keyed=False, issues=issues)
    data, locations, problems = build_data(parts)
    if issues or problems:
        raise DataError(str(path), issues + problems)
    return RawData(str(path), data, locations)


def read_units(path: Path) -> list[RawData]:
    """One RawData per unit of a multi-unit workbook (``file`` is ``book.xlsx#单位名称``).

    A single-unit workbook gives a list of one. Problems of the workbook (unknown columns,
    rows of an unknown unit, formulas without results, a duplicate or blank 单位名称) raise
    one :class:`DataError` listing them all; problems of a unit's data are left to validation.
    """
    units, issues = _units(path, open_grids(path))
    if issues:
        raise DataError(str(path), [issue for issue, _ in issues])
    return [unit for unit in units.values() if isinstance(unit, RawData)]


def read_units_apart(path: Path) -> list[RawData | DataError]:
    """Like :func:`read_units`, but a problem in some units' rows fails only those units.

    A duplicate 单位名称 fails both units of that name; a blank one in 单位信息 is a failed
    entry of its own; a row elsewhere whose 单位名称 is blank or unknown fails the units it
    may belong to, since their reports would lack it: for an unknown name the units left
    without a name in 单位信息; else, in a one-row-per-unit sheet, the units without a row
    there, in other sheets the units of the rows around it. Only
    problems of the workbook's layout (missing sheets, unknown columns) fail it whole.
    """
    return _apart(path, open_grids(path))


def _apart(path: Path, grids: dict[str, Grid]) -> list[RawData | DataError]:
    units, issues = _units(path, grids)
    whole = [issue for issue, owners in issues if not owners]
    if whole:
        raise DataError(str(path), whole)
    failed: dict[str, list[Issue]] = {}
    for issue, owners in issues:
        for owner in owners:
            failed.setdefault(owner, []).append(issue)
    result: list[RawData | DataError] = []
    for label, unit in units.items():
        if unit is None or label in failed:
            result.append(DataError(f"{path}#{label}", failed.get(label, [])))
        else:
            result.append(unit)
    result += [DataError(f"{path}#{label}", found) for label, found in failed.items() if label not in units]
    return result


_Parts = list[tuple[Sheet, list[Record]]]
_Attributed = list[tuple[Issue, list[str]]]  # each issue with the units it fails ([]: the whole workbook)


def _units(path: Path, grids: dict[str, Grid]) -> tuple[dict[str, RawData | None], _Attributed]:
    """Every unit (by label, in order; None for a row without a name) and every issue with its units."""
    if not _keyed(grids):
        return {str(path): _single(path, grids)}, []
    layout: list[Issue] = []
    parts = read_sheets(grids, keyed=True, issues=layout)
    issues: _Attributed = [(issue, []) for issue in layout]
    grouped = _group(parts, issues)
    units: dict[str, RawData | None] = {}
    for label, unit_parts in grouped.items():
        if unit_parts is None:
            units[label] = None
            continue
        data, locations, problems = build_data(unit_parts)
        issues += [(problem, [label]) for problem in problems]
        units[label] = RawData(f"{path}#{label}", data, locations)
    if not grouped and not issues:
        issues.append(
            (Issue("", f"“{UNIT_INFO.title}”工作表中没有任何单位：请每个单位填写一行。", location=UNIT_INFO.title), [])
        )
    return units, issues


def _group(parts: _Parts, issues: _Attributed) -> dict[str, _Parts | None]:
    """Each unit's records, sheet by sheet, in the order of the 单位信息 rows (None: a row without a name)."""
    by_unit: dict[str, dict[Sheet, list[Record]]] = {}
    unnamed: list[str] = []
    order: list[str] = []  # the 单位信息 rows, named or not
    for sheet, records in parts:
        if sheet is UNIT_INFO:
            _define_units(sheet, records, by_unit, unnamed, order, issues)
    for sheet, records in parts:
        if sheet is not UNIT_INFO:
            _assign_rows(sheet, records, by_unit, unnamed, issues)
    present = [sheet for sheet, _ in parts]
    return {
        label: [(sheet, by_unit[label].get(sheet, [])) for sheet in SHEETS if sheet in present]
        if label in by_unit
        else None
        for label in order
    }


def _define_units(
    sheet: Sheet,
    records: list[Record],
    by_unit: dict[str, dict[Sheet, list[Record]]],
    unnamed: list[str],
    order: list[str],
    issues: _Attributed,
) -> None:
    for record in records:
        if not record.key_where:
            continue  # no 单位名称 column: a problem of the layout, already listed
        if not record.key:
            label = f"{record.key_where or record.where}（未填写{UNIT_KEY}）"
            unnamed.append(label)
            issues.append((_blank(record), [label]))
            order.append(label)
        elif record.key in by_unit:
            issues.append(
                (
                    Issue(
                        "",
                        f"单位“{record.key}”在“{sheet.title}”中有两行：每个单位只能填写一行，请删除或改正其中一行。",
                        location=record.where,
                    ),
                    [record.key],
                )
            )
        else:
            by_unit[record.key] = {sheet: [record]}
            order.append(record.key)


def _assign_rows(
    sheet: Sheet,
    records: list[Record],
    by_unit: dict[str, dict[Sheet, list[Record]]],
    unnamed: list[str],
    issues: _Attributed,
) -> None:
    orphans: list[tuple[int, Record]] = []
    for index, record in enumerate(records):
        if not record.key_where:
            continue  # no 单位名称 column: a problem of the layout, already listed
        unit = by_unit.get(record.key) if record.key else None
        if unit is None:
            orphans.append((index, record))
        elif sheet.form and unit.get(sheet):
            issues.append(
                (
                    Issue(
                        "",
                        f"单位“{record.key}”在“{sheet.title}”中有两行：每个单位只能填写一行。",
                        location=record.where,
                    ),
                    [record.key],
                )
            )
        else:
            unit.setdefault(sheet, []).append(record)
    for index, record in orphans:
        issue = (
            _blank(record)
            if not record.key
            else Issue(
                "",
                f"单位“{record.key}”不在“{UNIT_INFO.title}”工作表中：请检查{UNIT_KEY}是否一致，"
                f"或在“{UNIT_INFO.title}”中补上该单位。",
                location=record.where,
            )
        )
        # A name not in 单位信息 most likely is that of a unit whose name was left blank there.
        owners = (unnamed if record.key else []) or _candidates(sheet, records, index, by_unit) or unnamed
        issues.append((issue, owners or [f"{record.key_where or record.where}（{UNIT_KEY}有误）"]))


def _candidates(
    sheet: Sheet, records: list[Record], index: int, by_unit: dict[str, dict[Sheet, list[Record]]]
) -> list[str]:
    """The units an orphan row may belong to: in a one-row-per-unit sheet those without a row,
    elsewhere the units of the nearest named rows above and below."""
    if sheet.form:
        return [name for name, unit in by_unit.items() if not unit.get(sheet)]
    owners: list[str] = []
    for step in (-1, 1):
        at = index + step
        while 0 <= at < len(records) and records[at].key not in by_unit:
            at += step
        if 0 <= at < len(records) and records[at].key not in owners:
            owners.append(records[at].key)
    return owners


def _blank(record: Record) -> Issue:
    return Issue(
        "", f"请填写{UNIT_KEY}：多单位工作簿的每一行都要写明属于哪个单位。", location=record.key_where or record.where
    )
