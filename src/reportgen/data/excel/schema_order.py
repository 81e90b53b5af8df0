"""openpyxl writes a font's children in an order the Open XML SDK's validator rejects: fixed here.

openpyxl serialises ``<font>`` as name, family, color, sz …; the SDK's schema for CT_Font is a
sequence b, i, strike, condense, extend, outline, shadow, u, vertAlign, sz, color, name, family,
charset, scheme (the order Excel itself writes). Every workbook reportgen writes goes through
openpyxl, and this package is imported before any of them is saved, so setting the order of
``Font.__elements__`` (the tuple openpyxl's serialiser walks) once makes every styles part
valid (tests/acceptance/test_ooxml_validity.py). Reading does not depend on the order.
"""

from __future__ import annotations

from openpyxl.styles.fonts import Font

SDK_FONT_ORDER = (
    "b",
    "i",
    "strike",
    "condense",
    "extend",
    "outline",
    "shadow",
    "u",
    "vertAlign",
    "sz",
    "color",
    "name",
    "family",
    "charset",
    "scheme",
)


def use_sdk_font_order() -> None:
    """Make openpyxl write ``<font>`` children in the SDK's order (idempotent).

    An openpyxl whose fonts have other children is left alone (its files stay readable).
    """
    if set(Font.__elements__) == set(SDK_FONT_ORDER):
        Font.__elements__ = SDK_FONT_ORDER
