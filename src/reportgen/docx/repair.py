"""Put right what office programs write against the schema, where the meaning is certain.

A draft comes back from an editor's office program, and ``update`` and ``finalize`` write it
out again. LibreOffice (7.x, verified by the corpus tests) writes three things the Open XML SDK
validator rejects and Word only tolerates:

- ``w:val="true"``/``"false"`` on elements whose values are only ``on``/``off``
  (``w:cantSplit``, ``w:tblHeader`` … — CT_OnOffOnly);
- ``w:pStyle`` before ``w:numFmt`` in a numbering level (the schema's order is fixed);
- a negative ``w:charSpace`` written as an unsigned 32-bit number (4294950911 for −16385).

Each is rewritten to the valid form of the same value; nothing else is touched.
"""

from __future__ import annotations

from reportgen.ooxml.elements import W_NS, Element, w, with_attribute

# The elements the Open XML SDK types CT_OnOffOnly (its ST_OnOffOnly allows "on" and "off" only).
ON_OFF_ONLY = frozenset(
    {
        "autoRedefine",
        "bidiVisual",
        "cantSplit",
        "flatBorders",
        "hidden",
        "hideMark",
        "linkedToFile",
        "locked",
        "noBorder",
        "noResizeAllowed",
        "noWrap",
        "personal",
        "personalCompose",
        "personalReply",
        "qFormat",
        "semiHidden",
        "tblHeader",
        "tcFitText",
        "unhideWhenUsed",
    }
)
_ON_OFF = {"true": "on", "1": "on", "false": "off", "0": "off"}
# CT_Lvl is a sequence: its children in this order.
LEVEL_ORDER = (
    "start",
    "numFmt",
    "lvlRestart",
    "pStyle",
    "isLgl",
    "suff",
    "lvlText",
    "lvlPicBulletId",
    "legacy",
    "lvlJc",
    "pPr",
    "rPr",
)
_SIGNED = ("charSpace",)
_PREFIX = f"{{{W_NS}}}"
_LEVEL = w("lvl")
_SEARCHED = (*(w(name) for name in sorted(ON_OFF_ONLY)), _LEVEL)


def repair_part(root: Element) -> int:
    """Rewrite ``root`` (a parsed part) in place; how many elements were put right."""
    repaired = 0
    val = w("val")
    for element in root.iter(*_SEARCHED):  # lxml finds the few elements concerned, not Python
        if element.tag == _LEVEL:
            repaired += _order_level(element)
        elif element.get(val) in _ON_OFF:
            element.set(val, _ON_OFF[element.get(val, "")])
            repaired += 1
    for name in _SIGNED:
        attribute = w(name)
        for element in with_attribute(root, attribute):
            if str(element.tag).startswith(_PREFIX):
                repaired += _signed(element, attribute)
    return repaired


def _order_level(level: Element) -> int:
    children = list(level)
    rank = {w(name): index for index, name in enumerate(LEVEL_ORDER)}
    ordered = sorted(children, key=lambda child: rank.get(str(child.tag), len(LEVEL_ORDER)))
    if ordered == children:
        return 0
    for child in children:
        level.remove(child)
    level.extend(ordered)
    return 1


def _signed(element: Element, name: str) -> int:
    value = element.get(name)
    if value is None or not value.isdigit():
        return 0
    number = int(value)
    if 2**31 <= number < 2**32:
        element.set(name, str(number - 2**32))
        return 1
    return 0
