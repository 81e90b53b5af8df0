"""Measuring table text and fitting column widths to it (reportgen.render.tables.fit)."""

from __future__ import annotations

import pytest

from reportgen.render.blocks import LINE_BREAK, Cell, Row, Table
from reportgen.render.tables.fit import (
    TableFrame,
    break_label,
    fit_table,
    fit_tables,
    fit_widths,
    lonely,
    min_em,
    pieces,
    refill,
    text_em,
    without_unused_columns,
    wrap,
)

FRAME = TableFrame(width_pt=442.2, size_pt=10.5, spacing_pt=-0.25)


def test_cjk_is_one_em_latin_and_digits_half() -> None:
    assert text_em("二级指标") == 4
    assert text_em("1690.55") == 3.5
    assert text_em("（万元）") == 4


def test_a_quarter_em_separates_cjk_from_a_digit_next_to_it() -> None:
    assert text_em("500件") == 1.5 + 1 + 0.25


@pytest.mark.parametrize(
    ("text", "piece"),
    [("1690.55", "1690.55"), ("400-500人", "400-500人"), ("年度预算申请（万元）", "（万元）"), ("≧90%", "≧90%")],
)
def test_numbers_with_their_unit_and_bracketed_units_are_one_piece(text: str, piece: str) -> None:
    assert piece in pieces(text)


def test_punctuation_stays_with_the_character_before_it() -> None:
    assert "问、" in pieces("法律顾问、律师")


def test_the_renderer_may_break_a_number_from_its_unit() -> None:
    assert pieces("400-500人", renderer=True) == ["400-500", "人"]


def test_wrap_breaks_between_pieces_greedily() -> None:
    assert wrap("为政府聘请法律顾问", 4) == ["为政府聘", "请法律顾", "问"]


def test_a_line_of_one_character_is_lonely_but_a_number_with_a_unit_is_not() -> None:
    assert lonely(["二级指", "标"])
    assert lonely(["产出指标（50", "分）"])
    assert not lonely(["产出指标", "（50分）"])
    assert not lonely(["标"])  # a text of one line is what it is


@pytest.mark.parametrize(
    ("label", "width", "lines"),
    [
        ("二级指标", 4, ["二级指标"]),
        ("二级指标", 3, ["二级", "指标"]),
        ("偏差原因分析及改进措施", 7, ["偏差原因分析及", "改进措施"]),
        ("年度预算申请（万元）", 6, ["年度预算申请", "（万元）"]),
        ("预算单位名称", 4, ["预算单位", "名称"]),
        ("年度指标值", 4, ["年度", "指标值"]),
    ],
)
def test_a_label_breaks_at_natural_points_never_leaving_one_character(
    label: str, width: float, lines: list[str]
) -> None:
    assert break_label(label, width) == lines


def test_refill_moves_a_piece_down_to_a_lonely_last_line() -> None:
    assert refill("服务对象满意度指标", 4) == ["服务对象", "满意度", "指标"]


def test_a_short_label_is_never_narrower_than_itself() -> None:
    assert min_em(Cell("二级指标", bold=True)) == 4
    assert min_em(Cell("400-500人")) == text_em("400-500人")
    assert min_em(Cell("偏差原因分析及改进措施", bold=True)) <= 4  # it may be broken


def test_widths_fill_the_type_area_and_respect_every_minimum() -> None:
    rows = (
        Row((Cell("序号", bold=True), Cell("项目名称", bold=True), Cell("预算数（万元）", bold=True)), header=True),
        Row((Cell("1"), Cell("律师代理费（为政府代付）"), Cell("120.00"))),
    )
    widths = fit_widths(rows, 3, FRAME)
    assert sum(widths) == round(FRAME.width_pt * 20)
    assert widths[0] < widths[2] < widths[1]  # the name holds the most text
    assert FRAME.em_of(widths[2] / 20) >= text_em("（万元）")


def test_fit_table_writes_the_breaks_a_narrow_label_needs() -> None:
    narrow = TableFrame(width_pt=120, size_pt=10.5)
    header = Row((Cell("偏差原因分析及改进措施", bold=True), Cell("分值", bold=True)), header=True)
    table = fit_table(
        Table(
            (1, 1),
            (header, Row((Cell("提升群众满意度"), Cell("10")))),
        ),
        narrow,
    )
    cell = table.rows[0].cells[0]
    assert cell.text == "偏差原因分析及改进措施"  # the text itself is unchanged
    assert LINE_BREAK in cell.typeset and cell.typeset.replace(LINE_BREAK, "") == cell.text
    assert not lonely(cell.typeset.split(LINE_BREAK))


def test_tables_fitted_together_share_one_grid() -> None:
    one = Table((1, 1), (Row((Cell("年度总体目标", bold=True), Cell("很长的一段预期目标文字" * 3))),))
    two = Table((1, 1), (Row((Cell("一级指标", bold=True), Cell("分值"))),))
    fitted = fit_tables((one, two), FRAME)
    assert fitted[0].widths == fitted[1].widths
    assert fitted[0].widths == fit_widths((*one.rows, *two.rows), 2, FRAME)


def test_a_grid_column_no_cell_edge_uses_is_merged_away() -> None:
    rows = (Row((Cell("绩效指标", 3),)), Row((Cell("一级指标", 2), Cell("分值"))))
    table = without_unused_columns(Table((10, 20, 30), rows))
    assert table.widths == (30, 30)
    assert [[c.colspan for c in row.cells] for row in table.rows] == [[2], [1, 1]]
