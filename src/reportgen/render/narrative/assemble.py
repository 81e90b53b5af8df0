"""Chapters of Markdown → one list of blocks, with stable keys and tables in place.

Keys identify generated content across regenerations, so that ``reportgen update`` can
tell an editor's changes from the data's. A block's key is, in order of preference:

- explicit: a template writes ``{{ key("indicator:" ~ name) }}`` at the start of a heading or
  paragraph → ``chapter/indicator:…`` (a repeated explicit key gets ``#2``, ``#3`` …);
- under a heading: ``<heading key>/<n>``, the n-th paragraph below it, so a paragraph stays
  attached to its (explicitly keyed) section when sections before it come or go;
- positional: ``chapter/h1.2`` for headings numbered by their place in the chapter.

Tables are keyed ``chapter/table:<name>``. Leading markers (key, role) may come in any order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from reportgen.errors import TemplateError
from reportgen.render.blocks import Block, Heading, PageBreak, Paragraph, Role, Span, Table
from reportgen.render.markdown import parse
from reportgen.render.narrative.escaping import MARK


def assemble(chapters: list[tuple[str, str]], tables: Mapping[str, Table]) -> list[Block]:
    """Parse every chapter into keyed blocks; table markers become tables."""
    blocks: list[Block] = []
    for chapter, text in chapters:
        keys = _Keys(chapter)
        for block in parse(text):
            blocks.append(_resolve(block, keys, tables, chapter))
    return blocks


class _Keys:
    """Hands out the keys of one chapter's blocks in reading order."""

    def __init__(self, chapter: str) -> None:
        self.chapter = chapter
        self.counts = [0, 0, 0, 0]
        self.section = f"{chapter}/top"
        self.paragraphs = 0
        self.used: set[str] = set()

    def unique(self, key: str) -> str:
        candidate, n = key, 2
        while candidate in self.used:
            candidate, n = f"{key}#{n}", n + 1
        self.used.add(candidate)
        return candidate

    def heading(self, level: int, explicit: str) -> str:
        self.counts[level - 1] += 1
        self.counts[level:] = [0] * (4 - level)
        path = ".".join(str(c) for c in self.counts[:level])
        self.section = self.unique(f"{self.chapter}/{explicit}" if explicit else f"{self.chapter}/h{path}")
        self.paragraphs = 0
        return self.section

    def paragraph(self, explicit: str) -> str:
        if explicit:
            return self.unique(f"{self.chapter}/{explicit}")
        self.paragraphs += 1
        return self.unique(f"{self.section}/{self.paragraphs}")


def _markers(spans: tuple[Span, ...]) -> tuple[dict[str, str], tuple[Span, ...]]:
    """Leading ``MARK kind:value MARK`` markers, and the spans without them."""
    found: dict[str, str] = {}
    if not spans:
        return found, spans
    first = spans[0]
    text = first.text
    while text.startswith(MARK) and text.count(MARK) >= 2:
        body, _, text = text[1:].partition(MARK)
        kind, _, value = body.partition(":")
        found[kind] = value
    if text and text == first.text:  # no markers
        return found, spans
    rest = (Span(text, first.bold, first.italic, first.highlight), *spans[1:]) if text else spans[1:]
    return found, rest


def _resolve(block: Block, keys: _Keys, tables: Mapping[str, Table], chapter: str) -> Block:
    if isinstance(block, Heading):
        found, spans = _markers((Span(block.text),))
        text = "".join(s.text for s in spans)
        return Heading(block.level, text, keys.heading(block.level, found.get("key", "")))
    if not isinstance(block, Paragraph):
        return block
    found, spans = _markers(block.spans)
    if "pagebreak" in found:
        return PageBreak()
    if "table" in found:
        name = found["table"]
        if name not in tables:
            known = "、".join(sorted(tables))
            raise TemplateError(f"模板 {chapter} 引用了不存在的表格“{name}”；可用的表格：{known}。")
        return replace(tables[name], key=keys.unique(f"{chapter}/table:{name}"))
    role = block.role
    if "role" in found:
        if found["role"] not in Role.__members__.values():
            raise TemplateError(f"模板 {chapter} 使用了不存在的段落角色“{found['role']}”。")
        role = Role(found["role"])
    return Paragraph(spans, role, keys.paragraph(found.get("key", "")))
