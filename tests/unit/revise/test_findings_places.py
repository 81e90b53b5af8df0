"""Findings in words an editor can act on (reportgen.revise.findings, .location, .expected).

Places: a paragraph by its number under its nearest heading and a quote Ctrl+F finds; a
cell by its table's title, the indicator and the column header. Figures: the right one only
when the regenerated text tells beyond doubt, else "请核对". Highlight left over typed text.
"""

from __future__ import annotations

import pytest

from evaluation_header import HEADER
from reportgen.revise.expected import expected
from reportgen.revise.findings import MAX_CORRECTED, Computed, check
from reportgen.revise.location import Place, cell_name, paragraph_location, quote, row_name
from reportgen.revise.model import Baseline, Cells, DraftBlock, Generated
from reportgen.revise.numbers import Figure, figures_in

INDICATORS: Cells = (
    HEADER,
    ("", "产出指标", "数量指标", "法律援助案件", "200件", "【待补充】", "10", "【待补充】", ""),
    ("", "", "", "调解纠纷", "500件", "520件", "10", "10", ""),
    ("总分", "100", "【待补充】", "等级：【待补充】"),
)
INDICATOR_GRID = (tuple(range(9)), tuple(range(9)), tuple(range(9)), (0, 6, 7, 8))
HEAD: Cells = (
    ("区级预算单位名称", "某县司法局"),
    ("年度预算申请（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"),
    ("", "年度资金总额", "524.31", "【待补充】", "【待补充】", "10", "【待补充】", "【待补充】"),
)


# ---- quotes and paragraph locations


def test_a_quote_is_the_start_of_the_paragraph_when_the_place_is_near_it() -> None:
    text = "偏差原因分析及改进措施：【待补充：“积极受理各类矛盾纠纷”的偏差原因分析及改进措施】"
    assert quote(text, text.index("【")) == "偏差原因分析及改进措施：【待补充：“积极…"
    assert quote("短句。") == "短句。"


def test_a_quote_far_into_a_long_paragraph_is_the_text_around_the_place() -> None:
    text = "2023年年初预算数524.31万元，全年预算数【待补充：全年预算数】，全年执行数【待补充：全年执行数】。"
    at = text.index("【待补充：全年执行数】")
    found = quote(text, at)
    assert found.startswith("…") and found.strip("…") in text and "【待补充：全年执行数" in found


def test_a_quote_never_starts_inside_a_number() -> None:
    text = "另据统计，预算执行率为99.99%，结余1.23万元。"
    assert quote(text, text.index("1.23")) == "…99.99%，结余1.23万元。"


def test_a_paragraph_is_numbered_under_its_heading_and_a_heading_is_named_as_one() -> None:
    assert paragraph_location(DraftBlock(None, "正文一句。"), Place("一、基本情况", 2)) == "第2段「正文一句。」"
    assert paragraph_location(DraftBlock("h", "自评结论"), Place("三、绩效情况", 0)) == "标题「自评结论」"
    assert paragraph_location(DraftBlock(None, ""), Place("", 3)) == "第3段后的空段落"


def test_a_finding_carries_its_heading_path_and_paragraph() -> None:
    blocks = [DraftBlock("k", "落款日期【待补充：报告日期】")]
    (finding,) = check(blocks, None, [], places=[Place("落款", 2)])
    assert (finding.heading, finding.location) == ("落款", "第2段「落款日期【待补充：报告日期】」")
    assert finding.place == "落款 › 第2段「落款日期【待补充：报告日期】」"


# ---- table cells


def test_an_indicator_cell_is_named_by_the_indicator_and_the_column() -> None:
    assert cell_name(INDICATORS, 1, 5) == "指标“法律援助案件”的实际完成值"
    assert cell_name(INDICATORS, 2, 7, INDICATOR_GRID) == "指标“调解纠纷”的得分"
    assert row_name(INDICATORS, 2) == "指标“调解纠纷”一行"


