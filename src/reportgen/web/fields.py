"""The data editor's forms, derived from the workbook layout so that the two never disagree.

Every section of the data format is one :class:`FormSection`: a *form* (单位信息, 年度资金,
其他情况: one value per field, each field's path from the top of the data) or a *repeating*
table (项目支出, 绩效指标, …: a list at ``section.path``, each field's path inside an item).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.data.fieldpath import PathKey
from reportgen.data.layout import SHEETS, Field, Sheet


@dataclass(frozen=True)
class FormField:
    """One editable field: its path, Chinese label, kind, drop-down choices and hint."""

    path: PathKey  # from the top of the data in a form; inside an item in a repeating section
    label: str
    kind: str  # a CellKind value: text, amount, int, value, choice, bool, date
    hint: str = ""
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (shown, stored)
    strict: bool = True  # only the choices are accepted (else other text only warns)
    money: bool = False  # an amount in the data's money unit


@dataclass(frozen=True)
class FormSection:
    """One section of the editor, titled as the workbook's sheet."""

    title: str
    path: PathKey  # the list's path for a repeating section; () for a form
    repeating: bool
    required: bool
    fields: tuple[FormField, ...]

    def field(self, path: PathKey) -> FormField | None:
        """The field at ``path`` (inside an item for a repeating section), if there is one."""
        return next((f for f in self.fields if f.path == path), None)


def _field(field: Field) -> FormField:
    return FormField(
        path=field.path,
        label=field.label,
        kind=field.kind.value,
        hint=field.hint,
        required=field.required,
        choices=field.choices,
        strict=field.strict,
        money=field.money,
    )


def _section(sheet: Sheet) -> FormSection:
    return FormSection(
        title=sheet.title,
        path=() if sheet.form else sheet.path,
        repeating=not sheet.form,
        required=sheet.required,
        fields=tuple(_field(f) for f in sheet.fields),
    )


_SECTIONS = tuple(_section(sheet) for sheet in SHEETS)


def sections() -> list[FormSection]:
    """Every section of the data format, in the workbook's order."""
    return list(_SECTIONS)
