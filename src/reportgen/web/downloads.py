"""Downloaded files: names in Chinese from the unit and year, sent with an RFC 5987 filename*."""

from __future__ import annotations

import re
from urllib.parse import quote

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def file_name(unit: str, year: int | None, what: str, suffix: str) -> str:
    """E.g. ``某县司法局2024年度绩效自评报告.docx``; characters no file system takes become “_”."""
    stem = _UNSAFE.sub("_", unit).strip(" ._") or "报告"
    years = f"{year}年度" if year is not None else ""
    return f"{stem}{years}{what}{suffix}"


def disposition(name: str) -> str:
    """A Content-Disposition header: an ASCII fallback, and the real name as ``filename*``."""
    fallback = "reportgen" + "".join(c for c in name[name.rfind(".") :] if c.isascii() and (c.isalnum() or c == "."))
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
