"""Where the built-in narratives and styles live, in a checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # src/reportgen


def builtin_dir(name: str) -> Path:
    """The built-in ``narratives`` or ``styles`` folder.

    An installed wheel carries them in ``reportgen/_data``; an editable install or a source
    checkout uses the folders at the repository root, so edits there take effect at once.
    """
    shipped = _PACKAGE / "_data" / name
    if shipped.is_dir():
        return shipped
    return _PACKAGE.parent.parent / name
