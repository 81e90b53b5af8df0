"""Every kind of .docx reportgen writes passes an OOXML schema validator with zero findings.

LibreOffice opens files that Word rejects, so the rendering proofs alone do not show that a
document is valid. openxml-audit ports the Open XML SDK's validation rules to Python.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from openxml_audit import OpenXmlValidator

from reportgen.api import RenderOptions, render_report, update_report
from reportgen.features.batch.run import run_batch
from reportgen.features.batch.summary import summary_files
from reportgen.render.stylesheet import load_stylesheet
from samples import EXAMPLES, LINGLING, LINGLING_PROJECT

pytestmark = pytest.mark.rendering

VALIDATOR = OpenXmlValidator()


def findings(path: Path) -> list[str]:
    result = VALIDATOR.validate(path)
    return [str(error) for error in result.errors]


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
        (LINGLING_PROJECT, {"checks_appendix": False}),
    ],
    ids=["hunan", "project-without-checks"],
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


def test_the_batch_summary_report_is_valid(tmp_path: Path) -> None:
    result = run_batch([LINGLING, LINGLING_PROJECT], tmp_path / "out", jobs=1)
    files = summary_files(result, load_stylesheet("gbt9704"))
    docx = next(name for name in files if name.endswith(".docx"))
    path = tmp_path / docx
    path.write_bytes(files[docx])
    assert findings(path) == []
