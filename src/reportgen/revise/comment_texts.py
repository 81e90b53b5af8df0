"""The words of the comments ``update`` adds: what changed, and what reportgen would write now.

A paragraph's comment lists the figures that changed between the old and the new generated
text first ("数据有变化：全年执行数 1690.55万元 → 1521.50万元；执行率 100.00% → 90.00%。"),
then gives the new text; a table's comment names each changed cell by its indicator and
column ("指标“法律援助案件”的实际完成值：97.2% → 94.5%"), as :mod:`reportgen.revise.location`
names cells.
"""

from __future__ import annotations

from reportgen.revise.location import CellNames, Grid
from reportgen.revise.model import Cells
from reportgen.revise.numbers import changes_sentence
from reportgen.revise.plan import RowChange

MAX_LISTED = 12
_EMPTY = "（空）"


def changed_paragraph(old: str, new: str) -> str:
    """The comment on a paragraph the editor changed whose generated text changed from ``old`` to ``new``."""
    return f"{changes_sentence(old, new)}您修改过本段，所以未改动它。本段按最新数据生成的文字是：\n{new}"


def unchangeable(old: str, new: str) -> str:
    """The comment on an untouched paragraph that holds what reportgen cannot change (fields, pictures …)."""
    return (
        f"{changes_sentence(old, new)}本段含有 reportgen 不能改动的内容（如域、图片、脚注），所以未改动它。"
        f"本段按最新数据生成的文字是：\n{new}"
    )


def removed(is_table: bool) -> str:
    """The comment on a block the editor changed that the new data no longer generates."""
    what = "本表" if is_table else "本段"
    return f"按最新数据，{what}已不再生成。您修改过{what}，所以保留了它；如不再需要，请删除{what}。"


def changed_table(old: Cells, new: Cells, rows: list[RowChange], grid: Grid | None = None) -> str:
    """The comment on a table the editor changed whose generated cells changed; ``rows`` aligns
    them, ``grid`` (the new cells' grid columns) lines merged rows up with the header."""
    old_names, new_names = CellNames(old), CellNames(new, grid)
    changes: list[str] = []
    for row in rows:
        if row.old is not None and row.new is not None:
            changes += [
                f"{new_names.cell(row.new, c)}：{a or _EMPTY} → {b or _EMPTY}"
                for c, (a, b) in enumerate(zip(old[row.old], new[row.new], strict=False))
                if a != b
            ]
        elif row.new is not None:
            changes.append(f"新增一行“{' | '.join(new[row.new])}”")
        elif row.old is not None:
            changes.append(f"删去{old_names.row(row.old)}")
    listed = "；".join(changes[:MAX_LISTED]) + ("；等" if len(changes) > MAX_LISTED else "")
    return f"数据有变化，您修改过本表，所以未改动它。按最新数据，本表应改为：{listed}。"
