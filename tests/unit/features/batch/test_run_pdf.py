"""Batch --pdf bookkeeping: a PDF beside each report, a unit whose PDF fails fails alone (its
.docx stays) and is done again next time. The converter here is a stand-in; the real one is
tested in tests/acceptance/test_batch_pdf.py."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportgen.errors import OutputError
from reportgen.features.batch import run
from reportgen.features.batch.run import run_batch
from reportgen.features.pdf_server import ConverterPool
from samples import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import write_units

pytestmark = pytest.mark.rendering
FAKE_PDF = b"%PDF-1.6 stand-in"


class Converting:
    """Makes a stand-in PDF of every report but those named in ``failing``."""

    def __init__(self, failing: set[str]) -> None:
        self.failing = failing
        self.converted: list[str] = []

    def pdf_bytes(self, docx: Path) -> bytes:
        self.converted.append(docx.name)
        if docx.stem in self.failing:
            raise OutputError(f"LibreOffice 未能把 {docx} 转换为 PDF：请用 LibreOffice 打开该文件检查。")
        return FAKE_PDF


@pytest.fixture
def converter(monkeypatch: pytest.MonkeyPatch) -> Converting:
    stand_in = Converting({"unit0002"})

    @contextlib.contextmanager
    def pool(offices: int) -> Iterator[ConverterPool]:
        converters = ConverterPool([stand_in])
        try:
            yield converters
        finally:
            converters.close()

    monkeypatch.setattr(run, "pdf_pool", pool)
    return stand_in


def test_each_report_gets_its_pdf_and_a_failed_pdf_fails_only_its_unit(converter: Converting, tmp_path: Path) -> None:
    write_units(tmp_path / "in", 3)
    result = run_batch([tmp_path / "in"], tmp_path / "out", jobs=1, pdf=True)
    status = {Path(u.output).stem: u.status for u in result.units}
    assert status == {"unit0001": "ok", "unit0002": "failed", "unit0003": "ok"}
    assert (tmp_path / "out" / "unit0001.pdf").read_bytes() == FAKE_PDF
    assert not (tmp_path / "out" / "unit0002.pdf").exists()
    assert (tmp_path / "out" / "unit0002.docx").is_file()  # the report itself was made
    failed = next(u for u in result.units if u.status == "failed")
    assert failed.problems[0].startswith("报告已生成，但 PDF 未能生成：LibreOffice 未能把")


def test_a_rerun_converts_only_the_unit_whose_pdf_failed(converter: Converting, tmp_path: Path) -> None:
    write_units(tmp_path / "in", 3)
    run_batch([tmp_path / "in"], tmp_path / "out", jobs=1, pdf=True)
    converter.failing.clear()
    converter.converted.clear()
    again = run_batch([tmp_path / "in"], tmp_path / "out", jobs=1, pdf=True)
    assert converter.converted == ["unit0002.docx"]
    assert [u.status for u in again.units].count("skipped") == 2


def test_without_pdf_nothing_is_converted(converter: Converting, tmp_path: Path) -> None:
    write_units(tmp_path / "in", 2)
    run_batch([tmp_path / "in"], tmp_path / "out", jobs=1)
    assert converter.converted == []
    assert not list((tmp_path / "out").glob("*.pdf"))
