"""Keys in the document: a hidden bookmark around each generated paragraph and table.

A block's key (``02_spending/h1.1/1``, ``…/indicator:满意度``) may hold any character and be
any length, while a Word bookmark name is at most 40 letters, digits and underscores. So the
bookmark is named after a hash of the key, ``_RG`` + 16 hex digits; the leading underscore
makes it a hidden bookmark, which Word lists only on request and LibreOffice keeps as it is
(verified with LibreOffice 7.4: ``soffice --convert-to docx`` keeps every ``_RG`` bookmark
in place). The baseline part (``baseline``) maps names back to keys.

A paragraph's bookmark starts after its properties and ends after its last run, so it
encloses the paragraph's text; a table's is in the first paragraph of its first cell.
"""

from __future__ import annotations

import hashlib
from functools import cache

PREFIX = "_RG"


@cache  # keys repeat from report to report
def bookmark_name(key: str) -> str:
    """The hidden bookmark name of ``key``: ``_RG`` and 16 hex digits (19 characters)."""
    return PREFIX + hashlib.blake2b(key.encode(), digest_size=8).hexdigest()


def bookmark_xml(mark: tuple[int, str] | None) -> tuple[str, str]:
    """The ``bookmarkStart`` and ``bookmarkEnd`` of ``(id, name)``; empty strings for None."""
    if mark is None:
        return "", ""
    number, name = mark
    return (f'<w:bookmarkStart w:id="{number}" w:name="{name}"/>', f'<w:bookmarkEnd w:id="{number}"/>')
