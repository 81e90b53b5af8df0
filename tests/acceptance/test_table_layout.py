"""Proof in LibreOffice that the report tables fit their content and break across pages cleanly.

The examples (standard, project, hunan) are rendered to PDF and read back with
``pdftotext -bbox-layout``; each table is found by its title and the line that closes it,
and its lines are cut into cells by the gaps between words (``table_pages``).
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
import yaml

from pdfpages import MM, render_pdf, require_libreoffice
from reportgen.api import Renderer, RenderOptions, load
from samples import LINGLING, LINGLING_PROJECT
from table_pages import Segment, between, lonely, segments

pytestmark = [pytest.mark.libreoffice, pytest.mark.rendering]
LEFT_MARGIN_PT = 28 * MM
GAP_UNDER_TABLE_PT = 10  # text right under a table's bottom border is about 6 pt below its last line


def _render(data: Path, folder: Path, template: str = "standard") -> tuple[bytes, list[Segment]]:
    require_libreoffice()
    docx = folder / "report.docx"
    docx.write_bytes(Renderer(RenderOptions(template=template)).render(load(data)))
    return docx.read_bytes(), segments(render_pdf(docx))


@pytest.fixture(scope="module")
def standard(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, list[Segment]]:
    return _render(LINGLING, tmp_path_factory.mktemp("standard"))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, list[Segment]]:
    return _render(LINGLING_PROJECT, tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="module")
def hunan(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, list[Segment]]:
    return _render(LINGLING, tmp_path_factory.mktemp("hunan"), "hunan")


@pytest.fixture(scope="module")
def long_table(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, list[Segment]]:
    """The department example with each indicator split in four, so the 自评表 runs over pages."""
    folder = tmp_path_factory.mktemp("long")
    data = yaml.safe_load(LINGLING.read_text(encoding="utf-8"))
    data["indicators"] = [
        {**ind, "name": f"{ind['name']}（{part}）", "weight": ind["weight"] / 4, "score": ind["score"] / 4}
        for ind in data["indicators"]
        for part in "甲乙丙丁"
    ]
    path = folder / "data.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return _render(path, folder)


_PROJECTS = r"(表1)?项目支出执行情况"
_TABLES = {
    "standard": [("部门整体支出绩效自评表", "等级："), (_PROJECTS, "合计"), ("数据核对情况", None)],
    "project": [("项目支出绩效自评表", "等级："), (_PROJECTS, "合计"), ("数据核对情况", None)],
    "hunan": [("部门整体支出绩效自评表", "等级："), (_PROJECTS, "合计"), ("数据核对情况", None)],
}


@pytest.mark.parametrize("example", list(_TABLES))
def test_no_line_in_a_table_cell_holds_a_single_character(example: str, request: pytest.FixtureRequest) -> None:
    _, found = request.getfixturevalue(example)
    for first, last in _TABLES[example]:
        cells = [s for s in between(found, first, last) if s.y_max < 297 * MM - 35 * MM]
        assert len(cells) > 5, f"table {first} not found"
        alone = [(s.page, s.text) for s in cells if lonely(s)]
        assert not alone, f"{first}: lines of one character {alone}"


def test_the_self_evaluation_labels_read_whole(standard: tuple[bytes, list[Segment]]) -> None:
    _, found = standard
    texts = {s.text for s in between(found, "部门整体支出绩效自评表", "等级：")}
    assert {"二级指标", "三级指标", "绩效指标", "年度预算", "（万元）"} <= texts
    assert "400-500人" in texts  # a number keeps its unit


def test_the_indicator_label_reads_whole_on_every_page_of_a_long_table(
    long_table: tuple[bytes, list[Segment]],
) -> None:
    _, found = long_table
    table = between(found, "部门整体支出绩效自评表", "等级：")
    start = next(s.page for s in table if s.text == "绩效指标")
    pages = sorted({s.page for s in table if s.page >= start})
    assert len(pages) > 1, "the long 自评表 should run over more than one page"
    for page in pages:
        on_page = {s.text for s in table if s.page == page}
        assert "绩效指标" in on_page, f"page {page} has no whole 绩效指标 label"
        assert "三级指标" in on_page, f"page {page} does not repeat the header row"
        assert not {"绩效", "绩", "效"} & on_page, "the 绩效指标 label is cut"


def test_the_total_row_starts_in_the_first_column(standard: tuple[bytes, list[Segment]]) -> None:
    docx, found = standard
    grid = _indicator_grid(docx)
    total = next(s for s in found if s.text == "总分")
    expected = LEFT_MARGIN_PT + sum(grid[:-3]) / 20 / 2  # 总分 spans all but the last three columns
    assert abs(total.centre - expected) < 4, f"总分 centred at {total.centre:.1f} pt, expected {expected:.1f} pt"


@pytest.mark.parametrize("example", ["standard", "hunan"])
def test_text_after_a_table_has_space_above_it(example: str, request: pytest.FixtureRequest) -> None:
    _, found = request.getfixturevalue(example)
    table = between(found, _PROJECTS, "合计")
    last = table[-1]
    after = next(s for s in found[found.index(last) + 1 :] if s.y_min > last.y_max + 1 or s.page > last.page)
    if after.page == last.page:
        assert after.y_min - last.y_max >= GAP_UNDER_TABLE_PT, f"{after.text!r} sits right under the table"


def _indicator_grid(docx: bytes) -> list[int]:
    document = zipfile.ZipFile(BytesIO(docx)).read("word/document.xml").decode()
    table = next(t for t in re.findall(r"<w:tbl>.*?</w:tbl>", document) if "总分" in t)
    return [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', table)]
