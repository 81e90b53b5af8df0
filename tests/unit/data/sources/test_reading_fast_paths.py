"""Reading's shortcuts give what the long way gives.

A short YAML scalar's implicit tag is remembered (keys and numbers repeat in every file), and
the texts of a file are searched all at once for what the text boundary refuses, walking the
fields one by one (to name them) only when something is found.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.data.raw import RawData
from reportgen.data.sources import text
from reportgen.data.sources.text import text_issues
from reportgen.data.sources.yaml_source import _LOADER, _resolved, read_yaml
from reportgen.support import limits

_SCALARS = st.one_of(
    st.sampled_from(("yes", "No", "~", "null", "1_000", "0x1F", "1.5e+3", ".inf", "2023-01-01", "<<", "=", "")),
    st.text("0123456789.-+_:eExXoObBtTfFnNyY~ 年万元", max_size=80),
)


@settings(max_examples=1500, deadline=None)
@given(_SCALARS, st.booleans(), st.booleans())
def test_a_scalar_gets_the_tag_the_safe_loader_gives_it(value: str, plain: bool, quoted: bool) -> None:
    loader = _LOADER("")
    safe = cast(Callable[..., str], yaml.SafeLoader("").resolve)
    expected = safe(yaml.ScalarNode, value, (plain, quoted))
    assert loader.resolve(yaml.ScalarNode, value, (plain, quoted)) == expected
    assert loader.resolve(yaml.ScalarNode, value, (plain, quoted)) == expected  # remembered


def test_the_remembered_tags_are_bounded() -> None:
    assert _resolved.cache_info().maxsize is not None


_ODD = st.sampled_from(("\x01", "\x0c", "\ufffe", "\ud800", "a" * 3))
_TEXT = st.lists(st.one_of(st.text("评价指标ab1 ", max_size=4), _ODD), max_size=4).map("".join)
_DATA = st.recursive(
    st.one_of(_TEXT, st.integers(), st.none()),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_TEXT, inner, max_size=4)),
    max_leaves=20,
)


def _walked(raw: RawData) -> list[Any]:
    """The issues when every field is walked (as before the shortcut)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text, "_any_problem", lambda data: True)
        return text_issues(raw)


@settings(max_examples=800, deadline=None)
@given(_DATA)
def test_texts_searched_at_once_give_the_issues_walking_every_field_gives(data: Any) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(limits, "MAX_TEXT", 5)  # so that long texts occur too
        raw = RawData("data.yaml", data)
        assert text_issues(raw) == _walked(raw)


_PLAIN = st.recursive(
    st.one_of(st.text("评价ab1:- '\"#", max_size=6), st.integers(), st.booleans(), st.none()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text("ab评", min_size=1), inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.text("kv指标", min_size=1, max_size=4), _PLAIN, min_size=1, max_size=4))
def test_texts_numbers_and_flags_read_as_the_safe_loader_reads_them(data: dict[str, Any]) -> None:
    written = yaml.safe_dump(data, allow_unicode=True)
    assert read_yaml(written, "data.yaml").data == yaml.safe_load(written)
