"""The commented example data file that ``reportgen init`` writes."""

from __future__ import annotations

from typing import Any

from reportgen.support.resources import builtin_dir

STARTER_NAME = "自评数据.yaml"


def starter_text() -> str:
    """The text of the starter file shipped in ``narratives/_starter.yaml``."""
    return (builtin_dir("narratives") / "_common" / "starter.yaml").read_text(encoding="utf-8")


KINDS = ("department", "project")
FORMAT = "reportgen/1"


def blank_data(kind: str, year: int) -> dict[str, Any]:
    """The data a blank form starts from: the kind and year, and every section empty."""
    if kind not in KINDS:
        raise ValueError(f"not a kind of report: {kind}")
    return {
        "format": FORMAT,
        "kind": kind,
        "year": year,
        "unit": {},
        "budget": {},
        "projects": [],
        "goals": [],
        "indicators": [],
        "performance": [],
        "problems": [],
        "measures": [],
    }
