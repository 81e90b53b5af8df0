"""Field paths into the data: ``('indicators', 3, 'target')`` ↔ ``indicators[3].target``."""

from __future__ import annotations

PathKey = tuple[str | int, ...]


def format_path(path: PathKey) -> str:
    """``('indicators', 3, 'target')`` → ``indicators[3].target``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out
