"""``reportgen check`` places each finding under the headings it stands under (issue 14, item 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafting import render
from reportgen.cli import app
from samples import LINGLING

runner = CliRunner()
pytestmark = pytest.mark.rendering


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "草稿.docx"
    path.write_bytes(render(LINGLING))
    return path


def test_each_finding_names_its_heading_path(draft: Path) -> None:
    result = runner.invoke(app, ["check", str(draft), "--json"])
    findings = json.loads(result.output)["findings"]
    headings = {f["message"]: f["heading"] for f in findings}
    assert headings["【待补充：报告日期】"] == "落款"
    chapter = next(h for m, h in headings.items() if "偏差原因" in m)
    assert chapter.startswith("三、") and chapter.count(" › ") == 2


def test_the_text_output_says_under_which_heading(draft: Path) -> None:
    result = runner.invoke(app, ["check", str(draft)])
    assert "[待补充] 落款 › 第2段「【待补充：报告日期】」：【待补充：报告日期】" in result.output
