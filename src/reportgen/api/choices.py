"""The built-in template sets and styles a report may be rendered with, and which kinds of
evaluation each template set serves — what a front end offers and checks before it stores a
choice (names only, never paths)."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.render.narrative import available_templates
from reportgen.render.narrative.meta import KIND_NAMES, template_info
from reportgen.render.stylesheet import available_styles, load_stylesheet


@dataclass(frozen=True)
class TemplateChoice:
    """A built-in template set: its name, its description and the kinds it serves."""

    name: str
    description: str
    kinds: tuple[str, ...]

    def serves(self, kind: str) -> bool:
        return kind in self.kinds


@dataclass(frozen=True)
class StyleChoice:
    """A built-in style: its name and its description."""

    name: str
    description: str


def template_choices() -> list[TemplateChoice]:
    """Every built-in template set, standard first."""
    names = sorted(available_templates(), key=lambda name: (name != "standard", name))
    return [TemplateChoice(name, template_info(name).name, template_info(name).kinds) for name in names]


def style_choices() -> list[StyleChoice]:
    """Every built-in style, the default (gbt9704) first."""
    names = sorted(available_styles(), key=lambda name: (name != "gbt9704", name))
    return [StyleChoice(name, load_stylesheet(name).description or name) for name in names]


def template_choice(name: str) -> TemplateChoice | None:
    """The built-in template set called ``name``, if there is one."""
    return next((choice for choice in template_choices() if choice.name == name), None)


def style_choice(name: str) -> StyleChoice | None:
    """The built-in style called ``name``, if there is one."""
    return next((choice for choice in style_choices() if choice.name == name), None)


__all__ = [
    "KIND_NAMES",
    "StyleChoice",
    "TemplateChoice",
    "style_choice",
    "style_choices",
    "template_choice",
    "template_choices",
]
