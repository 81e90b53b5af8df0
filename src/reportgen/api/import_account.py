"""The account of an import as people read it: what was mapped, grouped by the part of the
data it fills, each cell's text cut to a glance. ``reportgen import`` prints it; the web
application's import page shows the same groups.
"""

from __future__ import annotations

from reportgen.data.importing.result import Mapped

__all__ = ["at_a_glance", "mapped_groups"]

# Each mapped field under the part of the data it fills.
_GROUPS = {"unit": "单位", "project": "单位", "year": "单位", "kind": "单位", "money_unit": "金额", "budget": "金额"}
_LIST_GROUPS = {"goals": "目标", "projects": "项目", "indicators": "指标"}
_GROUP_ORDER = ("单位", "金额", "目标", "项目", "指标", "其他")
_SHOWN_CHARS = 40


def mapped_groups(mapped: list[Mapped]) -> dict[str, list[str]]:
    """Lines per group, groups in their order: a field per line ("单位名称 某局（第1个表格第2行第2列）"),
    a list item's fields on one line ("第1项：三级指标 …，年度指标值 …（第1个表格第14行第4列）")."""
    groups: dict[str, list[str | tuple[int, list[Mapped]]]] = {}
    items: dict[tuple[str, int], list[Mapped]] = {}
    for field in mapped:
        head = str(field.path[0]) if field.path else ""
        index = field.path[1] if len(field.path) > 1 else None
        if head in _LIST_GROUPS and isinstance(index, int):
            if (head, index) not in items:
                items[head, index] = []
                groups.setdefault(_LIST_GROUPS[head], []).append((index, items[head, index]))
            items[head, index].append(field)
        else:
            line = f"{field.label} {at_a_glance(field.value)}（{field.place}）"
            groups.setdefault(_GROUPS.get(head, "其他"), []).append(line)
    return {group: [_item_line(entry) for entry in groups[group]] for group in _GROUP_ORDER if group in groups}


def _item_line(entry: str | tuple[int, list[Mapped]]) -> str:
    if isinstance(entry, str):
        return entry
    index, fields = entry
    values = "，".join(f"{f.label} {at_a_glance(f.value)}" for f in fields)
    return f"第{index + 1}项：{values}（{fields[0].place}）"


def at_a_glance(text: str) -> str:
    """A cell's text on one line, cut to a glance (40 characters)."""
    flat = " / ".join(part.strip() for part in text.splitlines() if part.strip())
    return flat if len(flat) <= _SHOWN_CHARS else flat[: _SHOWN_CHARS - 1] + "…"
