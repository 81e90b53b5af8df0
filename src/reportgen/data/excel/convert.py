"""Cell values ↔ data values, by the kind of field.

Reading gives what the YAML reader would: ``int`` for whole numbers, ``Decimal`` for the
others (from the float's shortest text, at most 15 significant digits as Excel shows it),
``str`` for text, ``bool`` for 是/否, ``date`` for dates. What cannot be understood is kept
as text, so that validation names the cell and says how to write it.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from openpyxl.utils.datetime import from_excel

from reportgen.data.layout import CellKind, Field
from reportgen.data.values import ValueParseError, parse_value

_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_TRUE, _FALSE = ("是", "true", "yes", "y", "适用"), ("否", "false", "no", "n", "不适用")
_EXCEL_DIGITS = 15


def number(value: float | int | Decimal) -> int | Decimal:
    """A number from a cell: whole numbers as int, others as Decimal (0.1 stays 0.1)."""
    if isinstance(value, float):
        exact = Decimal(repr(value))
        if not exact.is_finite():
            return exact  # 1e999 in the file: validation says the number is out of range
        if len(exact.as_tuple().digits) > _EXCEL_DIGITS:
            exact = Decimal(format(value, f".{_EXCEL_DIGITS}g"))
        value = exact
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        return int(value)
    return value


def _plain(value: int | Decimal) -> str:
    return str(value) if isinstance(value, int) else format(value.normalize(), "f")


def _percent(value: int | Decimal) -> str:
    return f"{_plain(number(Decimal(value) * 100))}%"


def from_cell(value: object, number_format: str, field: Field) -> object:
    """The data value of a (non-blank) cell for ``field``."""
    kind = field.kind
    if kind is CellKind.TEXT and type(value) is str:  # most cells: what from_text gives text for TEXT
        return value.replace("\r\n", "\n")
    if isinstance(value, bool):
        return value if kind is CellKind.BOOL else ("TRUE" if value else "FALSE")
    if isinstance(value, int | float | Decimal):
        found = number(value)
        if kind is CellKind.DATE:
            return _serial_date(found)
        if kind in (CellKind.TEXT, CellKind.VALUE, CellKind.CHOICE) and "%" in number_format:
            return _percent(found)
        if kind in (CellKind.TEXT, CellKind.CHOICE):
            return _plain(found)
        return found
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()  # a date cell
    if isinstance(value, datetime.date):
        return value if kind is CellKind.DATE else value.isoformat()
    text = str(value).replace("\r\n", "\n")
    return from_text(text, field)


def _serial_date(serial: int | Decimal) -> object:
    """An Excel day number in a date field (a date cell that lost its format)."""
    try:
        day = from_excel(float(serial))
    except (ValueError, OverflowError):
        return serial
    return day.date() if isinstance(day, datetime.datetime) else serial


def from_text(text: str, field: Field) -> object:
    """The data value of text typed for ``field`` (a cell's text, or a form field's)."""
    kind, stripped = field.kind, text.strip()
    if kind in (CellKind.AMOUNT, CellKind.INT) and _PLAIN_NUMBER.fullmatch(stripped):
        return number(Decimal(stripped))
    if kind is CellKind.CHOICE:
        return _choices(field).get(stripped.lower(), stripped)
    if kind is CellKind.BOOL:
        if stripped.lower() in _TRUE:
            return True
        return False if stripped.lower() in _FALSE else stripped
    if kind is CellKind.DATE and (m := _DATE.fullmatch(stripped)):
        try:
            return datetime.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return stripped  # an impossible date: validation explains it
    if kind is CellKind.TEXT:
        return text
    return stripped


_CHOICES: dict[Field, dict[str, str]] = {}


def _choices(field: Field) -> dict[str, str]:
    """The stored value of each choice by its shown or stored text in lower case, the first
    choice that has the text winning (a cell's text is looked up for every row)."""
    found = _CHOICES.get(field)
    if found is None:
        found = {}
        for shown, stored in field.choices:
            found.setdefault(shown.lower(), stored)
            found.setdefault(stored.lower(), stored)
        _CHOICES[field] = found
    return found


def to_cell(value: object, field: Field) -> object:
    """What to write into the cell of ``field`` for a data value."""
    if value is None:
        return None
    kind = field.kind
    if kind is CellKind.CHOICE:
        return field.shown(value)
    if kind is CellKind.BOOL and isinstance(value, bool):
        return "是" if value else "否"
    if kind is CellKind.VALUE and isinstance(value, dict):
        try:
            return parse_value(value).text
        except ValueParseError:
            return str(value)
    if isinstance(value, str | int | float | Decimal | datetime.date):
        return value
    return str(value)
