"""汇总报告.docx as a 财政局 reviewer reads it: every table captioned, equal scores ranked
equally (并列), sorted lists that say how, numbers aligned alike, no file or field paths,
and a 落款 with the bureau and the date."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from typer.testing import CliRunner

from pdfpages import read_pages, render_pdf, require_libreoffice
from reportgen.api import Renderer, RenderOptions
from reportgen.cli import app
from reportgen.features.batch.run import BatchResult, UnitResult
from reportgen.features.batch.summary import DOCX_NAME, summary_files
from reportgen.features.batch.summary_report import BUREAU_PLACEHOLDER, DATE_PLACEHOLDER, ranks
from summary_units import batch, unit, write_unit

DECEMBER_1_2025 = "1764547200"


def ok(name: str, total: str, rate: str = "96.00%", unmet: tuple[str, ...] = ()) -> UnitResult:
    executed = (Decimal(rate[:-1]) * 10).quantize(Decimal("0.01"))
    return UnitResult(
        f"数据/{name}.yaml",
        f"{name}.docx",
        "ok",
        unit=name,
        year=2023,
        kind="department",
        budget="1000.00",
        executed=str(executed),
        total=total,
        grade="优" if Decimal(total) >= 90 else "良",
        execution_rate=rate,
        execution_low=Decimal(rate[:-1]) < 90,
        unmet=list(unmet),
    )


UNITS = [
    ok("乙县司法局", "90.00"),
    ok("丁县民政局", "80.50", rate="85.25%", unmet=("服务对象满意度",)),
    ok("甲县财政局", "95.00"),
    ok("丙县文旅局", "90.00", unmet=("培训人员数量", "普法宣传活动场次")),
    UnitResult(
        "/home/clerk/数据/戊县水利局.yaml",
        "戊县水利局.docx",
        "failed",
        unit="戊县水利局",
        year=2023,
        problems=["第22行第13列: budget.executed（全年执行数）: 应填写数字"],
        notes=["错误：全年执行数：应填写数字。", "提示：绩效指标第2项的偏差原因分析及改进措施：请填写。"],
    ),
]


def document(bureau: str = "", monkeypatch: pytest.MonkeyPatch | None = None) -> docx.document.Document:
    if monkeypatch is not None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", DECEMBER_1_2025)
    files = summary_files(BatchResult(list(UNITS), Path()), Renderer(RenderOptions()).stylesheet, bureau)
    return docx.Document(io.BytesIO(files[DOCX_NAME]))


def body(doc: docx.document.Document) -> list[DocxParagraph | DocxTable]:
    return list(doc.iter_inner_content())


def tables(doc: docx.document.Document) -> list[tuple[str, DocxTable]]:
    """Each table with the paragraph right above it."""
    items = body(doc)
    return [
        (items[i - 1].text if isinstance(items[i - 1], DocxParagraph) else "", item)
        for i, item in enumerate(items)
        if isinstance(item, DocxTable)
    ]


def cells(table: DocxTable) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_equal_scores_share_a_rank() -> None:
    assert ranks([Decimal(s) for s in ("95", "90", "90", "80.5")]) == [1, 2, 2, 4]
    assert ranks([Decimal(s) for s in ("90", "90", "90")]) == [1, 1, 1]


def test_every_table_is_captioned_in_order() -> None:
    captions = [caption for caption, _ in tables(document())]
    assert captions[0] == "表1 各单位自评得分情况"
    assert captions[1] == "表2 各单位评价等级分布"
    assert [c.split(" ", 1)[0] for c in captions] == [f"表{n}" for n in range(1, len(captions) + 1)]
    assert len(captions) == 5  # ranking, grades, low execution, unmet indicators, failed units


def test_the_ranking_is_sorted_by_score_then_name_and_ties_are_ranked_equally() -> None:
    doc = document()
    (_, ranking), *_ = tables(doc)
    rows = cells(ranking)
    assert rows[0][:3] == ["排名", "单位名称", "总分"]
    assert [row[:3] for row in rows[1:]] == [
        ["1", "甲县财政局", "95.00"],
        ["2", "丙县文旅局", "90.00"],  # 丙 before 乙: equal scores by name
        ["2", "乙县司法局", "90.00"],
        ["4", "丁县民政局", "80.50"],
    ]
    said = [p.text for p in doc.paragraphs if p.text.startswith("下表按")]
    assert said == ["下表按总分从高到低排列，总分相同的按单位名称排序，排名并列；金额单位：万元。"]
    assert "戊县水利局" not in [row[1] for row in rows]  # a failed unit is not ranked


def test_numbers_are_right_aligned_with_two_decimals_in_every_table() -> None:
    decimal = re.compile(r"^\d+(\.\d+)?%?$")
    seen = 0
    for _, table in tables(document()):
        for row in list(table.rows)[1:]:
            for cell in row.cells[1:]:  # the first column is a rank or a name
                if decimal.match(cell.text) and "." in cell.text:
                    assert re.match(r"^\d+\.\d{2}%?$", cell.text), cell.text
                    assert cell.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT, cell.text
                    seen += 1
    assert seen > 20


def test_the_attention_lists_say_how_they_are_sorted() -> None:
    found = {caption: cells(table) for caption, table in tables(document())}
    low = found["表3 预算执行率低于90%的单位"]
    assert [row[0] for row in low[1:]] == ["丁县民政局"]
    unmet = found["表4 有未完成指标的单位"]
    assert [row[0] for row in unmet[1:]] == ["丁县民政局", "丙县文旅局"]
    failed = found["表5 未能生成报告的单位"]
    assert failed[1] == ["戊县水利局", "全年执行数：应填写数字。"]  # errors only; the warnings are in 汇总.xlsx


def test_no_file_paths_or_field_paths_reach_the_report() -> None:
    text = "\n".join(p.text for p in document().paragraphs) + "".join(
        cell.text for _, table in tables(document()) for row in table.rows for cell in row.cells
    )
    for path in (".yaml", "/home", "数据/", "budget.", "第22行"):
        assert path not in text


def test_the_report_is_signed_by_the_bureau_and_dated(monkeypatch: pytest.MonkeyPatch) -> None:
    last = [p for p in document("永州市零陵区财政局", monkeypatch).paragraphs if p.text][-2:]
    assert [p.text for p in last] == ["永州市零陵区财政局", "2025年12月1日"]


def test_without_a_bureau_the_signature_is_a_placeholder_to_fill_in(monkeypatch: pytest.MonkeyPatch) -> None:
    name, date = [p for p in document("", monkeypatch).paragraphs if p.text][-2:]
    assert name.text == BUREAU_PLACEHOLDER == "【待补充：主管部门名称】" and date.text == "2025年12月1日"
    assert all(run.font.highlight_color is not None for run in name.runs)


def test_without_source_date_epoch_the_date_is_left_for_the_bureau(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not today's date: the same units give the same file on any day."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    (_, dated) = [p for p in document("财政局").paragraphs if p.text][-2:]
    assert dated.text == DATE_PLACEHOLDER == "【待补充：成文日期】"
    assert all(run.font.highlight_color is not None for run in dated.runs)


@pytest.mark.rendering
def test_reportgen_batch_signs_with_the_bureau_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DECEMBER_1_2025)
    source = write_unit(tmp_path / "数据", "unit1", unit(1))
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["batch", str(source), "-o", str(out), "--bureau", "零陵区财政局"])
    assert result.exit_code == 0, result.output
    signed = [p.text for p in docx.Document(str(out / DOCX_NAME)).paragraphs if p.text][-2:]
    assert signed == ["零陵区财政局", "2025年12月1日"]


@pytest.mark.rendering
@pytest.mark.libreoffice
def test_a_real_batchs_report_pages_read_as_a_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    require_libreoffice()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", DECEMBER_1_2025)
    data = tmp_path / "数据"
    for index in (1, 2, 3):
        write_unit(data, f"unit{index}", unit(index))
    write_unit(data, "unit4", unit(4, broken=True))
    batch([data], tmp_path / "out", bureau="永州市财政局")
    pages = read_pages(render_pdf(tmp_path / "out" / "汇总报告.docx"))
    text = "\n".join(page.text for page in pages)
    assert "2023年度绩效自评汇总报告" in text and "表1各单位自评得分情况" in text.replace(" ", "")
    assert "unit4" not in text and "budget" not in text and str(tmp_path) not in text
    assert unit(4)["unit"]["name"].split("（")[0] in text  # the failed unit, by its name (wrapped in its cell)
    signed = [line.text for line in pages[-1].body()][-2:]
    assert signed == ["永州市财政局", "2025年12月1日"]
