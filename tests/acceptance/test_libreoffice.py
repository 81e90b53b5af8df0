"""Proof in a real client: the examples rendered by LibreOffice read as a typeset 公文.

CI installs LibreOffice, CJK fonts and poppler (.ci/run); on a machine without them these
tests are skipped, in CI they fail.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pdfpages import Page, read_pages, render_pdf, require_libreoffice
from reportgen.api import Renderer, load
from reportgen.docx import read_outline
from samples import LINGLING, LINGLING_PROJECT

pytestmark = [pytest.mark.libreoffice, pytest.mark.rendering]
BODY_GLYPH_PT = 14  # 3号 (16 pt) text boxes are about 20 pt high; table text (五号) about 11 pt


def _rendered(data: Path, folder: Path) -> tuple[bytes, list[Page]]:
    require_libreoffice()
    docx = folder / "report.docx"
    docx.write_bytes(Renderer().render(load(data)))
    return docx.read_bytes(), read_pages(render_pdf(docx))


@pytest.fixture(scope="module")
def lingling(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, list[Page]]:
    return _rendered(LINGLING, tmp_path_factory.mktemp("lingling"))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, list[Page]]:
    return _rendered(LINGLING_PROJECT, tmp_path_factory.mktemp("project"))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("example", ["lingling", "project"])
def test_every_numbered_heading_appears_in_order(example: str, request: pytest.FixtureRequest) -> None:
    docx, pages = request.getfixturevalue(example)
    expected = [text for label, text in read_outline(docx) if label.startswith("heading")]
    assert expected[0].startswith("一、")
    text = _squash("\n".join(page.text for page in pages))
    position = 0
    for heading in expected:
        found = text.find(_squash(heading), position)
        assert found >= 0, f"heading {heading!r} missing or out of order"
        position = found + len(_squash(heading))


def test_a_full_body_page_has_22_lines(lingling: tuple[bytes, list[Page]]) -> None:
    _, pages = lingling
    text_pages = [page for page in pages if all(line.height > BODY_GLYPH_PT for line in page.body())]
    counts = [len({round(line.y_min) for line in page.body()}) for page in text_pages]
    assert max(counts) == 22, counts
    assert sum(1 for count in counts if count == 22) >= 3


def test_a_full_body_line_has_28_characters(lingling: tuple[bytes, list[Page]]) -> None:
    _, pages = lingling
    full_width = [
        line.text for page in pages for line in page.body() if line.text and all(ord(ch) > 0x2000 for ch in line.text)
    ]
    lengths = [len(text) for text in full_width]
    assert max(lengths) == 28, max(full_width, key=len)
    assert lengths.count(28) >= 10


def test_page_numbers_alternate_right_and_left(lingling: tuple[bytes, list[Page]]) -> None:
    _, pages = lingling
    for page in pages:
        (number,) = [line for line in page.footer() if re.fullmatch(r"—\s*\d+\s*—", line.text)]
        assert int(re.sub(r"\D", "", number.text)) == page.number
        if page.number % 2:
            assert number.x_min > page.width / 2, f"page {page.number}: odd page number on the right"
        else:
            assert number.x_max < page.width / 2, f"page {page.number}: even page number on the left"


def test_indicator_table_that_fits_a_page_is_kept_on_one(lingling: tuple[bytes, list[Page]]) -> None:
    """Its groups are kept together, so the short table moves whole to the next page; the header
    repeating on every page of a long one is proven in test_table_layout."""
    _, pages = lingling
    with_header = [page.number for page in pages if "三级指标" in page.text]
    assert len(with_header) == 1, with_header
    assert "等级：" in pages[with_header[0] - 1].text


def test_project_table_renders_with_its_money_block(project: tuple[bytes, list[Page]]) -> None:
    _, pages = project
    text = _squash("\n".join(page.text for page in pages))
    assert "项目支出绩效自评表" in text and "139.11%" in text


def test_a_heading_inserted_by_an_editor_renumbers_the_ones_after_it(tmp_path: Path) -> None:
    require_libreoffice()
    import docx

    document = docx.Document(str(_write(tmp_path / "report.docx")))
    chapter = next(
        p for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1" and p.text == "支出情况"
    )
    inserted = chapter.insert_paragraph_before("新增一章", style=chapter.style)
    assert inserted.text == "新增一章"
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    text = _squash("\n".join(page.text for page in read_pages(render_pdf(edited))))
    for heading in ("一、基本情况", "二、新增一章", "三、支出情况", "四、绩效情况", "六、下一步改进措施"):
        assert heading in text
    assert [t for label, t in read_outline(edited.read_bytes()) if label == "heading1"][1:3] == [
        "二、新增一章",
        "三、支出情况",
    ]


def _write(path: Path) -> Path:
    path.write_bytes(Renderer().render(load(LINGLING)))
    return path
