"""The YAML reader counts the nesting before composing only when the text could nest too deep.

Counting scans the whole text (a third of reading the example); a cheap upper bound on the
nesting (brackets, and the longest run of indentation and "-", "?", ":" starting a line)
tells when it can be skipped. Skipped or not, a text gives the same data with the same
locations, or the same error at the same place: checked here with the limit lowered to a few
levels, so that the bound decides on texts of every shape.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.data.raw import RawData
from reportgen.data.sources import yaml_source
from reportgen.data.sources.yaml_source import read_yaml
from reportgen.errors import DataError
from reportgen.support import limits
from samples import LINGLING

_FRAGMENTS = (
    "a:",
    "b: 1",
    "- ",
    "-",
    "? ",
    ": ",
    "  ",
    " ",
    "\t",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "&x ",
    "*x",
    "!!str ",
    '"\\q"',
    '"ok"',
    "'引号'",
    "文字",
    "---",
    "...",
    "|",
    "#注释",
    "\n",
    "\n",
    "\n",
    "\r\n",
    "\u2028",
    "\x85",
)
_TEXTS = st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join)


def _outcome(text: str) -> tuple[object, ...]:
    try:
        raw: RawData = read_yaml(text, "data.yaml")
    except DataError as exc:
        return ("error", [(issue.message, issue.location, issue.path) for issue in exc.issues])
    return ("data", raw.data, raw.locations)


def _counted_first(text: str) -> tuple[object, ...]:
    """The outcome when the nesting is always counted before composing (as before)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yaml_source, "_may_nest_too_deep", lambda text: True)
        return _outcome(text)


def _with_depth_limit(depth: int, text: str) -> tuple[tuple[object, ...], tuple[object, ...]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(limits, "MAX_DEPTH", depth)
        return _outcome(text), _counted_first(text)


@settings(max_examples=1500, deadline=None)
@given(_TEXTS, st.integers(min_value=1, max_value=6))
def test_any_text_reads_as_when_the_nesting_is_always_counted_first(text: str, depth: int) -> None:
    ours, before = _with_depth_limit(depth, text)
    assert ours == before


def test_a_scanner_error_after_a_parser_error_is_still_the_one_reported() -> None:
    text = 'a: b\n- c\nd: "\\q"\n'  # "- c" breaks the mapping (parser); "\q" is no escape (scanner)
    ours, before = _outcome(text), _counted_first(text)
    assert ours == before
    assert ours[0] == "error" and "转义" in str(ours[1])


def test_deep_indentation_is_still_refused_where_it_gets_too_deep() -> None:
    text = "".join(f"{'  ' * level}k{level}:\n" for level in range(limits.MAX_DEPTH + 2))
    ours, before = _outcome(text), _counted_first(text)
    assert ours == before
    assert ours[0] == "error" and "嵌套层数过多" in str(ours[1])


def test_the_example_needs_no_count() -> None:
    assert not yaml_source._may_nest_too_deep(LINGLING.read_text(encoding="utf-8"))
