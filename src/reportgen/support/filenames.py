"""File names made from data (unit and sheet names): safe on every system, never misleading.

One sanitiser for every output name derived from data. It drops what can disguise a name
(bidirectional controls such as U+202E turn "报告exe.docx" into "报告xcod.exe" on screen,
zero-width and control characters), what makes a file special (Office's lock-file prefix
``~$``, a leading dot that hides it, Windows device names such as ``CON`` or ``NUL``,
trailing dots and spaces that Windows drops) and what makes it too long for a file system.
"""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_BYTES = 200  # of the stem, in UTF-8; file systems allow 255 for the whole name

_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')
_LEADING = re.compile(r"^(?:~\$|[._~$ ])+")
_RESERVED = re.compile(r"(?i)(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9¹²³]|LPT[0-9¹²³])(\..*)?")


def safe_stem(name: str, fallback: str = "unit", max_bytes: int = MAX_NAME_BYTES) -> str:
    """``name`` as the stem of a file name (no suffix), at most ``max_bytes`` long in UTF-8:
    ``fallback`` when nothing is left."""
    text = "".join(c for c in _UNSAFE.sub("_", name) if unicodedata.category(c) not in ("Cc", "Cf", "Cs"))
    text = _LEADING.sub("", text)
    encoded = text.encode("utf-8")
    if len(encoded) > max_bytes:
        text = encoded[:max_bytes].decode("utf-8", "ignore")
    text = text.rstrip("._ ")
    reserved = _RESERVED.fullmatch(text)
    if reserved:  # "CON.年报" is the device CON too: mark the part before the first dot
        text = f"{reserved.group(1)}_{reserved.group(2) or ''}"
    return text or fallback
