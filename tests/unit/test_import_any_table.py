"""The mapper on any table: whatever the cells say and however they are merged, it gives data or
says in Chinese that nothing could be imported — never an exception — and what it gives is checked
without one."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.api.checking import check_data
from reportgen.data.importing.mapper import import_tables
from reportgen.data.importing.synonyms import (
    BLOCK_LABELS,
    COLUMN_LABELS,
    FIELD_LABELS,
    MONEY_MEASURES,
    MONEY_PARTS,
    STOP_LABELS,
)
from reportgen.errors import DataError
from reportgen.support.grid import TableDocument, build_grid

LABELS = sorted(
    {
        word
        for table in (BLOCK_LABELS, COLUMN_LABELS, FIELD_LABELS, MONEY_MEASURES, MONEY_PARTS, STOP_LABELS)
        for words in table.values()
        for word in words
    }
)
VALUES = [
    "",
    "",
    "",
    "524.31",
    "2557.36万元",
    "16,905,537.09",
    "≥300件",
    "400-500人",
    "100%",
    "10分",
    "优良差",
    "1500元/人*86人",
    "2023年",
    "14万",
    "参考率98%以上，优秀率90%以上",
    "……",
    "<p>一是</p><p>二是</p>",
    "产出指标",
    "效益指标",
    "满意度指标（10分）",
    "数量指标",
    "社会效益指标",
    "服务对象满意度指标",
    "某县司法局",
    "135-某县司法局部门",
    "合计",
    "=",
    "定性",
    "件",
    "（≥，人）",
    "1e999",
    "-5",
    "NaN",
    "99999999999999999999999",
    "目标1: 甲 目标2: 乙",
]
CELL = st.one_of(st.sampled_from(LABELS), st.sampled_from(VALUES), st.text(max_size=12))
ROWS = st.lists(st.lists(CELL, min_size=1, max_size=8), min_size=1, max_size=14)
CAPTIONS = st.lists(
    st.sampled_from(
        [
            "2024年部门整体支出绩效目标表",
            "项目支出绩效自评表",
            "（2022年度）",
            "金额单位：万元",
            "填报单位：某县司法局",
            "",
        ]
    ),
    max_size=3,
)


@st.composite
def grids(draw: st.DrawFn) -> tuple[list[list[str]], list[tuple[int, int, int, int]], tuple[str, ...]]:
    rows = draw(ROWS)
    if draw(st.booleans()):  # an indicator header somewhere, so that indicator runs are read too
        header = ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分", "指标性质", "度量单位"]
        rows.insert(draw(st.integers(0, len(rows))), draw(st.permutations(header)))
    height, width = len(rows), max(len(r) for r in rows)
    merges = []
    for _ in range(draw(st.integers(0, 4))):
        top, left = draw(st.integers(0, height - 1)), draw(st.integers(0, width - 1))
        merges.append((top, left, draw(st.integers(top, height - 1)), draw(st.integers(left, width - 1))))
    return rows, merges, tuple(draw(CAPTIONS))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(grids(), min_size=1, max_size=3))
def test_any_table_imports_or_is_refused_in_chinese(
    tables: list[tuple[list[list[str]], list[tuple[int, int, int, int]], tuple[str, ...]]],
) -> None:
    document = TableDocument(
        "任意.docx",
        tuple(
            build_grid(f"第{i + 1}个表格", rows, merges, caption=caption)
            for i, (rows, merges, caption) in enumerate(tables)
        ),
    )
    try:
        result = import_tables(document)
    except DataError as refused:
        assert "导入" in refused.render()
        return
    for table in result.tables:
        checked = check_data(table.raw("任意.docx"))
        assert all(issue.message for issue in checked.issues)
        assert all(u.place and u.reason for u in table.unmapped)
