"""Markdown → blocks. The only module that imports markdown-it-py.

``【待补充：…】`` anywhere in the text becomes a highlighted placeholder span.

The dialect is deliberately small: ATX headings (``#`` = document title, ``##``–``#####`` =
heading levels 1–4), paragraphs, ``**bold**`` and ``*italic*``, backslash escapes. Lists,
code, quotes, rules, links and HTML are off, so text such as "2. 质量指标" or an indented
line stays a paragraph. Every line is its own paragraph: unit staff write one paragraph per
line (in YAML and in Excel cells alike) and Chinese text has no soft line wrapping.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

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


def parse(text: str) -> list[Block]:
    """Blocks of a Markdown text, in order."""
    tokens = _PARSER.parse(text)
    blocks: list[Block] = []
    for index, token in enumerate(tokens):
        if token.type != "inline":
            continue
        opener = tokens[index - 1]
        lines = _lines(token.children or [])
        if opener.type == "heading_open":
            level = int(opener.tag[1:])
            heading_text = "".join(span.text for line in lines for span in line)
            if level == 1:
                blocks.append(Paragraph.of(heading_text, Role.TITLE))
            else:
                blocks.append(Heading(min(level - 1, 4), heading_text))
        else:
            blocks += [Paragraph(tuple(line)) for line in lines if "".join(s.text for s in line).strip()]
    return blocks


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
        for index, part in enumerate(PLACEHOLDER.split(span.text)):
            if part:
                result.append(replace(span, text=part, highlight=index % 2 == 1))
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
