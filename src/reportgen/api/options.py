"""The render options: what a rendered report looks like (a small module of its own, so the
command line builds them without loading the renderer)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RenderOptions:
    """What a rendered report looks like."""

    template: str = "standard"
    narratives_dir: Path | None = None
    style: str = "gbt9704"
    checks_appendix: bool = True
    reference_docx: Path | None = None
    profile: str | None = None  # scoring profile: a name, or a .yaml file; None: the data's own or the default
    profiles_dir: Path | None = None  # user profiles, searched before the built-in ones
