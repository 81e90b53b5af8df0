"""Narrative stage: Jinja chapter templates → Markdown → blocks."""

from reportgen.render.narrative.assemble import assemble
from reportgen.render.narrative.env import Narratives, available_templates

__all__ = ["Narratives", "assemble", "available_templates"]
