"""Output file names made from data (unit names in a workbook): nothing that disguises the
name, hides the file, makes it a Windows device or too long for a file system."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reportgen.api import RenderOptions
from reportgen.data.sources import RawData
from reportgen.features.batch import run as batch
from reportgen.support.filenames import MAX_NAME_BYTES, safe_stem
from samples import MINIMAL


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("某县司法局", "某县司法局"),
        ("某县 司法局/办公室", "某县_司法局_办公室"),
        ("报告\u202excod.exe", "报告xcod.exe"),
        ("\u2066某县\u2069\u200e\u200f\u202a\u202b\u202c\u202d司法局", "某县司法局"),
        ("某\u200b县\ufeff司法局", "某县司法局"),
        ("某县\x00\x07\x1b司法局", "某县司法局"),
        ("~$某县司法局", "某县司法局"),
        ("~$~$.某县", "某县"),
        (".hidden", "hidden"),
        ("某县司法局. . .", "某县司法局"),
        ("CON", "CON_"),
        ("nul", "nul_"),
        ("Com1", "Com1_"),
        ("LPT9.年报", "LPT9_.年报"),
        ("CONSOLE", "CONSOLE"),
        ("conout$", "conout$_"),
        ("...", "unit"),
        ("\u202e", "unit"),
        ("", "unit"),
    ],
)
def test_names_from_data_become_safe_file_names(name: str, stem: str) -> None:
    assert safe_stem(name) == stem


@pytest.mark.parametrize("name", ["县" * 300, "a" * 1000, "😀" * 100, "县a" * 150])
def test_overlong_names_are_cut_at_a_character_boundary(name: str) -> None:
    stem = safe_stem(name)
    assert 0 < len(stem.encode("utf-8")) <= MAX_NAME_BYTES and name.startswith(stem)


def test_batch_names_workbook_units_safely(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = tmp_path / "units.xlsx"
    book.write_bytes(b"")
    data = yaml.safe_load(MINIMAL)
    names = ["报告\u202excod.exe", "~$某县", "CON", "县" * 300]
    monkeypatch.setattr(batch, "_workbook_units", lambda path: [RawData(f"{path}#{n}", data) for n in names])
    jobs, failures = batch.plan([book], RenderOptions())
    assert not failures
    outputs = [job.output for job in jobs]
    assert outputs[:3] == ["报告xcod.exe.docx", "某县.docx", "CON_.docx"]
    assert len(outputs[3].encode("utf-8")) <= MAX_NAME_BYTES + len(".docx")
