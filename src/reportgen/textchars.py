"""Characters that XML 1.0 cannot hold: refused in data, dropped by the writer, escaped in messages.

C0 control characters other than tab, line feed, carriage return and vertical tab (which
Word uses for a manual line break, and the writer turns into one), the non-characters
U+FFFE and U+FFFF, and lone surrogates (which JSON's ``\\ud800`` escapes can produce).
One definition serves the three places: validation refuses them with the field's location,
the document writer drops any that reach it by another way, and every message shown to a
user escapes them, so that printing can never fail on them.
"""

from __future__ import annotations

import re

ILLEGAL = re.compile("[\x00-\x08\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def code_point(char: str) -> str:
    """``U+0001``: how a character is named in a message."""
    return f"U+{ord(char):04X}"


def described(char: str) -> str:
    """``不可见的控制字符 U+0001`` or ``无效字符 U+FFFE``: an illegal character in a message."""
    return f"{'不可见的控制字符' if char < ' ' else '无效字符'} {code_point(char)}"


def shown(text: str) -> str:
    """``text`` safe to print: every illegal character written as its code point in brackets."""
    if not ILLEGAL.search(text):
        return text
    return ILLEGAL.sub(lambda m: f"[{code_point(m.group())}]", text)
