"""The commented example data file that ``reportgen init`` writes."""

from __future__ import annotations

from reportgen.support.resources import builtin_dir

STARTER_NAME = "自评数据.yaml"


def starter_text() -> str:
    """The text of the starter file shipped in ``narratives/_starter.yaml``."""
    return (builtin_dir("narratives") / "_common" / "starter.yaml").read_text(encoding="utf-8")
