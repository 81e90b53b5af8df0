"""What a built-in template set is for: its ``template.yaml`` (name, the kinds it serves).

A template set written for one kind of evaluation (the 湖南 ten-chapter outline is for
部门整体支出) must not be used for the other: its chapters would print "无。" about the
project's own money.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml

from reportgen.errors import TemplateError
from reportgen.support.resources import builtin_dir

KIND_NAMES = {"department": "部门整体支出", "project": "项目支出"}


@dataclass(frozen=True)
class TemplateInfo:
    """模板说明."""

    name: str
    kinds: tuple[str, ...]


@cache
def template_info(template: str) -> TemplateInfo:
    """The description of the built-in template set ``template`` (all kinds when it has none)."""
    path = builtin_dir("narratives") / template / "template.yaml"
    if not path.is_file():
        return TemplateInfo(template, tuple(KIND_NAMES))
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return TemplateInfo(str(raw.get("name", template)), tuple(raw.get("kinds") or KIND_NAMES))


def require_kind(template: str, kind: str) -> None:
    """Refuse a template set that was not written for this kind of evaluation."""
    info = template_info(template)
    if kind not in info.kinds:
        serves = "、".join(KIND_NAMES[k] for k in info.kinds if k in KIND_NAMES)
        others = [name for name in ("standard", "hunan") if name != template and kind in template_info(name).kinds]
        hint = f"请改用 --template {others[0]}" if others else "请改用其他模板"
        raise TemplateError(
            f"模板“{template}”（{info.name}）只用于{serves}绩效自评，不能用于{KIND_NAMES.get(kind, kind)}数据：{hint}。"
        )


__all__ = ["TemplateInfo", "require_kind", "template_info"]
