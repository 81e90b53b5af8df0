"""Messages in the form's words: the data keys some messages name for YAML users
(``scale_to_100: true``, ``（project）``, ``金额单位 money_unit``, ``scoring.group_weights``)
become the Chinese labels the editor shows, so the CLI's messages stay as they are.

A key written after its own label (``项目名称 name``) is dropped; a dotted path becomes its
label in quotes; a key alone becomes its label; a choice's stored code (``department``)
becomes its shown text; ``key: true`` becomes “label”填“是”. Other ASCII words — a value
the user typed, ``reportgen/1`` — are left alone.
"""

from __future__ import annotations

import re

from reportgen.data.labels import LABELS, label_for
from reportgen.data.layout import SHEETS

_TOKEN = re.compile(
    r"(?<![A-Za-z0-9_/\-.])"
    r"(?P<key>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)"
    r"(?P<flag>:\s*(?:true|false)(?:（[^）]*）)?)?"
    r"(?P<said>（[是否]）)?"
    r"(?![A-Za-z0-9_/\-])"
)
_YES_NO = {"true": "是", "false": "否"}


def _labels_by_key() -> dict[str, list[str]]:
    """Every label a bare key has somewhere in the data (``name``: 单位名称, 项目名称, …)."""
    found: dict[str, list[str]] = {}
    for dotted, label in LABELS.items():
        found.setdefault(dotted.split(".")[-1], []).append(label)
    return found


def _shown_choices() -> dict[str, str]:
    """The shown text of every stored code of a drop-down (``positive`` → 正向)."""
    return {
        stored: shown
        for sheet in SHEETS
        for field in sheet.fields
        for shown, stored in field.choices
        if stored != shown and stored.isascii()
    }


_BY_KEY = _labels_by_key()
_CHOICES = _shown_choices()


def form_words(message: str) -> str:
    """``message`` with every data key in it replaced by the form's words."""
    out: list[str] = []
    done = 0
    for match in _TOKEN.finditer(message):
        words = _words_for(match, message[: match.start()])
        if words is None:
            continue
        start, end = match.start(), match.end()
        before = message[done:start]
        # The space that set the key apart from Chinese text goes with the key.
        if before.endswith(" ") and (not words or not _ascii_word(words[:1])) and not _ascii_tail(before[:-1]):
            before = before[:-1]
        if words == "" and before.endswith("（") and message[end : end + 1] == "）":
            before, end = before[:-1], end + 1  # “项目支出（project）” → “项目支出”
        if message[end : end + 1] == " " and not _ascii_word(message[end + 1 : end + 2]):
            end += 1
        out.append(before + words)
        done = end
    out.append(message[done:])
    return "".join(out)


def _words_for(match: re.Match[str], before: str) -> str | None:
    """What replaces the key of ``match`` ('' to drop it), or None to leave it."""
    key, flag, said = match["key"], match["flag"], match["said"]
    if key in _YES_NO:
        return f"“{said[1] if said else _YES_NO[key]}”"
    parts = tuple(key.split("."))
    candidates = [*([_CHOICES[key]] if key in _CHOICES else []), *_BY_KEY.get(parts[-1], [])]
    label = label_for(parts) if len(parts) > 1 else (LABELS.get(key) or next(iter(candidates), ""))
    if not label:
        return None
    if flag:
        yes = "是" if "true" in flag else "否"
        return f"“{label}”填“{yes}”"
    if any(before.rstrip().rstrip("（").endswith(known) for known in candidates if known):
        return ""
    if key in _CHOICES and len(parts) == 1:
        return _CHOICES[key]
    return f"“{label}”" if len(parts) > 1 else label


def _ascii_word(text: str) -> bool:
    return bool(text) and text.isascii() and text.isalnum()


def _ascii_tail(text: str) -> bool:
    return bool(text) and _ascii_word(text[-1])
