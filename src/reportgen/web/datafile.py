"""A report's data as stored and downloaded: the data format's plain values as JSON in the
database and as YAML for the user (written by :mod:`reportgen.data.sources.dump`). Stored data
is read back by the data format's JSON reader."""

from __future__ import annotations

from reportgen.data.sources import RawData
from reportgen.data.sources.dump import to_json, to_yaml
from reportgen.data.sources.json_source import read_json

__all__ = ["from_json", "to_json", "to_yaml"]


def from_json(text: str, name: str) -> RawData:
    """Stored JSON back as raw data, read by the data format's own JSON reader."""
    return read_json(text, name)
