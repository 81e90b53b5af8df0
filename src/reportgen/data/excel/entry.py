"""A cell as the workbook reader keeps it: its value, number format and problem, if any."""

from __future__ import annotations

NO_RESULT = (
    "单元格是公式，但文件中没有保存计算结果（文件可能由程序生成、未在 Excel 中保存过）："
    "请在 Excel 或 WPS 中打开并保存一次后再试，或直接填写数值。"
)

Entry = tuple[object, str, str]  # value (None when blank or a problem), number format, problem
Cells = dict[tuple[int, int], Entry]  # by row and column


def entry(value: object, data_type: str, number_format: str, formula: bool) -> Entry:
    """A cell's entry from openpyxl's value and data type (data only) and whether it has a formula."""
    if data_type == "e":
        return None, number_format, error_value(value)
    if isinstance(value, str) and not value.strip():
        value = None
    if value is None and formula:
        return None, number_format, NO_RESULT
    return value, number_format, ""


def error_value(value: object) -> str:
    return f"单元格的值是错误值 {value}：请改正公式，或直接填写数值。"
