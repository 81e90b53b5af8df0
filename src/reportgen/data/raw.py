"""The hand-off from readers to validation: plain values and where each field was read.

Apart from :mod:`reportgen.data.sources` so that every reader (the YAML and JSON ones there,
the workbook reader in :mod:`reportgen.data.excel`) uses it without importing another reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportgen.data.fieldpath import PathKey, format_path

__all__ = ["PathKey", "RawData", "format_path"]


@dataclass(frozen=True)
class RawData:
    """Plain values read from a file, with the location of each field where known."""

    file: str
    data: Any
    locations: dict[PathKey, str] = field(default_factory=dict)

    def locate(self, path: PathKey) -> str:
        """The location of ``path``, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            found = self.locations.get(path[:end])
            if found:
                return found
        return ""
