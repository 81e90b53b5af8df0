"""Lone lines at page breaks (widows and orphans), found in a LibreOffice rendering.

The body text and heading paragraphs of a report (from its outline) are laid over the
rendered lines in reading order: each line is matched to the paragraph whose text it
continues, lines of tables and pictures are passed over. A page must not start with the
last line of a paragraph of two or more lines (a widow, like "件。" alone at the top), end
with the first line of one (an orphan), or end with a heading.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from pdfpages import Page
from reportgen.docx import read_outline

_SPACE = re.compile(r"\s+")
_PAGE_NUMBER = re.compile(r"^—\d+—$")
_LABELS = ("body", "heading1", "heading2", "heading3", "heading4")
_REACH = 40  # paragraphs looked ahead for the one a line starts
_MIN_MATCH = 2  # characters a line must have to be placed (a page number has none left)


def _squash(text: str) -> str:
    return _SPACE.sub("", text)


@dataclass(frozen=True)
class PlacedLine:
    """A rendered line of a body or heading paragraph."""

    page: int
    paragraph: int
    line: int  # 0-based line of the paragraph
    heading: bool


@dataclass
class _Open:
    index: int
    rest: str
    lines: int = 0


def placed_lines(docx: bytes, pages: list[Page]) -> tuple[list[PlacedLine], dict[int, int]]:
    """Each body/heading line on ``pages`` with its paragraph, and each paragraph's line count."""
    paragraphs = [(label, _squash(text)) for label, text in read_outline(docx) if label in _LABELS]
    paragraphs = [(label, text) for label, text in paragraphs if text]
    found: list[PlacedLine] = []
    counts: dict[int, int] = {}
    following = 0  # the next paragraph not yet started
    current: _Open | None = None
    for page in pages:
        for line in page.body():
            text = _squash(line.text)
            if len(text) < _MIN_MATCH or _PAGE_NUMBER.match(text):
                continue
            if current is not None and current.rest.startswith(text):
                current.rest = current.rest[len(text) :]
            else:
                start = next(
                    (
                        i
                        for i in range(following, min(following + 40, len(paragraphs)))
                        if paragraphs[i][1].startswith(text)
                    ),
                    None,
                )
                if start is None:
                    continue  # a table cell, a caption, the signature …
                current = _Open(start, paragraphs[start][1][len(text) :])
                following = start + 1
            found.append(PlacedLine(page.number, current.index, current.lines, paragraphs[current.index][0] != "body"))
            current.lines += 1
            counts[current.index] = current.lines
            if not current.rest:
                current = None
    return found, counts


def lone_lines(docx: bytes, pages: list[Page]) -> list[str]:
    """Where a page starts with a widow, ends with an orphan or ends with a heading."""
    lines, counts = placed_lines(docx, pages)
    problems: list[str] = []
    for before, after in itertools.pairwise(lines):
        if before.page == after.page:
            continue
        if not after.heading and counts[after.paragraph] >= 2 and after.line == counts[after.paragraph] - 1:
            problems.append(f"page {after.page} starts with the last line of paragraph {after.paragraph}")
        if not before.heading and counts[before.paragraph] >= 2 and before.line == 0:
            problems.append(f"page {before.page} ends with the first line of paragraph {before.paragraph}")
        if before.heading and before.paragraph != after.paragraph:
            problems.append(f"page {before.page} ends with heading paragraph {before.paragraph}")
    return problems
