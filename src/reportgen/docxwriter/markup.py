"""WordprocessingML as text: the per-report body is built as one string and never parsed.

Building strings is about eight times faster than creating lxml elements one by one, and a
report's body is thousands of elements. Every value passes through :func:`attr` or
:func:`text_xml`, which escape it and drop characters XML 1.0 cannot hold; children are
written in schema order by the callers (CT_PPr and CT_RPr are strict sequences).
"""

from __future__ import annotations

import re

from reportgen.textchars import ILLEGAL as _ILLEGAL

_NEWLINES = re.compile("\r\n|\r|\x0b")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def clean(text: str) -> str:
    """``text`` with XML-illegal characters (:mod:`reportgen.textchars`) removed; CR, CRLF and VT become LF.

    The one escaping step of every text the writer puts into XML (defence in depth: data
    with such characters is already refused by validation).
    """
    return _ILLEGAL.sub("", _NEWLINES.sub("\n", text))


def attr(value: str | int) -> str:
    """An escaped attribute value."""
    return clean(str(value)).translate(_ESCAPES)


def tag(name: str, content: str = "", **attrs: str | int) -> str:
    """``<w:name w:k="v">content</w:name>``, or an empty element when there is no content."""
    attributes = "".join(f' w:{key}="{attr(value)}"' for key, value in attrs.items())
    if content:
        return f"<w:{name}{attributes}>{content}</w:{name}>"
    return f"<w:{name}{attributes}/>"


def text_xml(text: str) -> str:
    """Run content for ``text``: ``w:t`` pieces, ``w:tab`` for tabs, ``w:br`` for newlines."""
    parts: list[str] = []
    for index, line in enumerate(clean(text).split("\n")):
        if index:
            parts.append("<w:br/>")
        for piece_index, piece in enumerate(line.split("\t")):
            if piece_index:
                parts.append("<w:tab/>")
            if piece:
                space = ' xml:space="preserve"' if piece != piece.strip() else ""
                parts.append(f"<w:t{space}>{piece.translate(_ESCAPES)}</w:t>")
    return "".join(parts)
