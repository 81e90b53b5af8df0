"""A report's template set and style as the pages offer them: Chinese names, and the check
of a submitted choice against the built-in ones (:mod:`reportgen.api.choices`)."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.api import RenderOptions
from reportgen.api.choices import (
    KIND_NAMES,
    TemplateChoice,
    style_choice,
    style_choices,
    template_choice,
    template_choices,
)
from reportgen.web.store import Report

DEFAULT_STYLE = RenderOptions().style
_TEMPLATE_TITLES = {"standard": "标准模板（五章）", "hunan": "湖南省格式（十章）"}


@dataclass(frozen=True)
class Option:
    """One entry of a drop-down: the stored name, what the user reads, and why it is not
    offered for this report ("" when it is)."""

    name: str
    title: str
    note: str = ""


def template_title(name: str) -> str:
    choice = template_choice(name)
    return _TEMPLATE_TITLES.get(name) or (choice.description if choice else name)


def style_title(name: str) -> str:
    choice = style_choice(name or DEFAULT_STYLE)
    return choice.description if choice else name


def template_options(kind: str) -> list[Option]:
    """The template sets, each marked when it does not serve ``kind`` (none is while the
    kind is not filled in)."""
    return [
        Option(choice.name, template_title(choice.name), _only_for(choice.kinds) if _excludes(choice, kind) else "")
        for choice in template_choices()
    ]


def style_options() -> list[Option]:
    return [Option(choice.name, choice.description) for choice in style_choices()]


def chosen_style(report: Report) -> str:
    return report.style or DEFAULT_STYLE


def refused(narrative: str, style: str, kind: str) -> list[str]:
    """Why a submitted choice cannot be stored for a report of ``kind`` (empty when it can)."""
    problems = []
    template = template_choice(narrative)
    if template is None:
        problems.append("没有这个报告模板，请从列表中选择。")
    elif _excludes(template, kind):
        problems.append(
            f"{template_title(narrative)}只用于{_only_for(template.kinds, bare=True)}绩效自评，"
            f"本报告是{KIND_NAMES[kind]}，不能使用；请选择{template_title('standard')}。"
        )
    if style_choice(style) is None:
        problems.append("没有这个版式，请从列表中选择。")
    return problems


def stored_style(style: str) -> str:
    """The style as stored: "" for the default, so that the default renderer is shared."""
    return "" if style == DEFAULT_STYLE else style


def _excludes(template: TemplateChoice, kind: str) -> bool:
    """A template set is refused for a kind it does not serve; any may be chosen while the
    report's kind is not filled in (the preview tells if it no longer fits once it is)."""
    return kind in KIND_NAMES and not template.serves(kind)


def _only_for(kinds: tuple[str, ...], bare: bool = False) -> str:
    names = "、".join(KIND_NAMES.get(kind, kind) for kind in kinds)
    return names if bare else f"仅用于{names}"
