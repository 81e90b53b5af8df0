"""Units for the summary's tests: synthetic data (benchmarks/synthetic.py) written as YAML
files, renamed, coded or dated as a test needs, and the batch run on them."""

from __future__ import annotations

import copy
import io
import sys
from pathlib import Path
from typing import Any

import yaml
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from reportgen.api import RenderOptions
from reportgen.features.batch.reports import batch_reports
from reportgen.features.batch.run import BatchResult
from samples import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import _plain, unit_data

__all__ = ["batch", "column", "sheet_of", "unit", "write_unit"]


def unit(index: int, *, year: int = 2023, name: str = "", code: str = "", broken: bool = False) -> dict[str, Any]:
    """Synthetic unit ``index`` (its scores depend on the index only), optionally renamed, coded or broken."""
    data = copy.deepcopy(unit_data(index, year))
    if name:
        data["unit"]["name"] = name
    if code:
        data["unit"]["code"] = code
    if broken:
        data["budget"]["executed"] = "一百万"
    return data


def write_unit(folder: Path, stem: str, data: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.yaml"
    path.write_text(yaml.safe_dump(_plain(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def batch(inputs: list[Path], out: Path, bureau: str = "") -> BatchResult:
    """``reportgen batch`` on ``inputs`` into ``out`` (one worker), as the CLI runs it."""
    return batch_reports(inputs, out, RenderOptions(), jobs=1, bureau=bureau)


def sheet_of(workbook: Path | bytes) -> Worksheet:
    source = io.BytesIO(workbook) if isinstance(workbook, bytes) else workbook
    (sheet,) = load_workbook(source).worksheets
    return sheet


def column(sheet: Worksheet, title: str) -> int:
    """The 1-based column of 汇总.xlsx headed ``title``."""
    headers = [cell.value for cell in sheet[1]]
    return headers.index(title) + 1
