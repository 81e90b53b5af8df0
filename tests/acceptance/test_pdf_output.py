"""The PDF a clerk uploads: PDF/A-2b, tagged, every font embedded; a missing 公文 font is said.

Checked with the PDF's own metadata (pdfinfo, pdffonts from poppler; the XMP packet read from
the file's bytes — LibreOffice writes it uncompressed). veraPDF, the reference PDF/A
validator, is neither in Debian nor on PyPI, so full PDF/A validation is not run here.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from command import reportgen
from fontconfs import use_bare_fonts
from pdfpages import FONTS_CONF, render_pdf, require_libreoffice
from reportgen.api import Renderer, load
from reportgen.features.pdf_fonts import document_fonts, missing_font_warnings
from reportgen.features.pdf_server import pdf_converter
from samples import LINGLING

pytestmark = [pytest.mark.libreoffice, pytest.mark.rendering]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_libreoffice()
    docx = tmp_path_factory.mktemp("pdf") / "report.docx"
    docx.write_bytes(Renderer().render(load(LINGLING)))
    return docx


@pytest.fixture(scope="module")
def cold_pdf(report: Path) -> Path:
    target = report.with_name("cold.pdf")
    target.write_bytes(render_pdf(report))
    return target


@pytest.fixture(scope="module")
def warm_pdf(report: Path) -> Path:
    target = report.with_name("warm.pdf")
    with pdf_converter() as converter:
        target.write_bytes(converter.pdf_bytes(report))
    return target


@pytest.fixture
def bare_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A font configuration that names no stand-ins for the fonts of official documents."""
    use_bare_fonts(tmp_path, monkeypatch)


def _poppler(tool: str, pdf: Path) -> str:
    if shutil.which(tool) is None:
        pytest.skip(f"needs {tool} (poppler-utils)")
    return subprocess.run([tool, str(pdf)], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("made", ["cold_pdf", "warm_pdf"])
def test_the_pdf_declares_pdfa_2b_in_its_xmp_metadata(made: str, request: pytest.FixtureRequest) -> None:
    data = request.getfixturevalue(made).read_bytes()
    assert re.search(rb"pdfaid:part(>|=\")2", data)
    assert re.search(rb"pdfaid:conformance(>|=\")B", data)


@pytest.mark.parametrize("made", ["cold_pdf", "warm_pdf"])
def test_the_pdf_is_tagged(made: str, request: pytest.FixtureRequest) -> None:
    assert re.search(r"^Tagged:\s+yes$", _poppler("pdfinfo", request.getfixturevalue(made)), re.MULTILINE)


@pytest.mark.parametrize("made", ["cold_pdf", "warm_pdf"])
def test_every_font_of_the_pdf_is_embedded(made: str, request: pytest.FixtureRequest) -> None:
    rows = _poppler("pdffonts", request.getfixturevalue(made)).splitlines()[2:]
    assert rows, "the PDF uses no fonts at all"
    # columns: name type encoding emb sub uni object ID; the type may have two words
    assert all(row.split()[-5] == "yes" for row in rows), rows


def test_the_report_names_the_fonts_of_official_documents(report: Path) -> None:
    assert {"仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312"} <= set(document_fonts(report))


def test_no_font_warning_where_the_font_configuration_names_stand_ins(
    report: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FONTCONFIG_FILE", str(FONTS_CONF))
    assert missing_font_warnings(document_fonts(report)) == []


@pytest.mark.usefixtures("bare_fonts")
def test_a_missing_font_without_stand_in_is_named_with_the_face_used_instead(report: Path) -> None:
    warnings = missing_font_warnings(document_fonts(report))
    title = next(w for w in warnings if "“方正小标宋简体”" in w)
    assert title.startswith("本机没有字体“方正小标宋简体”")
    assert re.search(r"PDF 中改用“[^”]+”", title)
    assert "无衬线" in title or "Serif" in title  # a sans face for a serif font is called out


@pytest.mark.usefixtures("bare_fonts")
def test_render_pdf_prints_the_missing_font_warning(tmp_path: Path) -> None:
    require_libreoffice()
    done = reportgen("render", LINGLING, "-o", tmp_path / "report.docx", "--pdf")
    assert done.returncode == 0, done.stderr
    assert "本机没有字体“方正小标宋简体”" in done.stderr
    assert (tmp_path / "report.pdf").is_file()


def test_render_pdf_says_nothing_of_fonts_that_have_stand_ins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_libreoffice()
    monkeypatch.setenv("FONTCONFIG_FILE", str(FONTS_CONF))
    done = reportgen("render", LINGLING, "-o", tmp_path / "report.docx", "--pdf")
    assert done.returncode == 0, done.stderr
    assert "本机没有字体" not in done.stderr
