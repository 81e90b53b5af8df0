"""The appendix 数据核对情况 (附件2): found by the baseline's keys, for ``check`` and ``finalize``.

The appendix template (``checks_appendix`` in ``narratives/_common/_macros.md.jinja``) writes
an attachment line ("附件2", which also carries the page break), the title, a note and the
table keyed ``…/table:checks`` (:mod:`reportgen.render.tables.checks`). Its keys are found
in the baseline: the table's, and those of the paragraphs written just before it in the same
chapter, back to the attachment line. Without an attachment line there (a template of one's
own) only the table counts. In an edited draft only the blocks that still carry those keys
are the appendix: a paragraph the editor typed into it is theirs and stays.
"""

from __future__ import annotations

import re

from reportgen.docx.draft.read import Draft
from reportgen.ooxml.elements import Element
from reportgen.revise.model import Baseline

TABLE_KEY = "/table:checks"
_ATTACHMENT = re.compile(r"附件\s*\d+")


def appendix_keys(baseline: Baseline) -> list[str]:
    """The keys of the checks appendix in document order; none when the report has none."""
    blocks = baseline.blocks
    for index, block in enumerate(blocks):
        if block.cells is None or not block.key.endswith(TABLE_KEY):
            continue
        chapter = block.key.split("/", 1)[0] + "/"
        before: list[str] = []
        for earlier in reversed(blocks[:index]):
            if earlier.cells is not None or not earlier.key.startswith(chapter) or len(before) >= 3:
                break
            before.insert(0, earlier.key)
            if _ATTACHMENT.fullmatch(earlier.text.strip()):
                return [*before, block.key]
        return [block.key]
    return []


def appendix_elements(draft: Draft) -> list[Element]:
    """The paragraphs and table of the appendix still in ``draft`` (still carrying its keys)."""
    if draft.baseline is None:
        return []
    return [element for key in appendix_keys(draft.baseline) for element in draft.elements.get(key, [])]


def appendix_label(draft: Draft) -> str | None:
    """The attachment line of the checks appendix ("附件2") while its table is still in the
    draft ("附件" when the line is not there); None when the appendix is gone or never was."""
    if draft.baseline is None:
        return None
    keys = appendix_keys(draft.baseline)
    if not keys or keys[-1] not in draft.elements:
        return None
    first = draft.baseline.by_key()[keys[0]].text.strip()
    return first if _ATTACHMENT.fullmatch(first) else "附件"
