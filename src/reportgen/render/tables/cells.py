"""Cells as every report table writes them: centred by default, 【待补充】 for a missing amount."""

from __future__ import annotations

from decimal import Decimal

from reportgen.data.vocabulary import placeholder
from reportgen.figures.fmt import amount
from reportgen.render.blocks import Align, Cell, VMerge


def cell(
    text: object = "", span: int = 1, *, vmerge: VMerge = None, align: Align = "center", bold: bool = False
) -> Cell:
    """A cell of ``text`` spanning ``span`` grid columns."""
    return Cell(str(text), span, vmerge, align, bold)


def amount_or_todo(value: Decimal | None) -> str:
    """An amount, or the placeholder while the data does not give it yet."""
    return placeholder() if value is None else amount(value)


__all__ = ["amount_or_todo", "cell"]
