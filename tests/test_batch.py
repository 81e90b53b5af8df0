"""Batch runs: every good unit rendered, bad ones listed, unchanged ones skipped, summaries written."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import LINGLING, ROOT
from reportgen.batch import MANIFEST, run_batch
from reportgen.cli import app
from reportgen.docxwriter import read_outline, read_tables

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import write_units

runner = CliRunner()


@pytest.fixture
def units(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    write_units(folder, 6, broken_every=4)
    return folder


def test_batch_renders_good_units_and_lists_bad_ones(units: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_batch([units], out, jobs=2)
    statuses = {u.source.rsplit("/", 1)[-1]: u.status for u in result.units}
    assert statuses == {"unit0001.yaml": "ok", "unit0002.yaml": "ok", "unit0003.yaml": "ok",
                        "unit0004.yaml": "failed", "unit0005.yaml": "ok", "unit0006.yaml": "ok"}
    (failed,) = result.failed
    assert any("budget.executed" in p and "应填写数字" in p for p in failed.problems)
    assert sorted(p.name for p in out.glob("*.docx")) == [f"unit000{i}.docx" for i in (1, 2, 3, 5, 6)]


def test_unchanged_units_are_skipped_and_changed_ones_redone(units: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([units], out, jobs=1)
    again = run_batch([units], out, jobs=1)
    assert [u.status for u in again.units] == ["skipped"] * 3 + ["failed"] + ["skipped"] * 2
    assert again.units[0].total  # the summary row survives the skip
    changed = units / "unit0002.yaml"
    changed.write_text(changed.read_text(encoding="utf-8").replace("year: 2023", "year: 2024"), encoding="utf-8")
    third = run_batch([units], out, jobs=1)
    assert [u.status for u in third.units][:2] == ["skipped", "ok"]
    assert [u.status for u in run_batch([units], out, jobs=1, force=True).units].count("ok") == 5


def test_a_file_the_batch_did_not_write_is_not_overwritten(units: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "unit0001.docx").write_bytes(b"an editor's draft")
    result = run_batch([units], out, jobs=1)
    assert result.units[0].status == "failed" and "已存在" in result.units[0].problems[0]
    assert (out / "unit0001.docx").read_bytes() == b"an editor's draft"


def test_manifest_records_fingerprints(units: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([units], out, jobs=1)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["units"]) == {f"unit000{i}.docx" for i in (1, 2, 3, 5, 6)}


def test_cli_batch_writes_reports_and_both_summaries(units: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(units), str(LINGLING), "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 1  # one unit is broken
    assert "[失败]" in result.output and "unit0004.yaml" in result.output
    assert "共 7 个单位：生成 6 份" in result.output
    assert (out / "data.docx").exists()  # the example, named after its file
    summary = (out / "汇总报告.docx").read_bytes()
    outline = read_outline(summary)
    assert ("heading1", "一、总体情况") in outline
    assert any(label == "picture" or "评价等级分布图" in text for label, text in outline)
    ranking = next(t for t in read_tables(summary) if t[0][:2] == ["排名", "单位名称"])
    assert len(ranking) == 1 + 6
    assert (out / "汇总.xlsx").exists()


def test_cli_batch_exits_zero_when_all_units_succeed(tmp_path: Path) -> None:
    result = runner.invoke(app, ["batch", str(LINGLING), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "失败 0 份" in result.output
