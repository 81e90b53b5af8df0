"""The command line as a user meets it: messages in Chinese, exit codes, no tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportgen.cli import app
from samples import LINGLING, MINIMAL, ROOT

runner = CliRunner()


@pytest.mark.rendering
def test_render_writes_the_report_and_says_so(tmp_path: Path) -> None:
    out = tmp_path / "报告.docx"
    result = runner.invoke(app, ["render", str(LINGLING), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:2] == b"PK"
    assert "综合得分 98 分" in result.output and "等级“优”" in result.output


@pytest.mark.rendering
def test_render_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    out = tmp_path / "报告.docx"
    out.write_bytes(b"editor's work")
    result = runner.invoke(app, ["render", str(LINGLING), "-o", str(out)])
    assert result.exit_code == 2
    assert "已存在" in result.output and "--force" in result.output
    assert out.read_bytes() == b"editor's work"
    forced = runner.invoke(app, ["render", str(LINGLING), "-o", str(out), "--force"])
    assert forced.exit_code == 2 and "不是可以覆盖的 reportgen 输出" in forced.output  # not ours: never replaced
    assert out.read_bytes() == b"editor's work"


@pytest.mark.rendering
def test_render_replaces_its_own_report_only_with_force(tmp_path: Path) -> None:
    out = tmp_path / "报告.docx"
    assert runner.invoke(app, ["render", str(LINGLING), "-o", str(out)]).exit_code == 0
    again = runner.invoke(app, ["render", str(LINGLING), "-o", str(out)])
    assert again.exit_code == 2 and "已存在" in again.output and "--force" in again.output
    assert runner.invoke(app, ["render", str(LINGLING), "-o", str(out), "--force"]).exit_code == 0
    assert out.read_bytes()[:2] == b"PK"


@pytest.mark.rendering
def test_render_leaves_no_temporary_files(tmp_path: Path) -> None:
    runner.invoke(app, ["render", str(LINGLING), "-o", str(tmp_path / "a.docx")])
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


@pytest.mark.rendering
def test_invalid_data_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    data = tmp_path / "bad.yaml"
    text = MINIMAL.replace("money_unit: 万元", "money_unit: 千元").replace("target: 100件", "target: ≥90%以下")
    data.write_text(text, encoding="utf-8")
    out = tmp_path / "bad.docx"
    result = runner.invoke(app, ["render", str(data), "-o", str(out)])
    assert result.exit_code == 1
    assert "money_unit（金额单位）" in result.output and "indicators[0].target（年度指标值）" in result.output
    assert not out.exists()


def test_malformed_yaml_gives_line_and_column_without_traceback(tmp_path: Path) -> None:
    data = tmp_path / "broken.yaml"
    data.write_text("format: reportgen/1\nunit: {name: 某单位\nyear: 2023\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "reportgen", "validate", str(data)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 1
    assert "第3行" in result.stderr and "YAML 格式错误" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 1 and "文件不存在" in result.output


@pytest.mark.rendering
def test_unknown_template_and_style_are_clear_errors(tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(LINGLING), "-o", str(tmp_path / "a.docx"), "--template", "xx"])
    assert result.exit_code == 2 and "可用的模板：hunan、standard" in result.output
    result = runner.invoke(app, ["render", str(LINGLING), "-o", str(tmp_path / "a.docx"), "--style", "xx"])
    assert result.exit_code == 2 and "没有名为“xx”的版式" in result.output


@pytest.mark.rendering
def test_help_is_in_chinese() -> None:
    result = runner.invoke(app, ["render", "--help"])
    assert "生成绩效自评报告" in result.output and "--force" in result.output


def test_python_dash_m_works() -> None:
    result = subprocess.run([sys.executable, "-m", "reportgen", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "reportgen" in result.stdout


@pytest.mark.rendering
def test_report_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    runner.invoke(app, ["render", str(LINGLING), "-o", str(out)])
    assert out.stat().st_mode & 0o044 == 0o044  # readable by group and others, like any saved file


@pytest.mark.rendering
def test_pdf_without_libreoffice_says_how_to_install(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PATH", str(tmp_path))
    out = tmp_path / "a.docx"
    result = runner.invoke(app, ["render", str(LINGLING), "-o", str(out), "--pdf"])
    assert result.exit_code == 2
    assert "未找到 LibreOffice" in result.output and "apt-get install libreoffice-writer" in result.output
    assert out.exists()  # the Word document is written all the same


@pytest.mark.rendering
def test_reference_docx_styles_are_used_and_gaps_reported(tmp_path: Path) -> None:
    import io
    import zipfile

    import docx
    from docx.shared import Pt

    reference = docx.Document()
    reference.styles["Heading 1"].font.size = Pt(18)
    path = tmp_path / "局样式.docx"
    reference.save(str(path))
    out = tmp_path / "a.docx"
    result = runner.invoke(app, ["render", str(LINGLING), "-o", str(out), "--reference-docx", str(path)])
    assert result.exit_code == 0, result.output
    assert "[提示] 参考文档中没有“公文正文”样式" in result.output
    styles = zipfile.ZipFile(io.BytesIO(out.read_bytes())).read("word/styles.xml").decode()
    assert 'w:sz w:val="36"' in styles  # the reference's 18 pt heading


@pytest.mark.rendering
def test_a_bad_reference_docx_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.docx"
    bad.write_text("not a word file", encoding="utf-8")
    result = runner.invoke(app, ["render", str(LINGLING), "-o", str(tmp_path / "a.docx"), "--reference-docx", str(bad)])
    assert result.exit_code == 2 and "错误" in result.output
    assert not (tmp_path / "a.docx").exists()


@pytest.mark.rendering
def test_style_file_can_switch_to_literal_numbers(tmp_path: Path) -> None:
    style = (ROOT / "styles" / "gbt9704.yaml").read_text(encoding="utf-8")
    custom = tmp_path / "literal.yaml"
    custom.write_text(style.replace("numbering: native", "numbering: literal"), encoding="utf-8")
    assert "numbering: literal" in custom.read_text(encoding="utf-8")
    out = tmp_path / "a.docx"
    assert runner.invoke(app, ["render", str(LINGLING), "-o", str(out), "--style", str(custom)]).exit_code == 0
    import io
    import zipfile

    document = zipfile.ZipFile(io.BytesIO(out.read_bytes())).read("word/document.xml").decode()
    assert "一、基本情况" in document  # typed into the heading, not a list number
