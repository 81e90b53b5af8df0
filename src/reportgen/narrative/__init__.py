"""Narrative stage: Jinja chapter templates → Markdown → blocks."""

from reportgen.narrative.assemble import assemble
from reportgen.narrative.env import Narratives, available_templates

__all__ = ["Narratives", "assemble", "available_templates"]
