"""Matching cell text against the label synonyms, and reading the amounts and scores beside them."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from types import MappingProxyType

from reportgen.support import limits

__all__ = ["Money", "label_core", "match", "parse_amount", "parse_percent", "parse_points", "squash", "value_after"]

_WHITE = re.compile(r"[\s\u3000\u00a0]+")
_LEAD = re.compile(r"^(?:其中[：:]?|[（(]?[一二三四五六七八九十\d]{1,2}[）)、.．]|[、，,])+")
_TRAIL = re.compile(r"[：:，,。；;]+$")
_UNIT_NOTE = re.compile(r"[（(](?:单位[：:])?(?:万元|元|亿元)[）)]")


def squash(text: str) -> str:
    """The text without any white space (table cells break labels anywhere)."""
    return _WHITE.sub("", text)


def label_core(text: str) -> str:
    """A cell's text as a label: no white space, no leading "其中：" or numbering, no trailing colon."""
    core = _LEAD.sub("", squash(text))
    return _TRAIL.sub("", core)


def match(text: str, table: Mapping[str, tuple[str, ...]]) -> tuple[str, str] | None:
    """The concept whose word ``text`` starts with (the longest such word), and that word."""
    if isinstance(table, MappingProxyType) and len(text) <= _CACHED_TEXT:  # a label: looked up once
        _TABLES.setdefault(id(table), table)
        return _match_known(text, id(table))
    return _match(label_core(text), table)


_TABLES: dict[int, Mapping[str, tuple[str, ...]]] = {}
_CACHED_TEXT = 64  # labels are short; a long cell's text is matched without keeping it


@functools.lru_cache(maxsize=8192)
def _match_known(text: str, table: int) -> tuple[str, str] | None:
    return _match(label_core(text), _TABLES[table])


def _match(core: str, table: Mapping[str, tuple[str, ...]]) -> tuple[str, str] | None:
    if not core:
        return None
    best: tuple[str, str] | None = None
    for key, words in table.items():
        for word in words:
            if core.startswith(word) and (best is None or len(word) > len(best[1])):
                best = (key, word)
    return best


def value_after(text: str, word: str) -> str:
    """What follows ``word`` on its line, after a colon if any ("资金总额：524.31" → "524.31")."""
    core = label_core(text)
    rest = core[len(word) :] if core.startswith(word) else ""
    rest = _UNIT_NOTE.sub("", rest, count=1) if rest.startswith(("（", "(")) else rest
    return rest.lstrip("：:").strip()


Money = tuple[Decimal, str]  # an amount and the money unit written with it ("" when none)

_AMOUNT = re.compile(r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<unit>亿元|万元|元|万)?")


def _decimal(text: str) -> Decimal | None:
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number) > limits.MAX_MAGNITUDE:
        return None
    return number


def parse_amount(text: str) -> Money | None:
    """An amount as tables write it: "524.31", "2557.36万元", "16,905,537.09", "8万" — or None."""
    core = squash(text).rstrip("。")
    found = _AMOUNT.fullmatch(core)
    if found is None:
        return None
    number = _decimal(found["number"])
    if number is None:
        return None
    unit = found["unit"] or ""
    if unit == "万":
        unit = "万元"
    if unit == "亿元":
        number, unit = number * 10000, "万元"
    return number, unit


def parse_points(text: str) -> Decimal | None:
    """A weight or score: "10", "10分", "9.5 分" — or None."""
    core = squash(text).rstrip("。")
    found = re.fullmatch(r"(\d+(?:\.\d+)?)分?", core)
    return _decimal(found[1]) if found else None


def parse_percent(text: str) -> Decimal | None:
    """A printed rate: "100%", "99.26％", "95.65" — as a number of percent, or None."""
    core = squash(text).replace("％", "%").rstrip("。")
    found = re.fullmatch(r"(\d+(?:\.\d+)?)%?", core)
    return _decimal(found[1]) if found else None
