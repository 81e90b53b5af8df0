"""What a check found, as the JSON that ``reportgen validate --json`` prints and the web
application's JSON API answers: the issues of each kind and every computed figure; and what
``reportgen import --json`` and ``reportgen review --json`` print."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportgen.data.fieldpath import format_path
from reportgen.errors import Issue
from reportgen.figures.compute import Figures

if TYPE_CHECKING:
    from reportgen.api.importing import Written
    from reportgen.api.reviewing import Review, ReviewFinding
    from reportgen.data.importing.result import ImportResult, Unmapped


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


def imported_json(result: ImportResult, written: list[Written]) -> dict[str, Any]:
    """What ``reportgen import --json`` prints: per table the file written and the account of
    its cells (mapped, unmapped, notes, the table's own inconsistencies), the draft's
    尚未填写 items, errors and warnings; then the tables passed over."""
    return {
        "file": result.file,
        "tables": [_table_json(item) for item in written],
        "passed_over": [_unmapped_json(u) for u in result.passed_over],
    }


def _table_json(item: Written) -> dict[str, Any]:
    table, checked = item.table, item.checked
    return {
        "source": table.source,
        "title": table.title,
        "kind": table.kind,
        "self_evaluation": table.self_evaluation,
        "written": str(item.path),
        "form": item.form,
        "mapped": [
            {"path": format_path(m.path), "label": m.label, "value": m.value, "place": m.place} for m in table.mapped
        ],
        "cells": table.cells,
        "unmapped": [_unmapped_json(u) for u in table.unmapped],
        "unrecognised": len(table.unrecognised),
        "notes": list(table.notes),
        "findings": [{"rule": f.rule, "place": f.place, "message": f.message} for f in table.findings],
        "unplaced": list(item.unplaced),
        "missing": [issue_json(i) for i in checked.missing],
        "errors": [issue_json(i) for i in checked.errors],
        "warnings": [issue_json(i) for i in checked.warnings],
    }


def _unmapped_json(item: Unmapped) -> dict[str, str]:
    return {"place": item.place, "text": item.text, "reason": item.reason}


def review_json(review: Review) -> dict[str, Any]:
    """What ``reportgen review --json`` prints: each table's findings, the text's, the count,
    and the tables passed over."""
    return {
        "file": review.file,
        "tables": [
            {
                "title": table.title,
                "source": table.source,
                "kind": table.kind,
                "findings": [_finding_json(f) for f in table.findings],
            }
            for table in review.tables
        ],
        "text": [_finding_json(f) for f in review.text],
        "count": review.count,
        "passed_over": [_unmapped_json(u) for u in review.passed_over],
    }


def _finding_json(finding: ReviewFinding) -> dict[str, str]:
    return {"place": finding.place, "message": finding.message, "rule": finding.rule, "severity": finding.severity}
