"""The table fit gives exactly the widths and line breaks it gave before it was made faster.

``fit_reference`` is reportgen.render.tables.fit as it was (issue 16); the fit now remembers
where a line's wrapping changes with the width and skips trials that cannot win, and must
still agree with it on every column width and every ``Cell.typeset``: on random tables of
CJK, Latin, digit and punctuation texts, and on the tables of every example and fixture
and of the batch summary.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import fit_reference
from reportgen.api import Renderer, load
from reportgen.features.batch.summary_report import summary_document
from reportgen.render import tables as report_tables_module
from reportgen.render.blocks import Cell, Row, Table, VMerge
from reportgen.render.tables import fit, report_tables, self_evaluation
from reportgen.render.tables.fit import TableFrame, fit_tables
from samples import EXAMPLES, FIXTURES
from summary_units import batch, unit, write_unit

_WORDS = (
    "二级指标",
    "产出指标",
    "满意度",
    "服务对象满意度指标",
    "年度预算申请（万元）",
    "及",
    "和",
    "、",
    "：",
    "。",
    "，",
    "（50分）",
    "【待补充】",
    "1690.55",
    "400-500人",
    "≥90%",
    "100%",
    "约30万元",
    "12件",
    "ABC",
    "Word",
    "x",
    " ",
    "标",
    "(",
    ")",
    "“",
    "”",
)
_CHARS = "法律顾问律师普法工作公职人员参考率办理案件社会稳定良好一二三0123456789.%-aZ，。、；：？！（）《》 "
_TEXT = st.lists(st.one_of(st.sampled_from(_WORDS), st.text(_CHARS, min_size=1, max_size=6)), max_size=14).map("".join)
_CELL_TEXT = st.lists(_TEXT, min_size=1, max_size=3).map("\n".join)
_FRAMES = st.builds(
    TableFrame,
    width_pt=st.floats(min_value=120, max_value=520, allow_nan=False),
    size_pt=st.sampled_from((9.0, 10.5, 12.0)),
    spacing_pt=st.sampled_from((0.0, -0.25)),
)


@st.composite
def _tables(draw: st.DrawFn) -> tuple[Table, ...]:
    columns = draw(st.integers(min_value=1, max_value=9))
    count = draw(st.integers(min_value=1, max_value=2))
    return tuple(
        Table(tuple([10] * columns), tuple(draw(st.lists(_row(columns), min_size=1, max_size=8)))) for _ in range(count)
    )


@st.composite
def _row(draw: st.DrawFn, columns: int) -> Row:
    cells = []
    left = columns
    while left:
        span = draw(st.integers(min_value=1, max_value=min(left, 4)))
        text = draw(st.one_of(st.just(""), _CELL_TEXT))
        vmerge: VMerge = draw(st.sampled_from((None, None, None, "restart", "continue")))
        cells.append(Cell(text, span, vmerge, bold=draw(st.booleans())))
        left -= span
    return Row(tuple(cells), header=draw(st.booleans()))


def _same_as_reference(tables: tuple[Table, ...], frame: TableFrame) -> None:
    assert fit.fit_widths(_rows(tables), len(tables[0].widths), frame) == fit_reference.fit_widths(
        _rows(tables), len(tables[0].widths), frame
    )
    assert fit_tables(tables, frame) == fit_reference.fit_tables(tables, frame)


def _rows(tables: tuple[Table, ...]) -> Iterator[Row]:
    return (row for table in tables for row in table.rows)


@settings(max_examples=300, deadline=None)
@given(_tables(), _FRAMES)
def test_random_tables_get_the_same_widths_and_line_breaks(tables: tuple[Table, ...], frame: TableFrame) -> None:
    _same_as_reference(tables, frame)


@settings(max_examples=100, deadline=None)
@given(_tables(), st.lists(_FRAMES, min_size=2, max_size=4))
def test_a_table_fitted_again_in_other_frames_gets_the_same_widths(
    tables: tuple[Table, ...], frames: list[TableFrame]
) -> None:
    for frame in frames:  # what the fit remembers of one frame must not change another's
        _same_as_reference(tables, frame)


def _data_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*/data.yaml")) + sorted((FIXTURES / "valid").glob("*.yaml"))


def _unfitted_report_tables(data: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple[tuple[Table, ...], TableFrame]]:
    """The tables ``report_tables`` fits for ``data`` (the 自评表's two parts together), before fitting."""
    seen: list[tuple[tuple[Table, ...], TableFrame]] = []

    def spy(tables: tuple[Table, ...], frame: TableFrame) -> tuple[Table, ...]:
        seen.append((tuple(tables), frame))
        return fit_tables(tables, frame)

    monkeypatch.setattr(self_evaluation, "fit_tables", spy)
    monkeypatch.setattr(report_tables_module, "fit_table", lambda table, frame: spy((table,), frame)[0])
    checked = load(data)
    assert checked.report is not None and checked.figures is not None
    frame = TableFrame.of(Renderer().stylesheet)
    report_tables(checked.report, checked.figures, checked.warnings, frame)
    return seen


@pytest.mark.parametrize("data", _data_files(), ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_example_and_fixture_table_gets_the_same_widths_and_line_breaks(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fitted = _unfitted_report_tables(data, monkeypatch)
    assert len(fitted) >= 2  # the 自评表 and the checks at least
    narrower = TableFrame(fitted[0][1].width_pt * 0.7, fitted[0][1].size_pt, fitted[0][1].spacing_pt)
    for tables, frame in fitted:
        _same_as_reference(tables, frame)
        _same_as_reference(tables, narrower)


def _summary_tables(folder: Path) -> tuple[Table, ...]:
    inputs = [write_unit(folder / "in", f"unit-{index}", unit(index)) for index in range(4)]
    document = summary_document(batch(inputs, folder / "out"), "某县财政局")
    return tuple(block for block in document.blocks if isinstance(block, Table))


def test_the_batch_summary_tables_get_the_same_widths_and_line_breaks(tmp_path: Path) -> None:
    tables = _summary_tables(tmp_path)
    assert len(tables) >= 2
    frame = TableFrame.of(Renderer().stylesheet)
    for table in tables:
        _same_as_reference((table,), frame)


def test_every_cache_of_the_fit_is_bounded() -> None:
    caches = [value for value in vars(fit).values() if hasattr(value, "cache_info")]
    assert len(caches) >= 8
    assert all(cache.cache_info().maxsize is not None for cache in caches)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40) | _TEXT)
def test_text_widths_and_lonely_lines_are_the_reference_ones_for_any_text(text: str) -> None:
    assert fit.text_em(text) == fit_reference.text_em(text)
    assert fit.lonely_line(text) == fit_reference.lonely_line(text)
    for before, after in pairwise(text):
        assert fit._gap(before, after) == fit_reference._gap(before, after)
