"""A report's data as stored and downloaded: the data format's plain values (dict, list, str,
int, Decimal, bool, None; a date read from YAML) as JSON in the database and as YAML for the
user, decimals exact. Stored data is read back by the data format's JSON reader."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

import yaml

from reportgen.data.sources import RawData
from reportgen.data.sources.json_source import read_json


def to_json(value: Any) -> str:
    """``value`` as JSON text; a Decimal is written as the number it is (never through float)."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(str(k), ensure_ascii=False)}:{to_json(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(to_json(v) for v in value) + "]"
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"not a number the data format can hold: {value}")
        return str(value)
    if isinstance(value, datetime.date):  # YAML's dates; the JSON data format writes them as text
        return json.dumps(value.isoformat())
    return json.dumps(value, ensure_ascii=False)


def from_json(text: str, name: str) -> RawData:
    """Stored JSON back as raw data, read by the data format's own JSON reader."""
    return read_json(text, name)


class _Dumper(yaml.SafeDumper):
    pass


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = str(value)
    tag = "tag:yaml.org,2002:float" if ("." in text or "E" in text) else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


_Dumper.add_representer(Decimal, _decimal)


def _plain(value: Any) -> Any:
    """The JSON reader's own dict subclass as a plain dict (which YAML can write)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def to_yaml(data: Any) -> str:
    """``data`` as a YAML data file (keys in their order, Chinese as it is)."""
    return yaml.dump(_plain(data), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
