"""Markdown → blocks. The only module that imports markdown-it-py.

``【待补充：…】`` anywhere in the text becomes a highlighted placeholder span.

The dialect is deliberately small: ATX headings (``#`` = document title, ``##``–``#####`` =
heading levels 1–4), paragraphs, ``**bold**`` and ``*italic*``, backslash escapes. Lists,
code, quotes, rules, links and HTML are off, so text such as "2. 质量指标" or an indented
line stays a paragraph. Every line is its own paragraph: unit staff write one paragraph per
line (in YAML and in Excel cells alike) and Chinese text has no soft line wrapping.

Most of what templates write is plain: lines without a character the dialect reads (``*``,
``_``, backslash, ``#`` in a heading's text, CR, NUL, tab, white space at either end). A run
of lines between empty lines that are all plain text or plain ``#`` headings becomes blocks
directly, exactly as markdown-it would make them; other runs are parsed by markdown-it. An
empty line ends every block of this dialect (it has no lists, quotes or code), so runs can
be taken one at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reportgen.data.vocabulary import PLACEHOLDER
from reportgen.render.blocks import Block, Heading, Paragraph, Role, Span

_DISABLED = [
    "list",
    "code",
    "fence",
    "blockquote",
    "hr",
    "lheading",
    "html_block",
    "reference",
    "html_inline",
    "backticks",
    "link",
    "image",
    "autolink",
    "entity",
]

_PARSER = MarkdownIt("commonmark", {"html": False}).disable(_DISABLED)


# What markdown-it reads in a line of this dialect, besides plain characters.
_READ = re.compile(r"[*_\\#\r\x00\t]")
_PLAIN_HEADING = re.compile(r"(#{1,6}) ([^*_\\#\r\x00\t]+)")


def parse(text: str) -> list[Block]:
    """Blocks of a Markdown text, in order."""
    blocks: list[Block] = []
    pending: list[str] = []  # runs for markdown-it, parsed together before the next plain run
    for run in _runs(text):
        plain = _plain_lines(run)
        if plain is None:
            pending.append(run)
            continue
        if pending:
            blocks += _parsed("\n\n".join(pending))
            pending = []
        for level, line in plain:
            _add(blocks, level, [_placeholders([Span(line)])])  # a plain line has nothing to strip
    if pending:
        blocks += _parsed("\n\n".join(pending))
    return blocks


def _runs(text: str) -> Iterator[str]:
    """The runs of non-empty lines of ``text``: an empty line ends every block of the dialect."""
    for run in text.split("\n\n"):
        run = run.strip("\n")
        if run:
            yield run


def _plain_lines(run: str) -> list[tuple[int, str]] | None:
    """(heading level, or 0 for a paragraph line; text) of each line of ``run``, or None
    unless every line is plain text or a ``#`` heading of plain text."""
    lines: list[tuple[int, str]] = []
    for line in run.split("\n"):
        if not line or line != line.strip():
            return None
        if _READ.search(line) is None:
            lines.append((0, line))
            continue
        heading = _PLAIN_HEADING.fullmatch(line)
        if heading is None or heading[2] != heading[2].strip():
            return None
        lines.append((len(heading[1]), heading[2]))
    return lines


def _parsed(text: str) -> list[Block]:
    """Blocks of ``text`` as markdown-it parses it."""
    tokens = _PARSER.parse(text)
    blocks: list[Block] = []
    for index, token in enumerate(tokens):
        if token.type != "inline":
            continue
        opener = tokens[index - 1]
        level = int(opener.tag[1:]) if opener.type == "heading_open" else 0
        _add(blocks, level, _lines(token.children or []))
    return blocks


def _add(blocks: list[Block], level: int, lines: list[list[Span]]) -> None:
    """Append a heading of ``level`` (1 is the document title) or, for 0, a paragraph per line."""
    if level:
        heading_text = "".join(span.text for line in lines for span in line)
        if level == 1:
            blocks.append(Paragraph.of(heading_text, Role.TITLE))
        else:
            blocks.append(Heading(min(level - 1, 4), heading_text))
    else:
        blocks += [Paragraph(tuple(line)) for line in lines if "".join(s.text for s in line).strip()]


def _lines(children: Sequence[Token]) -> list[list[Span]]:
    """Inline tokens → lines of spans; a line break starts a new line."""
    lines: list[list[Span]] = [[]]
    bold = italic = False
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            lines.append([])
        elif child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.content:
            _append(lines[-1], Span(child.content, bold, italic))
    return [_placeholders(_strip(line)) for line in lines]


def _placeholders(line: list[Span]) -> list[Span]:
    """Mark 【待补充：…】 as highlighted spans, so an editor cannot miss what to supply."""
    result: list[Span] = []
    for span in line:
        if "【" not in span.text:  # no placeholder: the span as it is
            result.append(span)
            continue
        for index, part in enumerate(PLACEHOLDER.split(span.text)):
            if part:
                result.append(Span(part, span.bold, span.italic, highlight=index % 2 == 1))
    return result


def _append(line: list[Span], span: Span) -> None:
    if line and (line[-1].bold, line[-1].italic) == (span.bold, span.italic):
        line[-1] = Span(line[-1].text + span.text, span.bold, span.italic)
    else:
        line.append(span)


def _strip(line: list[Span]) -> list[Span]:
    """Drop leading/trailing white space (incl. 全角空格) that staff type to indent."""
    if line:
        line[0] = Span(line[0].text.lstrip(" \u3000\t"), line[0].bold, line[0].italic)
        line[-1] = Span(line[-1].text.rstrip(" \u3000\t"), line[-1].bold, line[-1].italic)
    return [span for span in line if span.text]
