"""What the data editor shows: every section as inputs or a table, filled from the data, and
every problem of a check placed at the marker beside its field, row or section.

No web framework here: the router renders these with the editor's templates. Element ids
come from the field's path (``f-`` + the path with every character that is not a letter or a
digit as ``-``: ``indicators[3].actual`` → ``f-indicators-3--actual``); a field's problems
are in the element ``p-…`` of the same stem.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from reportgen.data.excel.convert import to_cell
from reportgen.data.fieldpath import PathKey, format_path, parse_path
from reportgen.data.indicator_names import LEVEL2_BY_LEVEL1
from reportgen.data.layout import SHEETS, CellKind, Field
from reportgen.data.starter import FORMAT
from reportgen.data.validate import default_of, is_unknown_key
from reportgen.errors import Issue, Severity
from reportgen.web.edit import EditError, get, locate
from reportgen.web.fields import FormField, FormSection, sections
from reportgen.web.problems import WHOLE_FILE, place_of
from reportgen.web.wording import form_words

TOP = "p-top"  # the marker of problems of the data as a whole
_WIDE = {(sheet.path if not sheet.form else (), f.path) for sheet in SHEETS for f in sheet.fields if f.wrap}
_SEVERITY_WORDS = {Severity.ERROR: "错误", Severity.WARNING: "提示", Severity.MISSING: "尚未填写"}


def stem(path: PathKey) -> str:
    text = format_path(path)
    return "".join(ch if ch.isalnum() else "-" for ch in text)


def field_id(path: PathKey) -> str:
    """The id of the input of the field at ``path``: ``f-indicators-3--actual``."""
    return f"f-{stem(path)}"


def marker_id(path: PathKey) -> str:
    """The id of the problems shown beside the field (or row) at ``path``."""
    return f"p-{stem(path)}"


def row_id(path: PathKey) -> str:
    """The id of the table row of the item at ``path``: ``r-indicators-3``."""
    return f"r-{stem(path)}"


def section_anchor(index: int) -> str:
    return f"sec-{index}"


@dataclass(frozen=True)
class Input:
    """One input of the form, or one cell of a table."""

    path: str  # format_path of the field: what the input posts
    id: str
    marker: str
    label: str
    widget: str  # text, textarea, select, date, checkbox
    value: str
    kind: str  # the field's CellKind value
    choices: tuple[tuple[str, str], ...] = ()  # (shown, posted); the current value among them
    # the choices under headings (二级指标 by 一级指标), shown before ``choices``
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()
    unit: str = ""  # 万元 beside an amount, 分 beside a 分值
    hint: str = ""
    required: bool = False
    checked: bool = False  # a checkbox's state: the value, or the data format's default when left out


@dataclass(frozen=True)
class Row:
    index: int
    id: str  # the row's anchor: r-indicators-3
    marker: str
    cells: tuple[Input, ...]
    name: str  # how the row is named in a question: 第4行


@dataclass(frozen=True)
class SectionView:
    index: int
    title: str
    anchor: str  # sec-N
    marker: str  # p-sec-N: problems of the section as a whole
    repeating: bool
    path: str  # the list's path, for a table
    columns: tuple[FormField, ...] = ()
    inputs: tuple[Input, ...] = ()  # a form's fields
    rows: tuple[Row, ...] = ()
    money_unit: str = ""  # shown in the heading of a table's amount columns


def editor_sections(data: Mapping[str, Any]) -> list[SectionView]:
    """Every section of the form, filled from ``data``."""
    return [section_view(index, data) for index in range(len(sections()))]


def section_view(index: int, data: Mapping[str, Any]) -> SectionView:
    """Section number ``index`` (in the workbook's order) filled from ``data``."""
    section = sections()[index]
    anchor = section_anchor(index)
    if not section.repeating:
        inputs = tuple(
            _input(c, c.field.path, get(data, c.field.path), data)
            for c in _columns(section)
            if not _settled(c.field.path, data)
        )
        return SectionView(index, section.title, anchor, f"p-{anchor}", False, "", inputs=inputs)
    found = get(data, section.path)
    items = found if isinstance(found, list) else []
    rows = tuple(_row(section, i, item, data) for i, item in enumerate(items))
    path = format_path(section.path)
    money = data.get("money_unit")
    unit = money if isinstance(money, str) else ""
    return SectionView(
        index, section.title, anchor, f"p-{anchor}", True, path, columns=section.fields, rows=rows, money_unit=unit
    )


def _settled(path: PathKey, data: Mapping[str, Any]) -> bool:
    """A field nobody needs to see: 格式版本 while it holds the one version there is (shown
    only to correct a file that says otherwise)."""
    return path == ("format",) and data.get("format") == FORMAT


def section_index(path: PathKey) -> int:
    """The index of the repeating section whose list is at ``path`` (-1 if none)."""
    return next((i for i, s in enumerate(sections()) if s.repeating and s.path == path), -1)


def _row(section: FormSection, index: int, item: object, data: Mapping[str, Any]) -> Row:
    base = (*section.path, index)
    cells = tuple(_input(c, (*base, *c.field.path), get(item, c.field.path), data) for c in _columns(section))
    # In a list of texts (职能职责) the row is its one cell: the cell's marker serves both.
    marker = "" if any(f.path == () for f in section.fields) else marker_id(base)
    return Row(index, row_id(base), marker, cells, f"第{index + 1}行")


@dataclass(frozen=True)
class _Column:
    """What every input of a field has in common, worked out once per field."""

    field: FormField
    cell: Field  # the layout's field, to show a value as the workbook does
    kind: CellKind
    widget: str
    choices: tuple[tuple[str, str], ...]
    groups: tuple[tuple[str, tuple[str, ...]], ...]
    money: bool
    points: bool  # a 分值 or 得分: shown with 分


@cache
def _columns(section: FormSection) -> tuple[_Column, ...]:
    return tuple(_column(f, section) for f in section.fields)


def _column(f: FormField, section: FormSection) -> _Column:
    kind = CellKind(f.kind)
    choices: tuple[tuple[str, str], ...] = ()
    if kind is CellKind.CHOICE or kind is CellKind.BOOL:
        widget = "select"
        choices = tuple((shown, shown) for shown, _ in (f.choices or (("是", "是"), ("否", "否"))))
    elif kind is CellKind.DATE:
        widget = "date"
    elif (section.path if section.repeating else (), f.path) in _WIDE:
        widget = "textarea"
    else:
        widget = "text"
    cell = Field(f.path, f.label, kind, choices=f.choices)
    groups = tuple(LEVEL2_BY_LEVEL1.items()) if (section.path, f.path) == (("indicators",), ("level2",)) else ()
    grouped = {name for _, names in groups for name in names}
    choices = tuple(c for c in choices if c[1] not in grouped)  # the rest, shown after the groups
    return _Column(f, cell, kind, widget, choices, groups, f.money, kind is CellKind.AMOUNT and _scored(f))


def _input(column: _Column, path: PathKey, value: object, data: Mapping[str, Any]) -> Input:
    f = column.field
    text = _shown(value, column.cell)
    widget, choices = column.widget, column.choices
    checked = False
    if column.kind is CellKind.BOOL and (value is None or isinstance(value, bool)):
        widget, checked = "checkbox", bool(default_of(path) if value is None else value)
    if widget == "select" and text and all(text != posted for _, posted in choices) and not _in_groups(text, column):
        choices = (*choices, (text, text))  # what the data holds, even if it is not one of them
    if widget == "date" and text and not _iso_date(text):
        widget = "text"  # a date the browser's date input could not show: kept as it is
    unit = ""
    if column.money:
        money = data.get("money_unit")
        unit = money if isinstance(money, str) else ""
    elif column.points:
        unit = "分"
    text_path = format_path(path)
    stem_ = "".join(ch if ch.isalnum() else "-" for ch in text_path)
    return Input(
        path=text_path,
        id=f"f-{stem_}",
        marker=f"p-{stem_}",
        label=f.label,
        widget=widget,
        value=text,
        kind=f.kind,
        choices=choices,
        groups=column.groups,
        unit=unit,
        hint=f.hint,
        required=f.required,
        checked=checked,
    )


def _in_groups(text: str, column: _Column) -> bool:
    return any(text in names for _, names in column.groups)


def _scored(f: FormField) -> bool:
    last = f.path[-1] if f.path else ""
    return last in ("weight", "score", "total", "budget_score", "budget_weight", "total_weight") or (
        isinstance(last, str) and f.label.endswith("分值")
    )


def _iso_date(text: str) -> bool:
    parts = text.split("-")
    return len(parts) == 3 and [len(p) for p in parts] == [4, 2, 2] and all(p.isdigit() for p in parts)


def shown_value(value: object, f: FormField) -> str:
    """A data value as the form shows it (a choice by its shown text, 是/否, exact numbers)."""
    return _shown(value, Field(f.path, f.label, CellKind(f.kind), choices=f.choices))


def _shown(value: object, field_: Field) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and field_.kind is not CellKind.CHOICE:
        return value
    cell = to_cell(value, field_)
    if isinstance(cell, bool):
        return "是" if cell else "否"
    if isinstance(cell, Decimal):
        return format(cell, "f")
    return str(cell)


# Problems ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """One problem as the editor shows it: where, what, and the marker it is shown at."""

    severity: str  # error, warning, missing
    word: str  # 错误, 提示, 尚未填写
    place: str  # 绩效指标“法律援助案件”的实际完成值
    message: str
    marker: str
    anchor: str  # the element the problem list links to
    removable: str = ""  # the path of a key the data format does not know, which the editor can remove
    key: str = ""  # that key, as the user wrote it


@dataclass
class Problems:
    """Every problem of a check, by marker, and in order for the list."""

    by_marker: dict[str, tuple[Shown, ...]] = field(default_factory=dict)
    all: list[Shown] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(1 for p in self.all if p.severity == severity)

    def at(self, marker: str) -> tuple[Shown, ...]:
        return self.by_marker.get(marker, ())

    def changed_markers(self, old: Problems) -> list[str]:
        """The markers whose problems differ from ``old``'s."""
        keys = dict.fromkeys([*old.by_marker, *self.by_marker])
        return [k for k in keys if old.at(k) != self.at(k)]


def placed(issues: Iterable[Issue], data: object) -> Problems:
    """Every issue at its marker, in the form's words."""
    found = Problems()
    grouped: dict[str, list[Shown]] = {}
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.MISSING: 2}
    for issue in sorted(issues, key=lambda i: order[i.severity]):
        place = place_of(issue, data)
        marker, anchor = _marker_of(place.path, place.section)
        path = parse_path(issue.path)
        unknown = is_unknown_key(path) and get(data, path) is not None
        shown = Shown(
            issue.severity.value,
            _SEVERITY_WORDS[issue.severity],
            place.text if place.text != WHOLE_FILE else "整份数据",
            form_words(issue.message),
            marker,
            anchor,
            format_path(path) if unknown else "",
            str(path[-1]) if unknown else "",
        )
        found.all.append(shown)
        grouped.setdefault(marker, []).append(shown)
    found.by_marker = {key: tuple(items) for key, items in grouped.items()}
    return found


def _marker_of(path: PathKey, section_title: str) -> tuple[str, str]:
    """The marker a problem at ``path`` is shown at, and the element to link to."""
    try:
        locate(path)
        return marker_id(path), field_id(path)
    except EditError:
        pass
    for section in sections():
        size = len(section.path)
        if section.repeating and path[:size] == section.path and len(path) == size + 1:
            return marker_id(path), row_id(path)  # a row
    for section in sections():  # a part of a form (项目信息 in 单位信息): beside its first field
        if section.repeating or not path:
            continue
        inside = [f for f in section.fields if f.path[: len(path)] == path]
        if inside and len(inside) < len(section.fields):
            return marker_id(inside[0].path), field_id(inside[0].path)
    index = next((i for i, s in enumerate(sections()) if s.title == section_title), -1)
    if index < 0:
        return TOP, "problems"
    return f"p-{section_anchor(index)}", section_anchor(index)
