"""What a check found, as the JSON that ``reportgen validate --json`` prints and the web
application's JSON API answers: the issues of each kind and every computed figure."""

from __future__ import annotations

from typing import Any

from reportgen.errors import Issue
from reportgen.figures.compute import Figures


def issue_json(issue: Issue) -> dict[str, str]:
    return {"path": issue.path, "label": issue.label, "location": issue.location, "message": issue.message}


def result_json(
    file: str, errors: list[Issue], warnings: list[Issue], missing: list[Issue], figures: Figures | None
) -> dict[str, Any]:
    """``{"file", "errors", "warnings", "missing", "figures"}``; figures None when the data has none."""
    from reportgen.figures.as_json import figures_json

    return {
        "file": file,
        "errors": [issue_json(i) for i in errors],
        "warnings": [issue_json(i) for i in warnings],
        "missing": [issue_json(i) for i in missing],
        "figures": figures_json(figures) if figures else None,
    }
