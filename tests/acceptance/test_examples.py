"""Every example is a test: it validates, and its committed report is what reportgen makes now."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.api import Renderer, load
from reportgen.docx import read_outline, read_tables
from samples import EXAMPLES

DATA_FILES = sorted(EXAMPLES.glob("*/data.yaml"))


def test_there_are_examples() -> None:
    assert len(DATA_FILES) >= 2


@pytest.mark.parametrize("data", DATA_FILES, ids=lambda p: p.parent.name)
def test_example_is_valid(data: Path) -> None:
    checked = load(data)
    assert checked.errors == []


@pytest.mark.parametrize("data", DATA_FILES, ids=lambda p: p.parent.name)
def test_committed_report_is_up_to_date(data: Path) -> None:
    committed = data.parent / "report.docx"
    fresh = Renderer().render(load(data))
    assert committed.exists(), f"run: reportgen render {data} -o {committed} --force"
    old = committed.read_bytes()
    assert (read_outline(old), read_tables(old)) == (read_outline(fresh), read_tables(fresh)), (
        f"regenerate with: reportgen render {data} -o {committed} --force")
