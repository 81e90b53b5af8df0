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


def parse_path(text: str) -> PathKey:
    """``indicators[3].target`` → ``('indicators', 3, 'target')``; '' → ``()``."""
    parts: list[str | int] = []
    for dotted in text.split(".") if text else ():
        name, _, rest = dotted.partition("[")
        if name:
            parts.append(name)
        for index in rest.split("[") if rest else ():
            number = index.rstrip("]")
            parts.append(int(number) if number.isdigit() else number)
    return tuple(parts)
