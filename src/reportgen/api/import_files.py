"""The content of each file ``reportgen import`` writes: a commented YAML data file, a JSON
data file or the staff workbook, the data in the data format's key order.

The same table gives the same bytes every time (no date, no path in the header: only the
source file's name), so a second import is recognised as identical.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from reportgen.data.importing.result import ImportedTable
from reportgen.data.sources.dump import to_json, to_yaml
from reportgen.errors import Issue
from reportgen.textchars import code_point

__all__ = ["in_key_order", "json_text", "missing_groups", "workbook_content", "yaml_text"]

# The data format's order of keys (shared/design/data-format.md), per map; others follow as they came.
_ORDER: dict[str, tuple[str, ...]] = {
    "": (
        "format",
        "kind",
        "year",
        "money_unit",
        "date",
        "project",
        "unit",
        "budget",
        "projects",
        "goals",
        "indicators",
        "performance",
        "problems",
        "measures",
        "application",
        "other",
        "scoring",
        "published",
    ),
    "project": ("name", "authority", "implementer"),
    "unit": ("name", "short_name", "code", "level", "functions", "departments", "staff", "overview"),
    "budget": ("initial", "adjusted", "executed", "weight", "by_source", "by_nature"),
    "budget.by_source": (
        "general_public",
        "government_fund",
        "state_capital",
        "social_insurance",
        "special_account",
        "carryover",
        "other",
    ),
    "budget.by_nature": ("basic", "personnel", "public_use", "project"),
    "projects": ("name", "source", "budget", "executed", "note", "published"),
    "goals": ("expected", "actual"),
    "indicators": (
        "level1",
        "level2",
        "name",
        "target",
        "actual",
        "weight",
        "score",
        "grade",
        "deviation",
        "standard",
        "direction",
        "applicable",
    ),
}
_LINE_BREAKS = str.maketrans({c: " " for c in "\r\n\v\f\x85\u2028\u2029"})
# What YAML cannot hold even in a comment (PyYAML's reader refuses the whole file for one).
_NOT_PRINTABLE = re.compile("[^\x09\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def in_key_order(value: Any, at: str = "") -> Any:
    """``value`` with every map's keys in the data format's order (unknown keys after, as they came)."""
    if isinstance(value, dict):
        order = _ORDER.get(at, ())
        rank = {key: index for index, key in enumerate(order)}
        keys = sorted(value, key=lambda key: rank.get(key, len(order)))  # stable: unknown keys keep their order
        return {key: in_key_order(value[key], f"{at}.{key}" if at else str(key)) for key in keys}
    if isinstance(value, list):
        return [in_key_order(item, at) for item in value]
    return value


def yaml_text(table: ImportedTable, source_name: str, missing: list[Issue]) -> str:
    """The YAML data file: comment lines saying where it came from and what is still to be
    filled in, then the data."""
    return (
        "".join(f"# {line}".rstrip() + "\n" for line in _header(table, source_name, missing))
        + "\n"
        + to_yaml(in_key_order(table.data))
    )


def json_text(table: ImportedTable) -> str:
    """The JSON data file (JSON has no comments: the account is printed only)."""
    return to_json(in_key_order(table.data)) + "\n"


def workbook_content(table: ImportedTable) -> tuple[bytes, list[str]]:
    """The staff workbook filled with the table's data, and the fields it has no place for."""
    from reportgen.api.starting import workbook_bytes

    return workbook_bytes(in_key_order(table.data))


def _header(table: ImportedTable, source_name: str, missing: list[Issue]) -> list[str]:
    what = f"{table.source}（{table.title}）" if table.title else table.source
    lines = [f"由 reportgen import 从“{_one_line(source_name)}”{_one_line(what)}导入的草稿。"]
    lines += [f"说明：{_one_line(note)}" for note in table.notes]
    if missing:
        lines += ["", f"尚未填写 {len(missing)} 项（填写后运行 reportgen validate 检查，缺的在报告中标为【待补充】）："]
        lines += [f"  - {entry}" for entry in missing_groups(missing)]
    else:
        lines += ["", "各项都已填写：可以用 reportgen render 生成报告。"]
    return lines


def missing_groups(missing: list[Issue], paths: bool = True) -> list[str]:
    """The missing items by label, in first-seen order: "实际完成值 8 项（indicators[0].actual 等）"
    (without ``paths``: "实际完成值 8 项")."""
    counts = Counter(issue.label or issue.path for issue in missing)
    first: dict[str, str] = {}
    for issue in missing:
        first.setdefault(issue.label or issue.path, issue.path)
    entries = []
    for label, path in first.items():
        count = counts[label]
        entry = label if count == 1 else f"{label} {count} 项"
        entries.append(entry if not paths else f"{entry}（{path}）" if count == 1 else f"{entry}（{path} 等）")
    return [_one_line(entry) for entry in entries]


def _one_line(text: str) -> str:
    """Text safe inside a YAML comment: no line breaks (YAML counts U+2028 and U+0085 as ones
    too), a character YAML cannot hold written as its code point."""
    return _NOT_PRINTABLE.sub(lambda m: f"[{code_point(m.group())}]", text.translate(_LINE_BREAKS))
