"""Every example is a test: it validates, its outline is the committed ``outline.txt``, and its
committed ``report.docx`` is what reportgen makes now, byte for byte.

``examples/<name>/outline.txt`` is the golden outline (see ``tests/helpers/golden.py``): text a
reviewer reads in a diff. After a deliberate change of the output, regenerate the outlines with
``REPORTGEN_UPDATE_GOLDEN=1 python -m pytest tests/acceptance/test_examples.py`` and the reports
with ``reportgen render examples/<name>/data.yaml -o examples/<name>/report.docx --force``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from golden import outline_text
from reportgen.api import Renderer, load
from samples import EXAMPLES

DATA_FILES = sorted(EXAMPLES.glob("*/data.yaml"))
UPDATE = os.environ.get("REPORTGEN_UPDATE_GOLDEN") == "1"

pytestmark = pytest.mark.rendering


def test_there_are_examples() -> None:
    assert len(DATA_FILES) >= 2


@pytest.mark.parametrize("data", DATA_FILES, ids=lambda p: p.parent.name)
def test_example_is_valid(data: Path) -> None:
    checked = load(data)
    assert checked.errors == []


@pytest.mark.parametrize("data", DATA_FILES, ids=lambda p: p.parent.name)
def test_outline_is_the_golden_one(data: Path) -> None:
    golden = data.parent / "outline.txt"
    fresh = outline_text(Renderer().render(load(data)))
    if UPDATE:
        golden.write_text(fresh, encoding="utf-8")
    assert golden.exists(), f"run: REPORTGEN_UPDATE_GOLDEN=1 python -m pytest {__file__}"
    assert golden.read_text(encoding="utf-8") == fresh, "regenerate with REPORTGEN_UPDATE_GOLDEN=1 (see docstring)"


@pytest.mark.parametrize("data", DATA_FILES, ids=lambda p: p.parent.name)
def test_rendering_is_deterministic_and_the_committed_report_is_current(data: Path) -> None:
    committed = data.parent / "report.docx"
    checked = load(data)
    first, second = Renderer().render(checked), Renderer().render(checked)
    assert first == second
    assert committed.exists(), f"run: reportgen render {data} -o {committed} --force"
    assert committed.read_bytes() == first, f"regenerate with: reportgen render {data} -o {committed} --force"