def test_the_total_row_lines_up_with_the_header_through_the_grid() -> None:
    assert cell_name(INDICATORS, 3, 2, INDICATOR_GRID) == "第4行“总分”的得分"
    assert cell_name(INDICATORS, 3, 3, INDICATOR_GRID) == "第4行“总分”的等级"  # the cell's own label
    assert cell_name(INDICATORS, 3, 2) == "第4行“总分”第3格"  # without the grid, no header is guessed


def test_other_tables_name_the_row_number_its_label_and_the_column() -> None:
    assert cell_name(HEAD, 2, 3) == "第3行“年度资金总额”的全年预算数"
    assert (
        cell_name((("甲", "乙"), ("1.推进依法治区和法治政府建设，开展全区普法宣传", "【待补充】")), 1, 1) == "第2行的乙"
    )


def test_a_table_finding_is_placed_by_its_title_and_cell() -> None:
    block = DraftBlock("t", "", cells=INDICATORS)
    found = check([block], None, [], places=[Place("附件1", 1, "部门整体支出绩效自评表", INDICATOR_GRID)])
    assert [f.location for f in found] == [
        "部门整体支出绩效自评表 › 指标“法律援助案件”的实际完成值",
        "部门整体支出绩效自评表 › 指标“法律援助案件”的得分",
        "部门整体支出绩效自评表 › 第4行“总分”的得分",
        "部门整体支出绩效自评表 › 第4行“总分”的等级",
    ]
    untitled = check([block], None, [], places=[Place("附件1", 2)])
    assert untitled[0].location == "第2个表格 › 指标“法律援助案件”的实际完成值"


def test_lines_of_one_cell_are_told_apart_by_a_quote() -> None:
    block = DraftBlock("t", "", cells=(("预期目标", "实际完成情况"), ("1.普法", "1.【待补充】\n2.【待补充】")))
    found = check([block], None, [], places=[Place("附件1", 1, "自评表")])
    assert [f.location for f in found] == [
        "自评表 › 第2行“1.普法”的实际完成情况「1.【待补充】」",
        "自评表 › 第2行“1.普法”的实际完成情况「2.【待补充】」",
    ]


# ---- highlight left over


def test_text_typed_over_a_placeholder_asks_for_the_highlight_to_go() -> None:
    baseline = Baseline((Generated("d", "【待补充：报告日期】"),))
    (finding,) = check([DraftBlock("d", "2024年3月1日", marks=((0, 10),))], baseline, [])
    assert finding.kind == "highlight" and finding.message == "已填写“2024年3月1日”，请取消突出显示。"


def test_highlight_the_editor_added_is_reported_as_highlight_not_as_filled() -> None:
    (finding,) = check([DraftBlock(None, "请核实这一句。", marks=((0, 4),))], None, [])
    assert finding.kind == "highlight" and finding.message == "突出显示的文字“请核实这”：如已处理，请取消突出显示。"


def test_a_placeholder_still_highlighted_is_one_finding_not_two() -> None:
    text = "日期：【待补充：报告日期】"
    (finding,) = check([DraftBlock("d", text, marks=((3, len(text)),))], None, [])
    assert finding.kind == "placeholder"


# ---- the correct figure


def one(text: str, kind: str = "amount") -> Figure:
    (found,) = [f for f in figures_in(text) if f.kind == kind]
    return found


def guess(typed_in: str, typed: str, regenerated: str | None, report: list[str]) -> str | None:
    figure = next(f for f in figures_in(typed_in) if f.text == typed)
    mine = [f for f in figures_in(typed_in) if f.kind == figure.kind]
    again = [f for f in figures_in(regenerated) if f.kind == figure.kind] if regenerated is not None else None
    everywhere = [f for t in report for f in figures_in(t) if f.kind == figure.kind]
    right = expected(figure, mine, again, everywhere)
    return right.text if right is not None else None


GENERATED = "全年预算数1690.55万元，全年执行数880.25万元，执行率52.07%。"
REPORT = [GENERATED, "项目支出442.93万元，占全年支出的26.20%。", "司法业务经费执行率29.17%。"]


