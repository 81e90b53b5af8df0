"""Word-level edits (reportgen.revise.diff) as tables of cases: tokens, edits, and apply."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.revise.diff import MAX_EDITS, apply, edits, tokens
from reportgen.revise.plan import Edit


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("完成率", ["完", "成", "率"]),  # each Chinese character is a token of its own
        ("99.53%", ["99.53%"]),  # a figure with its decimals and percent sign is one token
        ("1,690.55万元", ["1,690.55", "万", "元"]),
        ("in  total", ["in", "  ", "total"]),  # Latin words and runs of spaces
        ("共3项，", ["共", "3", "项", "，"]),
        ("a\nb", ["a", "\n", "b"]),
    ],
)
def test_tokens(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param("执行率100%。", "执行率100%。", (), id="equal texts: no edit"),
        pytest.param("执行率99.53%。", "执行率100.00%。", ((3, 9, 3, 10),), id="a figure replaced whole"),
        pytest.param("预算1,690.55万元", "预算1,700.00万元", ((2, 10, 2, 10),), id="thousands separators"),
        pytest.param("共3项", "共4项", ((1, 2, 1, 2),), id="one digit is one token"),
        pytest.param("ab cd", "ab  cd", ((2, 3, 2, 4),), id="spaces"),
        pytest.param("甲乙", "甲乙丙", ((2, 2, 2, 3),), id="insertion at the end"),
        pytest.param("甲乙丙", "乙丙", ((0, 1, 0, 0),), id="deletion at the start"),
        pytest.param("甲乙丙丁戊", "甲子丑寅卯", ((0, 5, 0, 5),), id="more than half changed: whole text"),
        pytest.param("a1b2c3d4e5f6g7h8", "aXbXcXdXeXfXgXhX", ((0, 16, 0, 16),), id="scattered changes: whole text"),
        pytest.param("", "新", ((0, 0, 0, 1),), id="from empty"),
    ],
)
def test_edits(old: str, new: str, expected: tuple[Edit, ...]) -> None:
    assert edits(old, new) == expected
    assert apply(old, expected, new) == new


def test_scattered_means_more_than_max_edits() -> None:
    old = "".join(f"{letter}1" for letter in "abcdefgh"[:MAX_EDITS])
    new = old.replace("1", "2")
    assert len(edits(old, new)) == MAX_EDITS


@given(st.text(alphabet="甲乙丙 ab1,.%", max_size=30), st.text(alphabet="甲乙丙 ab1,.%", max_size=30))
def test_applying_the_edits_gives_the_new_text(old: str, new: str) -> None:
    assert "".join(tokens(old)) == old
    assert apply(old, edits(old, new), new) == new
