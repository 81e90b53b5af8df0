"""Text made safe for XML, once for every writer (strings and lxml alike).

XML 1.0 cannot hold most control characters, lone surrogates or U+FFFE/U+FFFF, so they are
dropped; CR, CRLF and VT become LF (a line break). :func:`pieces` cuts text into the
``w:t``/``w:tab``/``w:br`` sequence of a run, which both :func:`strings.text_xml` and
:func:`elements.add_text` write.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from reportgen.textchars import ILLEGAL

_ILLEGAL = ILLEGAL
_NEWLINES = re.compile("\r\n|\r|\x0b")
# Any character either pass would change: text without one (nearly all text) is returned as is.
assert _ILLEGAL.pattern.startswith("[") and _ILLEGAL.pattern.endswith("]")  # one character class
_UNCLEAN = re.compile(_ILLEGAL.pattern[:-1] + "\r\x0b]")
_TABLES = {
    (quote, whitespace): str.maketrans(
        {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
        | ({'"': "&quot;"} if quote else {})
        | ({"\n": "&#10;", "\t": "&#9;"} if whitespace else {})
    )
    for quote in (False, True)
    for whitespace in (False, True)
}

Piece = tuple[Literal["t", "tab", "br"], str]


def clean(text: str) -> str:
    """``text`` with XML-illegal characters (:mod:`reportgen.textchars`) removed; CR,
    CRLF and VT become LF.

    The one cleaning step of every text the writer puts into XML (defence in depth: data with
    such characters is already refused by validation).
    """
    if _UNCLEAN.search(text) is None:
        return text
    return _ILLEGAL.sub("", _NEWLINES.sub("\n", text))


def escape(text: str, *, quote: bool = True, whitespace: bool = False) -> str:
    """``text`` with ``&``, ``<``, ``>`` (and with ``quote``, ``"``) as character references.

    ``whitespace`` also writes LF and TAB as references, so an attribute value keeps them
    through attribute-value normalisation. ``text`` is not cleaned here (see :func:`clean`).
    """
    if (
        "&" not in text
        and "<" not in text
        and ">" not in text
        and not (quote and '"' in text)
        and not (whitespace and ("\n" in text or "\t" in text))
    ):
        return text
    return text.translate(_TABLES[quote, whitespace])


def pieces(text: str) -> Iterator[Piece]:
    """The run content of ``text`` after :func:`clean`: text pieces, tabs and line breaks."""
    for index, line in enumerate(clean(text).split("\n")):
        if index:
            yield "br", ""
        for piece_index, piece in enumerate(line.split("\t")):
            if piece_index:
                yield "tab", ""
            if piece:
                yield "t", piece


def needs_preserve(piece: str) -> bool:
    """Whether a ``w:t`` needs ``xml:space="preserve"`` (leading or trailing white space)."""
    return piece != piece.strip()
