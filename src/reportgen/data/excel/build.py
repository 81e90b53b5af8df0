"""Records of one unit → the plain data dict and the cell of every field.

The shapes are those of the YAML reader: a list only when its sheet has rows, a map only
when one of its fields is filled, list items as maps (``{title, text}``) or, for 职能职责 and
内设机构, plain strings.
"""

from __future__ import annotations

from typing import Any

from reportgen.data.excel.sheets import Record
from reportgen.data.fieldpath import PathKey, format_path
from reportgen.data.labels import label_for
from reportgen.data.layout import Sheet
from reportgen.errors import Issue


def _put(data: dict[Any, Any], path: PathKey, value: object) -> None:
    node = data
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


def _lists(value: Any) -> Any:
    """Maps keyed 0, 1, … (such as 定性指标档次下限) become lists, in key order."""
    if isinstance(value, dict):
        value = {key: _lists(item) for key, item in value.items()}
        if value and all(isinstance(key, int) for key in value):
            return [value[key] for key in sorted(value)]
    return value


def build_data(parts: list[tuple[Sheet, list[Record]]]) -> tuple[dict[str, Any], dict[PathKey, str], list[Issue]]:
    """One unit's data, locations and cell problems from its records, sheet by sheet."""
    data: dict[Any, Any] = {}
    locations: dict[PathKey, str] = {}
    issues: list[Issue] = []

    def found_at(path: PathKey, value: object, where: str, problem: str) -> object:
        locations[path] = where
        if problem:
            issues.append(Issue(format_path(path), problem, label=label_for(path), location=where))
        return value

    for sheet, records in parts:
        if sheet.form:
            for record in records[:1]:
                for field, cell in record.cells.items():
                    value = found_at(field.path, cell.value, cell.where, cell.problem)
                    if value is not None:
                        _put(data, field.path, value)
            continue
        locations[sheet.path] = sheet.title
        items: list[object] = []
        for index, record in enumerate(records):
            at = (*sheet.path, index)
            locations[at] = record.where
            item: dict[Any, Any] = {}
            scalar: object = None  # 职能职责, 内设机构: the item is the text itself
            for field, cell in record.cells.items():
                value = found_at((*at, *field.path), cell.value, cell.where, cell.problem)
                if not field.path:
                    scalar = value
                elif value is not None:
                    _put(item, field.path, value)
            items.append(item if sheet.fields[0].path else scalar)
        if items:
            _put(data, sheet.path, items)
    _fill_parents(locations, parts)
    return _lists(data), locations, issues


def _fill_parents(locations: dict[PathKey, str], parts: list[tuple[Sheet, list[Record]]]) -> None:
    """A map's location is its first field's cell; a form field without a row, its sheet."""
    for path, where in list(locations.items()):
        for end in range(1, len(path)):
            locations.setdefault(path[:end], where)
    for sheet, _ in parts:
        for field in sheet.fields if sheet.form else ():
            for end in range(1, len(field.path) + 1):
                locations.setdefault(field.path[:end], sheet.title)
