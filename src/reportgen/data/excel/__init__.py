"""Excel workbooks (.xlsx): the fillable staff workbook, multi-unit workbooks, simple tables.

The only importer of openpyxl. Readers return :class:`~reportgen.data.raw.RawData` with the
same plain values the YAML reader gives, and a location such as ``绩效指标!E7`` for every
field, so that validation errors name the cell to fix.

Single-unit workbook (:func:`write_workbook`, :func:`read_workbook`), one sheet per part of
the data, headers being the Chinese labels of :mod:`reportgen.data.labels`:

* 说明: instructions and a worked example; never read.
* Forms, rows ``字段 | 内容 | 填写说明``: 单位信息 (format, kind, year, money_unit, unit.*
  with the staff counts, project.*, date, scoring), 年度资金 (budget.*, by_source.*,
  by_nature.*), 其他情况 (application, other). Only 内容 is read.
* Tables, a header row and one row per item: 项目支出 (projects), 年度目标 (goals), 绩效指标
  (indicators), 绩效情况 (performance), 存在问题 (problems), 改进措施 (measures), 职能职责
  (unit.functions) and 内设机构 (unit.departments), the last two one text per row.

Multi-unit workbook (:func:`write_units_workbook`, :func:`read_units`): the same sheets, but
every sheet's rows are keyed by a 单位名称 column that names the unit. The forms become
tables with one row per unit and the field labels as columns (in 单位信息 the 单位名称
column is ``unit.name`` itself, and defines the units in order); the other sheets hold any
number of rows per unit, and the 单位名称 cells may be merged down a unit's rows. A
workbook is multi-unit when the header row of 单位信息 has 单位名称 instead of 字段/内容.
:func:`read_units_apart` (for batches) fails only the units a duplicate, blank or unknown
单位名称 concerns, instead of the whole workbook; :func:`read_multi_unit` gives the same for a
multi-unit workbook and None for any other file, opening it once (batches plan with it).

Reading, as a person would expect: sheets and columns are found by their title and header
text (the English key or dotted path is accepted too; a 序号 column is ignored), so their
order does not matter; blank rows are skipped; a vertically merged range gives its value to
every row it spans; the saved results of formulas are read; numbers stored as text are
numbers, and floats become Decimals from their shortest text (0.1 stays 0.1); 是/否 are
booleans; 部门整体支出/项目支出 and 正向/反向 are read as their codes, the codes accepted too.
A missing required sheet (单位信息, 年度资金), an unknown column in a known sheet,
a formula without a saved result, and an Excel error value are :class:`DataError` issues
naming the cell; unknown sheets are ignored.
"""

from __future__ import annotations

from reportgen.data.excel.reader import is_multi_unit, read_multi_unit, read_units, read_units_apart, read_workbook
from reportgen.data.excel.schema_order import use_sdk_font_order
from reportgen.data.excel.table import Link, write_table
from reportgen.data.excel.writer import unplaced, write_units_workbook, write_workbook

use_sdk_font_order()  # before any workbook is saved (schema_order)

__all__ = [
    "Link",
    "is_multi_unit",
    "read_multi_unit",
    "read_units",
    "read_units_apart",
    "read_workbook",
    "unplaced",
    "write_table",
    "write_units_workbook",
    "write_workbook",
]
