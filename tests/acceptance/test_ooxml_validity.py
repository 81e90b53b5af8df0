"""Every kind of .docx reportgen writes passes an OOXML schema validator with zero findings.

LibreOffice opens files that Word rejects, so the rendering proofs alone do not show that a
document is valid. openxml-audit ports the Open XML SDK's validation rules to Python.

The kinds: the committed examples (standard and project reports with their checks
appendix), hunan, a project report without checks, literal numbering, a reference
document, an updated draft, a final copy (``render --final`` and ``finalize``), a draft from
an Excel workbook, and a batch's per-unit reports and summary report (with its chart).
The workbooks (the starter ``init --xlsx`` and 汇总.xlsx) are validated too: no schema
errors; openxml-audit's one warning there, inline strings without a shared-strings part,
is how openpyxl writes and Excel reads them (it moves them on its next save).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from openxml_audit import OpenXmlValidator, ValidationSeverity

from reportgen.api import RenderOptions, init_workbook, render_report, update_report
from reportgen.api.finalizing import finalize_report
from reportgen.features.batch.run import run_batch
from reportgen.features.batch.summary import summary_files
from reportgen.render.stylesheet import load_stylesheet
from samples import EXAMPLES, FIXTURES, LINGLING, LINGLING_PROJECT

pytestmark = pytest.mark.rendering

VALIDATOR = OpenXmlValidator()


def findings(path: Path) -> list[str]:
    result = VALIDATOR.validate(path)
    return [str(error) for error in result.errors]


def workbook_findings(path: Path) -> list[str]:
    """A workbook's findings but the inline-string warning (see the module docstring)."""
    result = VALIDATOR.validate(path)
    return [
        str(error)
        for error in result.errors
        if error.severity is ValidationSeverity.ERROR or "inline-string" not in str(error)
    ]


def _render(data: Path, out: Path, **options: Any) -> Path:
    render_report(data, out, RenderOptions(**options))
    return out


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*/report.docx")), ids=lambda p: p.parent.name)
def test_the_committed_examples_are_valid(example: Path) -> None:
    assert findings(example) == []


@pytest.mark.parametrize(
    ("data", "options"),
    [
        (LINGLING, {"template": "hunan"}),
        (LINGLING, {"checks_appendix": True}),
        (LINGLING_PROJECT, {"checks_appendix": True}),
        (LINGLING_PROJECT, {"checks_appendix": False}),
    ],
    ids=["hunan", "standard-with-checks", "project-with-checks", "project-without-checks"],
)
def test_other_templates_are_valid(tmp_path: Path, data: Path, options: dict[str, Any]) -> None:
    assert findings(_render(data, tmp_path / "report.docx", **options)) == []


def test_literal_numbering_and_a_reference_document_are_valid(tmp_path: Path) -> None:
    style = tmp_path / "literal.yaml"
    text = (Path(__file__).resolve().parents[2] / "styles" / "gbt9704.yaml").read_text(encoding="utf-8")
    style.write_text(text.replace("numbering: native", "numbering: literal"), encoding="utf-8")
    literal = _render(LINGLING, tmp_path / "literal.docx", style=str(style))
    assert findings(literal) == []
    referenced = _render(LINGLING, tmp_path / "referenced.docx", reference_docx=literal)
    assert findings(referenced) == []


def test_an_updated_draft_with_tracked_changes_and_comments_is_valid(tmp_path: Path) -> None:
    draft = _render(LINGLING, tmp_path / "draft.docx")
    data: dict[str, Any] = yaml.safe_load(LINGLING.read_text(encoding="utf-8"))
    changed = copy.deepcopy(data)
    changed["budget"]["executed"] = float(changed["budget"]["executed"]) * 0.9
    changed["indicators"][2]["actual"] = "480件"
    new_data = tmp_path / "new.yaml"
    new_data.write_text(yaml.safe_dump(changed, allow_unicode=True), encoding="utf-8")
    updated = tmp_path / "updated.docx"
    update_report(new_data, draft, updated)
    assert findings(updated) == []


def test_a_final_copy_is_valid_rendered_or_finalized(tmp_path: Path) -> None:
    complete = FIXTURES / "valid" / "clean.yaml"
    rendered = tmp_path / "定稿.docx"
    render_report(complete, rendered, RenderOptions(), final=True)
    assert findings(rendered) == []
    draft = _render(complete, tmp_path / "修改稿.docx")
    finalized = tmp_path / "修改稿-定稿.docx"
    finalize_report(draft, finalized)
    assert findings(finalized) == []


def test_the_starter_workbook_and_a_draft_rendered_from_it_are_valid(tmp_path: Path) -> None:
    empty = tmp_path / "空白.xlsx"
    init_workbook(empty)
    assert workbook_findings(empty) == []
    filled = tmp_path / "零陵.xlsx"
    init_workbook(filled, LINGLING)
    assert workbook_findings(filled) == []
    assert findings(_render(filled, tmp_path / "零陵.docx")) == []


def test_a_batchs_reports_and_both_summaries_are_valid(tmp_path: Path) -> None:
    outdir = tmp_path / "out"
    result = run_batch([LINGLING, LINGLING_PROJECT], outdir, jobs=1)
    reports = sorted(outdir.glob("*.docx"))
    assert len(reports) == 2
    for report in reports:
        assert findings(report) == [], report.name
    files = summary_files(result, load_stylesheet("gbt9704"))
    for name, content in files.items():
        path = tmp_path / name
        path.write_bytes(content)
        assert (workbook_findings(path) if name.endswith(".xlsx") else findings(path)) == [], name
    assert any(name.endswith(".docx") for name in files) and any(name.endswith(".xlsx") for name in files)
