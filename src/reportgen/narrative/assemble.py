"""Chapters of Markdown → one list of blocks, with stable keys and tables in place."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from reportgen.blocks import Block, Heading, PageBreak, Paragraph, Role, Span, Table
from reportgen.errors import TemplateError
from reportgen.mdparse import parse
from reportgen.narrative.markup import MARK


def assemble(chapters: list[tuple[str, str]], tables: Mapping[str, Table]) -> list[Block]:
    """Parse every chapter and key each block ``chapter/position``.

    A paragraph that is a table marker becomes that table; a paragraph that starts with
    a role marker takes that role.
    """
    blocks: list[Block] = []
    for chapter, text in chapters:
        for position, block in enumerate(parse(text)):
            key = f"{chapter}/{position}"
            blocks.append(_resolve(block, key, tables, chapter))
    return blocks


def _resolve(block: Block, key: str, tables: Mapping[str, Table], chapter: str) -> Block:
    if isinstance(block, Heading):
        return replace(block, key=key)
    if not isinstance(block, Paragraph):
        return block
    text = block.text
    if text == f"{MARK}pagebreak{MARK}":
        return PageBreak()
    if text.startswith(f"{MARK}table:"):
        name = text.strip(MARK).removeprefix("table:")
        if name not in tables:
            known = "、".join(sorted(tables))
            raise TemplateError(f"模板 {chapter} 引用了不存在的表格“{name}”；可用的表格：{known}。")
        return replace(tables[name], key=key)
    if text.startswith(f"{MARK}role:"):
        role_name, _, _ = text[len(MARK) + 5:].partition(MARK)
        first = block.spans[0]
        rest = first.text.split(MARK, 2)[-1]
        spans = (Span(rest, first.bold, first.italic), *block.spans[1:])
        if role_name not in Role.__members__.values():
            raise TemplateError(f"模板 {chapter} 使用了不存在的段落角色“{role_name}”。")
        return Paragraph(tuple(s for s in spans if s.text), Role(role_name), key)
    return replace(block, key=key)
