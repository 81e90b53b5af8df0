"""The three-way merge (reportgen.revise.merge) as a table of cases, built from plain values.

Each row gives what was generated (the baseline), what the editor's draft holds now and what
the new render generates, and the exact plan: one row per decision of merge.py's table.
``P(key, text)`` is a generated paragraph, ``T(key, rows)`` a generated table; ``D(key, text)``
a draft paragraph (``key=None``: the editor's own) and ``DT(key, rows)`` a draft table.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from reportgen.revise.merge import merge
from reportgen.revise.model import Baseline, Cells, DraftBlock, Generated
from reportgen.revise.plan import (
    Annotate,
    Delete,
    Forget,
    Insert,
    Keep,
    LineChange,
    Operation,
    Replace,
    ReviseTable,
    RowChange,
)


def P(key: str, text: str) -> Generated:
    return Generated(key, text)


def T(key: str, cells: Cells) -> Generated:
    return Generated.table(key, cells)


def D(key: str | None, text: str) -> DraftBlock:
    return DraftBlock(key, text)


def DT(key: str, cells: Cells) -> DraftBlock:
    return DraftBlock(key, T(key, cells).text, cells)


OLD_TABLE: Cells = (("指标", "分值"), ("数量", "10"), ("质量", "20"))
CHANGED_CELL: Cells = (("指标", "分值"), ("数量", "12"), ("质量", "20"))
ROW_ADDED: Cells = (*OLD_TABLE, ("时效", "5"))
ROW_DROPPED: Cells = (("指标", "分值"), ("质量", "20"))
EDITED_TABLE: Cells = (("指标", "分值"), ("数量", "十"), ("质量", "20"))

CHANGED_TEXT = "数据有变化：执行率 99% → 98%。您修改过本段，所以未改动它。本段按最新数据生成的文字是：\n执行率98%。"
REMOVED_PARAGRAPH = "按最新数据，本段已不再生成。您修改过本段，所以保留了它；如不再需要，请删除本段。"
REMOVED_TABLE = "按最新数据，本表已不再生成。您修改过本表，所以保留了它；如不再需要，请删除本表。"
CHANGED_TABLE = "数据有变化，您修改过本表，所以未改动它。按最新数据，本表应改为：第2行“数量”的分值：10 → 12。"

Case = tuple[Sequence[Generated], Sequence[DraftBlock], Sequence[Generated], tuple[Operation, ...]]

CASES: dict[str, Case] = {
    # paragraphs: the editor left them as generated
    "untouched, same render: kept": (
        [P("a", "执行率99%。")],
        [D("a", "执行率99%。")],
        [P("a", "执行率99%。")],
        (Keep("a"),),
    ),
    "untouched, new text: tracked replacement": (
        [P("a", "执行率99%。")],
        [D("a", "执行率99%。")],
        [P("a", "执行率98%。")],
        (Replace("a", "执行率99%。", "执行率98%。", ((3, 6, 3, 6),)),),
    ),
    "untouched, gone from the render: tracked deletion": (
        [P("a", "甲"), P("b", "乙")],
        [D("a", "甲"), D("b", "乙")],
        [P("a", "甲")],
        (Keep("a"), Delete("b")),
    ),
    # paragraphs the editor changed
    "edited, same render: kept": (
        [P("a", "执行率99%。")],
        [D("a", "执行率约99%。")],
        [P("a", "执行率99%。")],
        (Keep("a"),),
    ),
    "edited to exactly the new text: kept, no comment": (
        [P("a", "执行率99%。")],
        [D("a", "执行率98%。")],
        [P("a", "执行率98%。")],
        (Keep("a"),),
    ),
    "edited, new text: kept with a comment giving it": (
        [P("a", "执行率99%。")],
        [D("a", "执行率约99%。")],
        [P("a", "执行率98%。")],
        (Annotate("a", CHANGED_TEXT),),
    ),
    "edited, gone from the render: kept as the editor's own, with a comment": (
        [P("a", "甲")],
        [D("a", "甲，另")],
        [],
        (Annotate("a", REMOVED_PARAGRAPH), Forget("a")),
    ),
    # blocks of the editor, and blocks the editor deleted
    "added by the editor: kept where it is": (
        [P("a", "甲")],
        [D("a", "甲"), D(None, "编辑加的段落")],
        [P("a", "甲")],
        (Keep("a"),),
    ),
    "a key the baseline never had counts as the editor's": (
        [P("a", "甲")],
        [D("a", "甲"), D("x", "复制来的")],
        [P("a", "甲")],
        (Keep("a"),),
    ),
    "deleted by the editor: stays deleted, even with new text": (
        [P("a", "甲"), P("b", "乙")],
        [D("a", "甲")],
        [P("a", "甲"), P("b", "乙乙")],
        (Keep("a"),),
    ),
    # blocks new in this render
    "new block: inserted after the nearest block before it": (
        [P("a", "甲"), P("b", "乙")],
        [D("a", "甲"), D("b", "乙")],
        [P("a", "甲"), P("n", "新"), P("b", "乙")],
        (Keep("a"), Keep("b"), Insert("n", after="a")),
    ),
    "new block at the start: inserted before the first block the draft has": (
        [P("a", "甲")],
        [D("a", "甲")],
        [P("n", "新"), P("a", "甲")],
        (Keep("a"), Insert("n", before="a")),
    ),
    "new block after a deleted one: anchored on the block the draft still has": (
        [P("a", "甲"), P("b", "乙")],
        [D("a", "甲")],
        [P("a", "甲"), P("b", "乙"), P("n", "新")],
        (Keep("a"), Insert("n", after="a")),
    ),
    "two new blocks: the second follows the first": (
        [P("a", "甲")],
        [D("a", "甲")],
        [P("a", "甲"), P("n", "新"), P("m", "又")],
        (Keep("a"), Insert("n", after="a"), Insert("m", after="n")),
    ),
    "new blocks and nothing left to anchor on: at the end": ([P("a", "甲")], [], [P("n", "新")], (Insert("n"),)),
    "a key reused for a table: the paragraph counts as gone": (
        [P("a", "甲")],
        [D("a", "甲")],
        [T("a", OLD_TABLE)],
        (Delete("a"),),
    ),
    # tables, compared on all their cells
    "table untouched, same render: kept": (
        [T("t", OLD_TABLE)],
        [DT("t", OLD_TABLE)],
        [T("t", OLD_TABLE)],
        (Keep("t"),),
    ),
    "table untouched, a changed cell: a tracked change in that cell": (
        [T("t", OLD_TABLE)],
        [DT("t", OLD_TABLE)],
        [T("t", CHANGED_CELL)],
        (ReviseTable("t", (RowChange(1, 1, (LineChange(1, 0, "10", "12", ((0, 2, 0, 2),)),)),)),),
    ),
    "table untouched, a row added: a tracked row insertion at the end": (
        [T("t", OLD_TABLE)],
        [DT("t", OLD_TABLE)],
        [T("t", ROW_ADDED)],
        (ReviseTable("t", (RowChange(None, 3),)),),
    ),
    "table untouched, a row dropped: a tracked row deletion": (
        [T("t", OLD_TABLE)],
        [DT("t", OLD_TABLE)],
        [T("t", ROW_DROPPED)],
        (ReviseTable("t", (RowChange(1, None),)),),
    ),
    "table untouched, a row with other cells: replaced whole": (
        [T("t", OLD_TABLE)],
        [DT("t", OLD_TABLE)],
        [T("t", (("指标", "分值"), ("数量", "10", "注"), ("质量", "20")))],
        (ReviseTable("t", (RowChange(1, 1, None),)),),
    ),
    "table untouched, a cell with more lines: its row replaced whole": (
        [T("t", OLD_TABLE)],
        [DT("t", OLD_TABLE)],
        [T("t", (("指标", "分值"), ("数量", "10\n件"), ("质量", "20")))],
        (ReviseTable("t", (RowChange(1, 1, None),)),),
    ),
    "table untouched, gone from the render: tracked deletion": (
        [T("t", OLD_TABLE)],
        [DT("t", OLD_TABLE)],
        [],
        (Delete("t"),),
    ),
    "table edited, new cells: kept with a comment listing the changes": (
        [T("t", OLD_TABLE)],
        [DT("t", EDITED_TABLE)],
        [T("t", CHANGED_CELL)],
        (Annotate("t", CHANGED_TABLE),),
    ),
    "table edited, same render: kept": (
        [T("t", OLD_TABLE)],
        [DT("t", EDITED_TABLE)],
        [T("t", OLD_TABLE)],
        (Keep("t"),),
    ),
    "table edited, gone from the render: kept as the editor's own, with a comment": (
        [T("t", OLD_TABLE)],
        [DT("t", EDITED_TABLE)],
        [],
        (Annotate("t", REMOVED_TABLE), Forget("t")),
    ),
}


@pytest.mark.parametrize(("baseline", "draft", "fresh", "plan"), CASES.values(), ids=CASES.keys())
def test_merge(
    baseline: Sequence[Generated], draft: Sequence[DraftBlock], fresh: Sequence[Generated], plan: tuple[Operation, ...]
) -> None:
    assert merge(Baseline(tuple(baseline)), draft, Baseline(tuple(fresh))).operations == plan


def test_a_long_table_comment_lists_twelve_changes_then_etc() -> None:
    old: Cells = tuple((f"项{i}", "1") for i in range(14))
    new: Cells = tuple((f"项{i}", "2") for i in range(14))
    edited = DraftBlock("t", "改过", old)
    (annotate,) = merge(Baseline((T("t", old),)), [edited], Baseline((T("t", new),))).operations
    assert isinstance(annotate, Annotate)
    assert annotate.text.count("→") == 12
    assert annotate.text.endswith("；等。")
