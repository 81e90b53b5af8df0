"""A data file's plain values written out: as YAML for the user, as JSON for storage and
``.json`` data files — decimals exact, keys in their order, Chinese as it is.

The values are the data format's (dict, list, str, int, Decimal, bool, None; a date read
from YAML); both texts read back through :func:`reportgen.data.sources.read_data`.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

import yaml

__all__ = ["to_json", "to_yaml"]


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
