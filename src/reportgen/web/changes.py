"""What changed between two versions of a report, in the words of the pages.

- :func:`field_changes`: the data's fields, each named by its place in plain Chinese
  (绩效指标“法律援助案件”的实际完成值：95% → 97%, see :func:`reportgen.web.problems.place_of`),
  a list item added or removed as one change;
- :func:`figure_changes`: the computed figures of the side panel
  (:func:`reportgen.web.figures_panel.figures_panel`), keyed by group and label: 总分 98.00 → 99.10;
- :func:`figure_table`: both versions' figures side by side, with the difference where both
  are numbers (the compare page).

Pure functions of plain values: no web framework, no storage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from reportgen.data.fieldpath import PathKey, format_path
from reportgen.errors import Issue
from reportgen.figures.fmt import amount
from reportgen.web.fields import FormField, sections
from reportgen.web.figures_panel import GROUPS, INDICATORS, PROJECTS, TOTAL, PanelRow
from reportgen.web.problems import place_of

EMPTY = "（空）"
SHORT = 40  # characters of a long text shown in a change
_REPEATING = {s.path: s for s in sections() if s.repeating}
_FORMS = [s for s in sections() if not s.repeating]
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_WHOLE = re.compile(r"（占(.+)）$")


@dataclass(frozen=True)
class FieldChange:
    """One field (or list item) that differs: its place and both values as shown."""

    place: str  # 绩效指标“法律援助案件”的实际完成值
    old: str
    new: str
    kind: str = "changed"  # changed, added (a new list item) or removed (an item taken out)

    @property
    def text(self) -> str:
        if self.kind in ("added", "removed"):
            value = self.new if self.kind == "added" else self.old
            said = "" if value == EMPTY or value in self.place else f"：{value}"
            return f"{'新增' if self.kind == 'added' else '删除'}{self.place}{said}"
        return f"{self.place}：{self.old} → {self.new}"


@dataclass(frozen=True)
class FigureChange:
    """One computed figure that differs between two versions."""

    name: str  # 总分, 预算执行率, 绩效指标“法律援助案件”得分
    old: str
    new: str

    @property
    def text(self) -> str:
        return f"{self.name} {self.old} → {self.new}"


@dataclass(frozen=True)
class FigureRow:
    """One line of the compare table."""

    group: str
    name: str
    a: str
    b: str
    difference: str  # b − a where both are numbers; '' otherwise

    @property
    def changed(self) -> bool:
        return not same_figure(self.a, self.b)


# --- fields -------------------------------------------------------------------------------


def field_changes(old: object, new: object) -> list[FieldChange]:
    """Every field of ``new`` that differs from ``old`` (data files' plain values), in the
    data's order; a list item that only one of them has is one change."""
    return list(_walk((), old, new, old, new))


def _walk(path: PathKey, a: object, b: object, old: object, new: object) -> Iterator[FieldChange]:
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        for key in [*a, *(k for k in b if k not in a)]:
            yield from _walk((*path, str(key)), a.get(key), b.get(key), old, new)
    elif isinstance(a, list) and isinstance(b, list):
        items = path in _REPEATING
        for index in range(max(len(a), len(b))):
            here = (*path, index)
            if index >= len(a):
                yield _item(here, b[index], new, "added") if items else _change(here, None, b[index], new)
            elif index >= len(b):
                yield _item(here, a[index], old, "removed") if items else _change(here, a[index], None, old)
            else:
                yield from _walk(here, a[index], b[index], old, new)
    elif _same(a, b):
        return
    elif _container(a) or _container(b):
        # A whole part given or taken away (年度资金's 按收入性质分 added…): its fields one by one.
        yield from _walk(path, a if _container(a) else _empty(b), b if _container(b) else _empty(a), old, new)
        for value, data, gone in ((a, old, True), (b, new, False)):
            if not _container(value) and not _blank(value):
                yield _change(path, value, None, data) if gone else _change(path, None, value, data)
    else:
        yield _change(path, a, b, new if b is not None else old)


def _container(value: object) -> bool:
    return isinstance(value, Mapping | list)


def _empty(like: object) -> object:
    return {} if isinstance(like, Mapping) else []


def _same(a: object, b: object) -> bool:
    if _blank(a) and _blank(b):
        return True
    if _numeric(a) and _numeric(b):
        return Decimal(str(a)) == Decimal(str(b))
    return type(a) is type(b) and a == b


def _numeric(value: object) -> bool:
    return isinstance(value, int | Decimal | float) and not isinstance(value, bool)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _change(path: PathKey, a: object, b: object, data: object) -> FieldChange:
    if isinstance(a, str) and isinstance(b, str) and max(len(a), len(b)) > SHORT:
        old, new = excerpts(" ".join(a.split()), " ".join(b.split()))
        return FieldChange(_place(path, data), old or EMPTY, new or EMPTY)
    unit = _money_unit(data)
    return FieldChange(_place(path, data), _shown(path, a, unit), _shown(path, b, unit))


def _money_unit(data: object) -> str:
    unit = data.get("money_unit") if isinstance(data, Mapping) else None
    return unit if isinstance(unit, str) else ""


def _item(path: PathKey, value: object, data: object, kind: str) -> FieldChange:
    shown = _shown(path, value)
    return FieldChange(_place(path, data), shown if kind == "removed" else "", shown if kind == "added" else "", kind)


def _place(path: PathKey, data: object) -> str:
    return place_of(Issue(format_path(path), ""), data).text


def _shown(path: PathKey, value: object, unit: str = "") -> str:
    """A value as the form shows it: a choice by its Chinese name, an amount with two decimals
    and the data's money unit (as the report prints it), long text shortened."""
    if _blank(value):
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    field = _field_of(path)
    if field is not None and field.money and isinstance(value, int | Decimal):
        return f"{amount(Decimal(value))}{unit}"
    if field is not None and isinstance(value, str):
        value = next((shown for shown, stored in field.choices if stored == value), value)
    if isinstance(value, Mapping):
        if "text" in value or "title" in value:  # a narrative item: its title, else its text
            value = value.get("title") or value.get("text") or ""
        elif "name" in value:  # an indicator or project: its name
            value = value["name"]
        elif "expected" in value:
            value = value["expected"]
        else:
            value = "，".join(f"{v}" for v in value.values() if not _blank(v))
    return shorten(" ".join(str(value).split()))


def excerpts(old: str, new: str, size: int = SHORT) -> tuple[str, str]:
    """Two long texts shortened around where they begin to differ, so that the change shows:
    a text with a sentence added at its end reads “…宣传氛围。补充一句。”, not its unchanged start."""
    if len(old) <= size and len(new) <= size:
        return old, new
    same = 0
    while same < min(len(old), len(new)) and old[same] == new[same]:
        same += 1
    start = max(0, same - size // 4)
    if start < size // 2:  # they differ near the start: both from the start
        return shorten(old, size), shorten(new, size)
    return f"…{shorten(old[start:], size)}", f"…{shorten(new[start:], size)}"


def shorten(text: str, size: int = SHORT) -> str:
    """``text`` cut at ``size`` characters, with “…” when it was longer."""
    return text if len(text) <= size else text[:size] + "…"


def _field_of(path: PathKey) -> FormField | None:
    for list_path, section in _REPEATING.items():
        n = len(list_path)
        if path[:n] == list_path and len(path) > n and isinstance(path[n], int):
            return section.field(path[n + 1 :])
    return next((f for s in _FORMS if (f := s.field(path)) is not None), None)


# --- figures ------------------------------------------------------------------------------


def figure_name(row: PanelRow) -> str:
    """A panel row's figure named on its own: 绩效指标“法律援助案件”得分, 预算执行率, 总分."""
    if row.group == INDICATORS:
        return f"绩效指标“{row.label}”得分"
    if row.group == PROJECTS:
        return f"项目“{row.label}”执行率"
    if row.group == GROUPS:
        return f"{row.label}得分"
    if row.group == TOTAL or row.group.startswith("预算执行"):
        return row.label
    whole = _WHOLE.search(row.group)
    return f"{row.label}占{whole.group(1)}的比例" if whole else f"{row.label}（{row.group}）"


Keyed = dict[tuple[str, str, int], PanelRow]


def _keyed(rows: Sequence[PanelRow]) -> Keyed:
    """Rows by group, label and the label's occurrence (two indicators may share a name)."""
    seen: dict[tuple[str, str], int] = {}
    keyed: Keyed = {}
    for row in rows:
        count = seen.get((row.group, row.label), 0)
        seen[(row.group, row.label)] = count + 1
        keyed[(row.group, row.label, count)] = row
    return keyed


def figure_changes(old: Sequence[PanelRow] | None, new: Sequence[PanelRow] | None) -> list[FigureChange]:
    """The figures that differ (a value, or an indicator's 分值), in the panel's order.
    None stands for a version whose data has errors (it has no figures): nothing is compared."""
    if old is None or new is None:
        return []
    before = _keyed(old)
    changes = []
    for key, row in _keyed(new).items():
        was = before.get(key)
        if was is None:
            continue  # a new indicator or project: listed among the fields
        if not same_figure(was.value, row.value):
            changes.append(FigureChange(figure_name(row), was.value, row.value))
        if not same_figure(was.weight, row.weight):
            changes.append(FigureChange(_weight_name(row), was.weight or EMPTY, row.weight or EMPTY))
    return changes


def _weight_name(row: PanelRow) -> str:
    name = figure_name(row)
    return name.removesuffix("得分") + "分值" if name.endswith("得分") else f"{name}分值"


def figure_table(a: Sequence[PanelRow] | None, b: Sequence[PanelRow] | None) -> list[FigureRow]:
    """Both versions' figures, figure by figure (those of ``b`` first, in the panel's order,
    then what only ``a`` has); '—' where a version has no such figure."""
    left, right = _keyed(a or []), _keyed(b or [])
    table = []
    for key in [*right, *(k for k in left if k not in right)]:
        row = right.get(key) or left[key]
        was, now = left.get(key), right.get(key)
        a_value, b_value = (was.value if was else "—"), (now.value if now else "—")
        table.append(FigureRow(row.group, figure_name(row), a_value, b_value, difference(a_value, b_value)))
        a_weight, b_weight = (was.weight if was else ""), (now.weight if now else "")
        if (a_weight or b_weight) and not same_figure(a_weight, b_weight):
            table.append(
                FigureRow(
                    row.group, _weight_name(row), a_weight or "—", b_weight or "—", difference(a_weight, b_weight)
                )
            )
    return table


def same_figure(a: str, b: str) -> bool:
    """Whether two figures as shown are the same: 10 and 10.00 are (a score's decimals
    follow the data), 10% and 10 are not."""
    x, y = _number(a), _number(b)
    if x is None or y is None:
        return a == b
    return x == y and a.endswith("%") == b.endswith("%")


def difference(a: str, b: str) -> str:
    """``b − a`` when both are plain numbers (a percentage's in 个百分点); '' otherwise."""
    x, y = _number(a), _number(b)
    if x is None or y is None or a.endswith("%") != b.endswith("%"):
        return ""
    places = max(_places(a), _places(b))
    change = (y - x).quantize(Decimal(1).scaleb(-places))
    if change == 0:
        return "0" if not a.endswith("%") else "0个百分点"
    signed = f"{change:+f}"
    return f"{signed}个百分点" if a.endswith("%") else signed


def _number(text: str) -> Decimal | None:
    plain = text.removesuffix("%")
    if not _NUMBER.fullmatch(plain):
        return None
    try:
        return Decimal(plain)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None


def _places(text: str) -> int:
    plain = text.removesuffix("%")
    return len(plain.partition(".")[2])
