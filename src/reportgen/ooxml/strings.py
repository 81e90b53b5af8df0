"""WordprocessingML as text: the per-report body is built as one string and never parsed.

Building strings is about eight times faster than creating lxml elements one by one, and a
report's body is thousands of elements. Every value passes through :func:`attr` or
:func:`text_xml`, which clean and escape it (:mod:`reportgen.ooxml.escape`); children are
written in schema order by the callers (CT_PPr and CT_RPr are strict sequences).
"""

from __future__ import annotations

from reportgen.ooxml.escape import clean, escape, needs_preserve, pieces


def attr(value: str | int) -> str:
    """An escaped attribute value."""
    if type(value) is int:  # most values are widths and sizes: nothing to clean or escape
        return str(value)
    return escape(clean(str(value)))


def tag(name: str, content: str = "", **attrs: str | int) -> str:
    """``<w:name w:k="v">content</w:name>``, or an empty element when there is no content."""
    attributes = "".join(f' w:{key}="{attr(value)}"' for key, value in attrs.items())
    if content:
        return f"<w:{name}{attributes}>{content}</w:{name}>"
    return f"<w:{name}{attributes}/>"


def text_xml(text: str) -> str:
    """Run content for ``text``: ``w:t`` pieces, ``w:tab`` for tabs, ``w:br`` for newlines."""
    parts: list[str] = []
    for kind, piece in pieces(text):
        if kind != "t":
            parts.append(f"<w:{kind}/>")
        else:
            space = ' xml:space="preserve"' if needs_preserve(piece) else ""
            parts.append(f"<w:t{space}>{escape(piece)}</w:t>")
    return "".join(parts)
