"""Half-up rounding and shares that add up to exactly 100.00%."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.figures.numbers import percent, round_half_up, shares

D = Decimal


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0.125", "0.13"),
        ("0.135", "0.14"),
        ("2.675", "2.68"),
        ("-0.125", "-0.13"),
        ("442.9287", "442.93"),
        ("1690.553709", "1690.55"),
    ],
)
def test_round_half_up_rounds_halves_away_from_zero(value: str, expected: str) -> None:
    assert round_half_up(D(value)) == D(expected)


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        ("1690.55", "1690.55", "100.00"),
        ("442.92", "318.40", "139.11"),
        ("32.09", "110", "29.17"),
        ("1", "3", "33.33"),
        ("2", "3", "66.67"),
        ("0", "5", "0.00"),
    ],
)
def test_percent(part: str, whole: str, expected: str) -> None:
    assert percent(D(part), D(whole)) == D(expected)


def test_percent_of_zero_is_undefined_not_zero() -> None:
    assert percent(D(0), D(0)) is None


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (["1247.62", "442.93"], ["73.80", "26.20"]),
        (["1", "1", "1"], ["33.34", "33.33", "33.33"]),
        (["1682.55", "8.00"], ["99.53", "0.47"]),
        (["5", "0"], ["100.00", "0.00"]),
        (["1", "1", "1", "1", "1", "1", "1"], ["14.29", "14.29", "14.29", "14.29", "14.28", "14.28", "14.28"]),
    ],
)
def test_shares_add_up_to_exactly_one_hundred(parts: list[str], expected: list[str]) -> None:
    assert shares([D(p) for p in parts]) == [D(e) for e in expected]


def test_shares_of_nothing_are_undefined() -> None:
    assert shares([D(0), D(0)]) is None


amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@given(st.lists(amounts, min_size=1, max_size=12).filter(lambda xs: sum(xs) > 0))
def test_shares_always_sum_to_one_hundred(parts: list[Decimal]) -> None:
    result = shares(parts)
    assert result is not None
    assert sum(result) == D("100.00")
    assert all(share.as_tuple().exponent == -2 for share in result)


@given(st.lists(amounts, min_size=1, max_size=12).filter(lambda xs: sum(xs) > 0))
def test_each_share_is_within_a_cent_of_its_exact_value(parts: list[Decimal]) -> None:
    result = shares(parts)
    assert result is not None
    total = sum(parts)
    for part, share in zip(parts, result, strict=True):
        assert abs(share - part / total * 100) < D("0.01")
