"""Problems beside the field that caused them, placed in plain Chinese.

An :class:`~reportgen.errors.Issue` names its field by path (``indicators[3].actual``); the
editor needs the field to show it beside, and people need its place in their own words
(绩效指标“法律援助案件”的实际完成值). :func:`place_of` gives both; :func:`problems_by_field`
groups every issue of a check by field, errors, warnings and 尚未填写 apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reportgen.api.checking import Checked
from reportgen.data.fieldpath import PathKey, parse_path
from reportgen.data.labels import label_for
from reportgen.errors import Issue, Severity
from reportgen.web.fields import FormSection, sections

WHOLE_FILE = "整个数据文件"


@dataclass(frozen=True)
class Place:
    """Where an issue belongs: the form's field (or section, or item) and its name in Chinese."""

    section: str  # the section's title; '' for the data file as a whole
    path: PathKey  # the field, item or list the editor shows the problem beside
    text: str  # 绩效指标“法律援助案件”的实际完成值


@dataclass(frozen=True)
class Problem:
    """One issue as the editor shows it."""

    severity: Severity
    place: Place
    message: str


@dataclass
class FieldProblems:
    """The problems of one field, the three kinds apart."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    missing: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        {Severity.ERROR: self.errors, Severity.WARNING: self.warnings, Severity.MISSING: self.missing}[
            problem.severity
        ].append(problem)


# What one item of a list is called, and the key of the item's own name (if it has one).
_ITEMS: dict[PathKey, tuple[str, str]] = {
    ("projects",): ("项目", "name"),
    ("goals",): ("年度总体目标", ""),
    ("indicators",): ("绩效指标", "name"),
    ("performance",): ("绩效情况", ""),  # numbered as the report numbers them, not by their titles
    ("problems",): ("存在的问题", ""),
    ("measures",): ("改进措施", ""),
    ("unit", "functions"): ("职能职责", ""),
    ("unit", "departments"): ("内设机构", ""),
}


def place_of(issue: Issue, data: object) -> Place:
    """The field ``issue`` belongs to and its place in plain Chinese, named from ``data``'s own names."""
    path = parse_path(issue.path)
    for section in sections():
        if section.repeating and path[: len(section.path)] == section.path:
            return _in_list(section, path[len(section.path) :], data)
    form = next((s for s in sections() if not s.repeating and path and _known(s, path[:1])), None)
    if form is not None:
        return _in_form(form, path)
    return Place("", (), WHOLE_FILE)


def problems_by_field(checked: Checked) -> dict[PathKey, FieldProblems]:
    """Every issue of ``checked`` under the field it belongs to, in the order found."""
    return group(checked.issues, checked.raw.data)


def group(issues: Iterable[Issue], data: object) -> dict[PathKey, FieldProblems]:
    """``issues`` under the field each belongs to (see :func:`place_of`)."""
    found: dict[PathKey, FieldProblems] = {}
    for issue in issues:
        place = place_of(issue, data)
        found.setdefault(place.path, FieldProblems()).add(Problem(issue.severity, place, issue.message))
    return found


def _known(section: FormSection, path: PathKey) -> bool:
    """Whether ``path`` is a field of the form or the prefix of some of its fields."""
    return any(f.path[: len(path)] == path for f in section.fields)


def _in_form(section: FormSection, path: PathKey) -> Place:
    while len(path) > 1 and not _known(section, path):
        path = path[:-1]  # a key the form does not know: its nearest known parent
    named = section.field(path)
    label = named.label if named else label_for(path)
    if not label or label == section.title:  # the section as a whole (年度资金 missing)
        return Place(section.title, path, section.title)
    return Place(section.title, path, f"{section.title}的{label}")


def _in_list(section: FormSection, rest: PathKey, data: object) -> Place:
    if not rest or not isinstance(rest[0], int):
        return Place(section.title, section.path, section.title)
    index = rest[0]
    item_path = (*section.path, index)
    item = _item_name(section, index, data)
    inner = rest[1:]
    while inner and section.field(inner) is None:
        inner = inner[:-1]  # a key the table does not know: its nearest known parent, else the item
    named = section.field(inner) if inner else None
    if named is None:
        return Place(section.title, item_path, item)
    return Place(section.title, (*item_path, *inner), f"{item}的{_short(named.label)}")


def _item_name(section: FormSection, index: int, data: object) -> str:
    noun, key = _ITEMS.get(section.path, (section.title, ""))
    name = _name_in(_at(data, (*section.path, index)), key) if key else ""
    return f"{noun}“{name}”" if name else f"{noun}第{index + 1}项"


def _at(data: object, path: PathKey) -> object:
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, Mapping):
            data = data.get(part)
        else:
            return None
    return data


def _name_in(item: object, key: str) -> str:
    value: Any = item.get(key) if isinstance(item, Mapping) else None
    if isinstance(value, str | int) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        if not any(ch.isalnum() for ch in text):  # a template's “……” row names nothing
            return ""
        return text if len(text) <= 30 else text[:30] + "…"
    return ""


def _short(label: str) -> str:
    """A label without its note in brackets: 执行数（实际拨付数） → 执行数."""
    head, bracket, _ = label.partition("（")
    return head if bracket and head else label
