"""One change to a report's data, as the editor makes it: a field set from the text typed, or
a row of a table added, removed or moved. Pure functions over the data format's plain values;
the data given is never changed (the containers on the way to the change are copied, the
rest is shared), so a cached check of the old data stays true.

Text becomes a value as the workbook reader converts a cell (:func:`reportgen.data.excel.
convert.from_text`): amounts and numbers exact, 是/否 as booleans, a choice's shown text as
its stored code. Text that is not a valid value is kept as typed, so that validation says
what is wrong and nothing typed is lost; an empty field removes its key.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from reportgen.data.excel.convert import from_text
from reportgen.data.fieldpath import PathKey, format_path
from reportgen.data.layout import CellKind, Field
from reportgen.data.validate import is_unknown_key
from reportgen.errors import Issue
from reportgen.web.fields import FormField, FormSection, sections
from reportgen.web.problems import place_of

ROW_OPS = ("add", "remove", "up", "down")


class EditError(Exception):
    """A request the editor's pages never make (an unknown field or row): nothing is changed."""


@dataclass(frozen=True)
class Located:
    """The section and field a path of the data belongs to."""

    section: FormSection
    field: FormField
    path: PathKey  # the full path from the top of the data


@dataclass(frozen=True)
class Change:
    """The data after one change, and what it was."""

    data: dict[str, Any]
    changed: bool
    note: str  # the version's note: 修改 绩效指标“法律援助案件”的实际完成值


def locate(path: PathKey) -> Located:
    """The field of the form at ``path`` (``indicators[3].actual``); :class:`EditError` if none."""
    for section in sections():
        if not section.repeating:
            found = section.field(path)
            if found is not None:
                return Located(section, found, path)
            continue
        size = len(section.path)
        rest = path[size:]
        if path[:size] == section.path and rest and isinstance(rest[0], int) and rest[0] >= 0:
            found = section.field(rest[1:])
            if found is not None:
                return Located(section, found, path)
    raise EditError(f"not a field of the form: {format_path(path)}")


def repeating(path: PathKey) -> FormSection:
    """The repeating section whose list is at ``path``; :class:`EditError` if none."""
    found = next((s for s in sections() if s.repeating and s.path == path), None)
    if found is None:
        raise EditError(f"not a table of the form: {format_path(path)}")
    return found


def value_of(text: str, field: FormField) -> object | None:
    """The data value of ``text`` typed into ``field``; None for an empty field."""
    text = text.replace("\r\n", "\n")
    if not text.strip():
        return None
    return from_text(text, Field(field.path, field.label, CellKind(field.kind), choices=field.choices))


def get(data: object, path: PathKey) -> object | None:
    """The value at ``path`` in ``data``, or None where there is none."""
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def same(a: object, b: object) -> bool:
    """Whether two data values are the same value of the same kind (1 is not True, 1 is 1.0)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, str) or isinstance(b, str):
        return type(a) is type(b) and a == b
    if isinstance(a, datetime.date) or isinstance(b, datetime.date):
        return str(a) == str(b)
    return a == b


_FORM_NOTE = re.compile(r"(修改|清空|删除|上移|下移) |在.+中添加第\d+行$")


def is_form_edit(note: str) -> bool:
    """Whether a version's note is one this module wrote: a change made in the editor."""
    return _FORM_NOTE.match(note) is not None


def set_field(data: dict[str, Any], path: PathKey, text: str) -> Change:
    """``data`` with the field at ``path`` set from ``text`` (removed when it is empty)."""
    located = locate(path)
    value = value_of(text, located.field)
    if same(get(data, path), value):
        return Change(data, False, "")
    action = "清空" if value is None else "修改"
    note = f"{action} {_place(path, data)}"
    return Change(_with(data, path, value), True, note)


def remove_unknown(data: dict[str, Any], path: PathKey) -> Change:
    """``data`` without the key at ``path``, one the data format does not know (a typo in an
    uploaded file, which the form has no field for); :class:`EditError` for any other path."""
    if not is_unknown_key(path) or get(data, path) is None:
        raise EditError(f"not an unknown key of the data: {format_path(path)}")
    return Change(_with(data, path, None), True, f"删除未识别的内容“{path[-1]}”")


def change_rows(data: dict[str, Any], path: PathKey, op: str, index: int) -> Change:
    """``data`` with a row of the table at ``path`` added (at ``index``, or at the end when
    ``index`` is past it), removed, or moved up or down one place."""
    section = repeating(path)
    found = get(data, path)
    rows = list(found) if isinstance(found, list) else []
    if op == "add":
        at = min(max(index, 0), len(rows))
        rows.insert(at, _blank_row(section))
        note = f"在{section.title}中添加第{at + 1}行"
    elif op not in ROW_OPS:
        raise EditError(f"not an operation on rows: {op}")
    elif not 0 <= index < len(rows):
        raise EditError(f"no row {index} in {format_path(path)}")
    elif op == "remove":
        note = f"删除 {_place((*path, index), data)}"
        del rows[index]
    else:
        other = index - 1 if op == "up" else index + 1
        if not 0 <= other < len(rows):
            return Change(data, False, "")
        note = f"{'上移' if op == 'up' else '下移'} {_place((*path, index), data)}"
        rows[index], rows[other] = rows[other], rows[index]
    return Change(_with(data, path, rows), True, note)


def _blank_row(section: FormSection) -> object:
    """A new row: an empty item, or empty text in a list of texts (职能职责)."""
    return "" if any(f.path == () for f in section.fields) else {}


def _place(path: PathKey, data: object) -> str:
    return place_of(Issue(format_path(path), ""), data).text


def _with(data: Any, path: PathKey, value: object | None) -> Any:
    """A copy of ``data`` along ``path`` with ``value`` there (None: the key removed)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(head, int):
        items = list(data) if isinstance(data, list) else []
        while len(items) <= head:
            items.append({} if rest else None)
        # An emptied text of a list of texts stays in its row, as an empty row of the table.
        items[head] = "" if not rest and value is None else _with(items[head], rest, value)
        return items
    mapping = dict(data) if isinstance(data, dict) else {}
    if not rest and value is None:
        mapping.pop(head, None)
    else:
        mapping[head] = _with(mapping.get(head), rest, value)
    return mapping
