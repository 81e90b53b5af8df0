"""The 附件说明 line naming the checks appendix goes with it (``finalize``).

The signature template lists the appendices above the 落款 ("附件：1.部门整体支出绩效自评表",
"2.数据核对情况"). When the checks appendix is removed, its line goes too (found by the
baseline's keys, as the appendix is) and the one attachment left is no longer numbered:
GB/T 9704-2012 §7.3.4 numbers attachments only when there are several.
"""

from __future__ import annotations

import re

from reportgen.docx.draft.read import Draft
from reportgen.ooxml.elements import Element, detach, w

_CHECKS_NOTE = re.compile(r"\d+[.．]\s*数据核对情况")
_FIRST_NUMBER = re.compile(r"(附件[：:])\s*1[.．]")


def remove_checks_note(draft: Draft) -> bool:
    """Remove the 附件说明 line of the checks appendix and un-number the first one; True if
    the line was there."""
    if draft.baseline is None:
        return False
    blocks = draft.baseline.blocks
    lines = [e for b in blocks if _CHECKS_NOTE.fullmatch(b.text.strip()) for e in draft.elements.get(b.key, [])]
    for element in lines:
        detach(element)
    if not lines:
        return False
    for block in blocks:
        if _FIRST_NUMBER.match(block.text.strip()):
            for element in draft.elements.get(block.key, []):
                _unnumber(element)
    return True


def _unnumber(paragraph: Element) -> None:
    """ "附件：1.名称" → "附件：名称" in the first text piece that holds the number."""
    for text in paragraph.iter(w("t")):
        if text.text and _FIRST_NUMBER.search(text.text):
            text.text = _FIRST_NUMBER.sub(r"\1", text.text, count=1)
            return
