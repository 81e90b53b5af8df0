"""The comments ``update`` adds say what changed (reportgen.revise.comment_texts, .numbers).

A paragraph's comment lists the figures whose values changed, each with the words that name
it, before the new text; a table's comment names each changed cell by indicator and column.
"""

from __future__ import annotations

from evaluation_header import HEADER
from reportgen.revise.comment_texts import changed_paragraph, changed_table, removed, unchangeable
from reportgen.revise.merge import merge
from reportgen.revise.model import Baseline, Cells, DraftBlock, Generated
from reportgen.revise.numbers import changed_figures, changes_sentence, figures_in, label_before
from reportgen.revise.plan import Annotate, RowChange

OLD = "2022年年初预算数1520.50万元，全年预算数1690.55万元，全年执行数1690.55万元，预算执行率100.00%。"
NEW = "2022年年初预算数1520.50万元，全年预算数1690.55万元，全年执行数1521.50万元，预算执行率90.00%。"


def table(*actuals: tuple[str, str]) -> Cells:
    return (HEADER, *(("", "产出指标", "数量指标", name, "90%", actual, "10", "10", "") for name, actual in actuals))


def test_a_figure_is_named_by_the_words_before_it() -> None:
    assert [(f.label, f.text) for f in figures_in(OLD)] == [
        ("年初预算数", "1520.50万元"),  # 年 belongs to 2022
        ("全年预算数", "1690.55万元"),
        ("全年执行数", "1690.55万元"),
        ("预算执行率", "100.00%"),
    ]
    text = "调解成功率为99%，占全年预算数的0.47%"
    assert label_before(text, text.index("99")) == "调解成功率"
    assert label_before(text, text.index("0.47")) == "占全年预算数"


def test_only_the_figures_that_changed_are_listed_in_order() -> None:
    assert (
        changes_sentence(OLD, NEW) == "数据有变化：全年执行数 1690.55万元 → 1521.50万元；预算执行率 100.00% → 90.00%。"
    )


def test_figures_line_up_by_their_words_when_a_figure_comes_or_goes() -> None:
    old = "全年执行数100.00万元，执行率100.00%。"
    new = "全年执行数90.00万元，其中结转5.00万元，执行率90.00%。"
    assert [(a.text, b.text) for a, b in changed_figures(old, new)] == [
        ("100.00万元", "90.00万元"),
        ("100.00%", "90.00%"),
    ]


def test_with_no_figure_to_compare_the_comment_says_only_that_the_data_changed() -> None:
    assert changes_sentence("评价等级为“良”。", "评价等级为“优”。") == "数据有变化。"


def test_a_paragraph_comment_lists_the_changes_then_the_new_text() -> None:
    assert changed_paragraph(OLD, NEW) == (
        "数据有变化：全年执行数 1690.55万元 → 1521.50万元；预算执行率 100.00% → 90.00%。"
        f"您修改过本段，所以未改动它。本段按最新数据生成的文字是：\n{NEW}"
    )
    assert unchangeable(OLD, NEW).startswith("数据有变化：全年执行数 1690.55万元 → 1521.50万元；")
    assert unchangeable(OLD, NEW).endswith(f"本段按最新数据生成的文字是：\n{NEW}")


def test_merge_gives_an_edited_paragraph_the_comment_with_its_changes() -> None:
    baseline, fresh = Baseline((Generated("p", OLD),)), Baseline((Generated("p", NEW),))
    (operation,) = merge(baseline, [DraftBlock("p", OLD + "编辑补充。")], fresh).operations
    assert operation == Annotate("p", changed_paragraph(OLD, NEW))


def test_a_table_comment_names_the_indicator_and_the_column() -> None:
    old = table(("法律援助案件", "97.2%"), ("调解纠纷", "99%"))
    new = table(("法律援助案件", "94.5%"), ("调解纠纷", "99%"))
    text = changed_table(old, new, [RowChange(1, 1)])
    assert text == (
        "数据有变化，您修改过本表，所以未改动它。按最新数据，本表应改为："
        "指标“法律援助案件”的实际完成值：97.2% → 94.5%。"
    )


def test_a_table_comment_names_rows_that_come_and_go() -> None:
    old = table(("法律援助案件", "97%"), ("调解纠纷", "99%"))
    new = table(("法律援助案件", "97%"), ("普法宣传", "100%"))
    text = changed_table(old, new, [RowChange(2, None), RowChange(None, 2)])
    assert "删去指标“调解纠纷”一行" in text and "新增一行“ | 产出指标 | 数量指标 | 普法宣传 |" in text


def test_a_row_with_merged_cells_is_named_by_its_grid_columns() -> None:
    old = (*table(("调解纠纷", "99%")), ("总分", "100", "98", "等级：优"))
    new = (*table(("调解纠纷", "99%")), ("总分", "100", "97", "等级：优"))
    grid = (tuple(range(9)), tuple(range(9)), (0, 6, 7, 8))
    assert "第3行“总分”的得分：98 → 97" in changed_table(old, new, [RowChange(2, 2)], grid)
    assert "第3行“总分”第3格：98 → 97" in changed_table(old, new, [RowChange(2, 2)])  # no grid: no header guessed


def test_an_emptied_cell_is_shown_as_empty() -> None:
    text = changed_table(table(("调解纠纷", "99%")), table(("调解纠纷", "")), [RowChange(1, 1)])
    assert "指标“调解纠纷”的实际完成值：99% → （空）" in text


def test_merge_gives_an_edited_table_the_comment_naming_its_cells() -> None:
    old, new = table(("法律援助案件", "97.2%")), table(("法律援助案件", "94.5%"))
    edited = table(("法律援助案件", "97.2%（编辑注）"))
    (operation,) = merge(
        Baseline((Generated.table("t", old),)),
        [DraftBlock("t", Generated.table("t", edited).text, edited)],
        Baseline((Generated.table("t", new),)),
    ).operations
    assert isinstance(operation, Annotate) and "指标“法律援助案件”的实际完成值：97.2% → 94.5%" in operation.text


def test_a_removed_block_keeps_its_comment() -> None:
    assert removed(False) == "按最新数据，本段已不再生成。您修改过本段，所以保留了它；如不再需要，请删除本段。"
    assert removed(True).startswith("按最新数据，本表已不再生成。")
