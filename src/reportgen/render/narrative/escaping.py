"""How values enter the Markdown that templates produce.

The environment autoescapes, with Markdown escaping in ``finalize``: every plain
``{{ value }}`` becomes literal text (a unit name with ``*`` or ``#`` prints as written),
while macro output, already Markdown, passes through untouched — Jinja marks it safe, the
way it does for HTML. The HTML entities that autoescaping adds on the way are undone once,
by :func:`unescape`, after rendering.

Staff-written Markdown passes through the ``md`` filter, which keeps it Markdown but
defuses what would break the report: a backslash (staff write paths such as
``C:\\temp\\*.xlsx``, not Markdown escapes), a leading ``#`` (a heading), a single ``*`` or
``_`` (italics — "1500元/人*86人" is a product, not emphasis) and the private marker character
used for tables, roles and page breaks.
"""

from __future__ import annotations

import html
import re
from decimal import Decimal

from markupsafe import Markup
from markupsafe import escape as html_escape

MARK = "\ue000"  # private-use character framing markers; never kept in user text
_SPECIAL = re.compile(r"([\\`*_\[\]#<>|~])")
_SINGLE_EMPHASIS = re.compile(r"(?<![*])([*_])(?![*])")
_LEADING_HASH = re.compile(r"^(\s*)#", re.MULTILINE)


def escape(value: object) -> object:
    """Jinja ``finalize``: a plain value becomes literal Markdown text."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}"
    text = str(value)
    if MARK in text:
        text = text.replace(MARK, "")
    return _SPECIAL.sub(_backslashed, text) if _SPECIAL.search(text) else text


def _backslashed(match: re.Match[str]) -> str:
    return "\\" + match[1]


def unescape(rendered: str) -> str:
    """Undo the HTML escaping that autoescape applied to every value exactly once."""
    return html.unescape(rendered)


def md(value: object) -> Markup:
    """Staff-written Markdown: kept as Markdown, made safe for the report."""
    if value is None:
        return Markup("")
    text = str(value).replace(MARK, "").replace("\r\n", "\n").strip("\n").replace("\\", "\\\\")
    text = _LEADING_HASH.sub(r"\1\\#", text)
    text = text.replace("**", MARK)
    text = _SINGLE_EMPHASIS.sub(r"\\\1", text).replace(MARK, "**")
    return Markup(html_escape(text))


def _marker(body: str) -> Markup:
    return Markup(f"\n\n{MARK}{body}{MARK}\n\n")


def table_marker(name: str) -> Markup:
    """A paragraph that the assembler replaces with the table called ``name``."""
    return _marker(f"table:{html_escape(name)}")


def page_break() -> Markup:
    """A paragraph that the assembler replaces with a page break."""
    return _marker("pagebreak")


def role_marker(role: str) -> Markup:
    """Put at the start of a paragraph to give it a role (signature, subtitle, note …)."""
    return Markup(f"{MARK}role:{html_escape(role)}{MARK}")


def key_marker(name: str) -> Markup:
    """Put at the start of a heading or paragraph: its stable key for ``reportgen update``."""
    return Markup(f"{MARK}key:{html_escape(str(name).replace(MARK, ''))}{MARK}")


def heading(level: int) -> Markup:
    """``{{ heading(3) }}`` → ``####``: a heading of level 3 (``#`` is the document title)."""
    return Markup("#" * (int(level) + 1))
