"""The api functions the commands call: one call per command, observers for what is shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.api import Checked, Renderer, RenderOptions, init_data, init_workbook, render_report, render_unit
from reportgen.data.sources import read_data
from reportgen.errors import DataError, OutputError
from samples import LINGLING, MINIMAL


def test_render_report_shows_the_issues_before_it_refuses(tmp_path: Path, write_yaml) -> None:  # type: ignore[no-untyped-def]
    seen: list[Checked] = []
    bad = write_yaml(MINIMAL.replace("year: 2023", "year: 二〇二三"))
    with pytest.raises(DataError):
        render_report(bad, tmp_path / "r.docx", on_checked=seen.append)
    assert len(seen) == 1 and seen[0].errors and not (tmp_path / "r.docx").exists()


def test_render_report_refuses_an_existing_further_output_before_writing(tmp_path: Path) -> None:
    out, pdf = tmp_path / "r.docx", tmp_path / "r.pdf"
    pdf.write_bytes(b"someone's PDF")
    with pytest.raises(OutputError):
        render_report(LINGLING, out, also=(pdf,))
    assert not out.exists() and pdf.read_bytes() == b"someone's PDF"
    checked = render_report(LINGLING, out, RenderOptions(checks_appendix=False))
    assert checked.ok and out.read_bytes()[:2] == b"PK"


def test_render_unit_renders_valid_data_only(write_yaml) -> None:  # type: ignore[no-untyped-def]
    renderer = Renderer()
    assert (render_unit(renderer, LINGLING).docx or b"")[:2] == b"PK"
    invalid = render_unit(renderer, read_data(write_yaml(MINIMAL.replace("year: 2023", "year: 二〇二三"))))
    assert invalid.docx is None and invalid.checked.errors


def test_init_keeps_what_the_user_edited(tmp_path: Path) -> None:
    path = init_data(tmp_path)
    assert init_data(tmp_path, force=True) == path  # identical: replaced
    path.write_text(path.read_text(encoding="utf-8") + "\n# mine\n", encoding="utf-8")
    with pytest.raises(OutputError):
        init_data(tmp_path, force=True)
    made = init_workbook(tmp_path / "表.xlsx", path)
    assert made.path.exists() and made.unplaced == []