@pytest.mark.parametrize(
    ("typed_in", "typed", "regenerated", "right"),
    [
        # a generated paragraph the editor changed: the same words in the regenerated paragraph
        ("全年预算数1690.55万元，全年执行数880.52万元，执行率52.07%。", "880.52万元", GENERATED, "880.25万元"),
        ("经核实全年执行数为880.52万元。", "880.52万元", GENERATED, "880.25万元"),
        # … the n-th of a label the paragraph uses twice
        (
            "基本支出1247.62万元，占全年支出的73.80%；项目支出442.93万元，占全年支出的26.20%。",
            "26.20%",
            "基本支出1247.62万元，占全年支出的82.00%；项目支出442.93万元，占全年支出的29.11%。",
            "29.11%",
        ),
        # … or the same position, when another figure confirms the positions line up
        ("预算1690.55万元，实际支出880.52万元。", "880.52万元", "预算1690.55万元，执行880.25万元。", "880.25万元"),
        # the only figure, named otherwise: its position alone proves nothing
        ("本年支出880.52万元。", "880.52万元", "全年执行数880.25万元。", None),
        # an editor's paragraph: the same words somewhere in the report, of the same magnitude
        ("另外，项目支出442.39万元。", "442.39万元", None, "442.93万元"),
        ("另外，项目支出44.39万元。", "44.39万元", None, None),  # ten times less: not the same figure
        ("预算执行率为99.99%。", "99.99%", None, None),  # 执行率 names three figures of the report
        ("结余1.23万元。", "1.23万元", None, None),  # never named in the report
        ("项目支出442.39元。", "442.39元", None, None),  # another unit
    ],
)
def test_the_correct_figure_is_given_only_when_it_can_be_known(
    typed_in: str, typed: str, regenerated: str | None, right: str | None
) -> None:
    assert guess(typed_in, typed, regenerated, REPORT) == right


def test_a_figure_finding_says_what_it_should_be_or_asks_to_check() -> None:
    baseline = Baseline((Generated("p", GENERATED),))
    computed = Computed.of(REPORT, [], keyed={"p": GENERATED})
    blocks = [
        DraftBlock("p", "全年预算数1690.55万元，全年执行数880.52万元，执行率52.07%。"),
        DraftBlock(None, "另据统计，预算执行率为99.99%。"),
    ]
    found = check(blocks, baseline, [], computed)
    assert [(f.message, f.expected) for f in found] == [
        ("金额“880.52万元”与数据不符，应为880.25万元。", "880.25万元"),
        ("百分比“99.99%”与按数据计算的结果不符，请核对。", ""),
    ]


def test_figures_typed_with_a_full_width_percent_sign_are_read_alike() -> None:
    assert one("执行率52.07％", "percent").text == "52.07%"
    computed = Computed.of(REPORT, [])
    assert check([DraftBlock(None, "执行率52.07％。")], None, [], computed) == []


def test_the_correct_figure_is_sought_for_a_bounded_number_of_doubtful_figures() -> None:
    text = "，".join(f"全年执行数{n}.52万元" for n in range(MAX_CORRECTED + 50))
    found = check([DraftBlock(None, text)], None, [], Computed.of(["全年执行数7.25万元。"], []))
    assert len(found) == MAX_CORRECTED + 50
    assert found[7].expected == "7.25万元" and not [f for f in found[MAX_CORRECTED:] if f.expected]


def test_a_figure_of_the_report_that_its_words_no_longer_name_is_stale() -> None:
    old, new = "全年预算数1690.55万元，全年执行数1690.55万元。", "全年预算数1690.55万元，全年执行数1521.50万元。"
    baseline = Baseline((Generated("p", old),))
    computed = Computed.of([new], [], keyed={"p": new})
    (finding,) = check([DraftBlock("p", old + "编辑补充。")], baseline, [], computed)
    assert finding.message == "金额“1690.55万元”与数据不符，全年执行数应为1521.50万元。"
    assert finding.location == "第1段「…1690.55万元，全年执行数1690.…」" and finding.expected == "1521.50万元"
    assert check([DraftBlock("p", new + "编辑补充。")], baseline, [], computed) == []
