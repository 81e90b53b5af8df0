"""Reading a PDF rendered by LibreOffice back as pages of positioned text lines (pdftotext)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from reportgen.features.pdf import find_soffice, pdf_bytes
from samples import ROOT

FONTS_CONF = ROOT / "ci" / "fonts.conf"
MM = 72 / 25.4
_NS = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Line:
    """One text line: its box in points and its text."""

    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str

    @property
    def height(self) -> float:
        return self.y_max - self.y_min


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    lines: tuple[Line, ...]

    def body(self, top_mm: float = 37, bottom_mm: float = 35) -> list[Line]:
        """Lines inside the type area (not the footer)."""
        low, high = top_mm * MM - 2, self.height - bottom_mm * MM + 2
        return [line for line in self.lines if low <= line.y_min <= high]

    def footer(self, bottom_mm: float = 35) -> list[Line]:
        return [line for line in self.lines if line.y_min > self.height - bottom_mm * MM + 2]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def require_libreoffice() -> None:
    """Skip without LibreOffice and poppler on a developer machine; fail in CI, which installs them."""
    missing = [
        tool for tool, found in (("soffice", find_soffice()), ("pdftotext", shutil.which("pdftotext"))) if not found
    ]
    if missing and os.environ.get("CI"):
        pytest.fail(f"CI must install {', '.join(missing)} (.ci/run does)")
    if missing:
        pytest.skip(f"needs {', '.join(missing)}")


def render_pdf(docx: Path) -> bytes:
    os.environ["FONTCONFIG_FILE"] = str(FONTS_CONF)
    return pdf_bytes(docx)


def read_pages(pdf: bytes) -> list[Page]:
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "in.pdf", Path(folder) / "out.html"
        source.write_bytes(pdf)
        subprocess.run(["pdftotext", "-bbox-layout", str(source), str(target)], check=True)
        root = ET.parse(target).getroot()
    pages = []
    for number, page in enumerate(root.iter(f"{_NS}page"), 1):
        lines = [
            Line(
                float(line.get("xMin", 0)),
                float(line.get("yMin", 0)),
                float(line.get("xMax", 0)),
                float(line.get("yMax", 0)),
                "".join(word.text or "" for word in line.iter(f"{_NS}word")),
            )
            for line in page.iter(f"{_NS}line")
        ]
        lines.sort(key=lambda line: (round(line.y_min), line.x_min))
        pages.append(Page(number, float(page.get("width", 0)), float(page.get("height", 0)), tuple(lines)))
    return pages
