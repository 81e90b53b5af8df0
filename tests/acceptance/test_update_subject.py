"""``reportgen update`` refuses a draft of another unit, year or kind than the data, naming
both, and ``--other-subject`` lets it through; files that are no reportgen draft are told apart."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from drafting import render, views
from hostile import rezip
from reportgen.cli import app
from samples import MINIMAL

runner = CliRunner()
pytestmark = pytest.mark.rendering


def data_file(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def last_years_draft(tmp_path: Path) -> Path:
    draft = tmp_path / "2023年修改稿.docx"
    draft.write_bytes(render(data_file(tmp_path, "2023.yaml", MINIMAL)))
    return draft


@pytest.mark.parametrize(
    ("change", "current"),
    [
        (("year: 2023", "year: 2024"), "某县司法局 2024 年度部门整体支出"),
        (("{name: 某县司法局}", "{name: 某县公安局}"), "某县公安局 2023 年度部门整体支出"),
    ],
)
def test_update_refuses_another_units_or_years_data_naming_both(
    tmp_path: Path, last_years_draft: Path, change: tuple[str, str], current: str
) -> None:
    data = data_file(tmp_path, "other.yaml", MINIMAL.replace(*change))
    out = tmp_path / "out.docx"
    result = runner.invoke(app, ["update", str(data), str(last_years_draft), "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    assert f"修改稿是某县司法局 2023 年度部门整体支出的报告，当前数据是{current}的。" in result.output
    assert "--other-subject" in result.output and "Traceback" not in result.output


def test_other_subject_lets_it_through(tmp_path: Path, last_years_draft: Path) -> None:
    data = data_file(tmp_path, "2024.yaml", MINIMAL.replace("year: 2023", "year: 2024"))
    out = tmp_path / "out.docx"
    result = runner.invoke(app, ["update", str(data), str(last_years_draft), "-o", str(out), "--other-subject"])
    assert result.exit_code == 0, result.output
    assert any(text.startswith("某县司法局2024年度") for text in views(out.read_bytes()).texts())


def test_the_same_report_with_new_figures_is_no_other_subject(tmp_path: Path, last_years_draft: Path) -> None:
    data = data_file(tmp_path, "new.yaml", MINIMAL.replace("executed: 100", "executed: 90"))
    result = runner.invoke(app, ["update", str(data), str(last_years_draft), "-o", str(tmp_path / "out.docx")])
    assert result.exit_code == 0, result.output


def test_the_option_is_explained_in_chinese() -> None:
    result = runner.invoke(app, ["update", "--help"], terminal_width=200)
    assert "--other-subject" in result.output and "单位、年度或报告类型不同" in result.output


def test_a_doc_file_is_told_to_be_saved_as_docx(tmp_path: Path) -> None:
    data = data_file(tmp_path, "data.yaml", MINIMAL)
    old = tmp_path / "报告.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1000)
    result = runner.invoke(app, ["update", str(data), str(old), "-o", str(tmp_path / "out.docx")])
    assert result.exit_code == 2 and "另存为 .docx" in result.output


def test_a_foreign_docx_and_a_draft_without_its_record_are_told_apart(tmp_path: Path) -> None:
    data = data_file(tmp_path, "data.yaml", MINIMAL)
    foreign = io.BytesIO()
    docx.Document().save(foreign)
    (tmp_path / "foreign.docx").write_bytes(foreign.getvalue())
    (tmp_path / "stripped.docx").write_bytes(rezip(render(data), {"customXml/item1.xml": None}))
    outputs = {
        name: runner.invoke(app, ["update", str(data), str(tmp_path / name), "-o", str(tmp_path / "out.docx")])
        for name in ("foreign.docx", "stripped.docx")
    }
    assert all(result.exit_code == 2 for result in outputs.values())
    assert "不是由 reportgen 生成的" in outputs["foreign.docx"].output
    assert "reportgen render" in outputs["foreign.docx"].output
    assert "生成记录" in outputs["stripped.docx"].output and "已被删除或损坏" in outputs["stripped.docx"].output
