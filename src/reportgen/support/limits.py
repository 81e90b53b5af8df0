"""Every bound on input, in one place: what a hostile or broken file may not exceed.

Reading refuses input beyond these bounds with a clear Chinese error before doing the
expensive work (expanding YAML aliases, inflating zip members, building merged cells),
so that a small file cannot take unbounded time or memory. Each bound is far above what a
real unit's data needs, by a factor of ten or more:

* Files. A real data file (YAML/JSON) is under 1 MB (the largest example is 30 KB; a report
  with 3,000 indicators is about 1.5 MB of YAML), a staff workbook under 1 MB, a multi-unit
  workbook of 500 units a few MB, a draft .docx a few MB with pictures.
  ``MAX_TEXT_FILE`` = 32 MiB; ``MAX_ARCHIVE_FILE`` = 128 MiB.
* Zip members (.xlsx and .docx). Decompressed, a real worksheet is under 10 MB and
  ``word/document.xml`` under 5 MB; a pasted photograph is 2–10 MB (already compressed, so it
  hardly shrinks). ``MAX_MEMBER`` = 64 MiB each, ``MAX_TOTAL`` = 256 MiB together,
  ``MAX_MEMBERS`` = 5,000 members. Office XML compresses 5–30 times; a member larger than
  ``RATIO_FLOOR`` (1 MiB) may not inflate more than ``MAX_RATIO`` = 200 times its stored
  size (zip bombs inflate 1,000 times and more). These are checked from the central
  directory and again while reading, since declared sizes can lie.
* XML parts of a draft (.docx) are parsed with libxml2's default limits: elements nested at
  most 256 deep and 10 MB of text in one node (a real document nests about 10 deep).
* Workbooks. Merged ranges in a real workbook are titles and unit names merged down a unit's
  rows: a few thousand cells for 500 units. ``MAX_MERGED_CELLS`` = 200,000 cells in all.
  A staff workbook has about 1,000 cells, a multi-unit workbook of 500 units with 30
  indicators each about 200,000; openpyxl needs about 1 KB and 10–25 µs per cell, so
  ``MAX_CELLS`` = 500,000 cells (with shared-string items) keeps a workbook below 10 s and 1 GB.
* YAML and JSON structure. Real data nests at most 6 levels (indicators → item → target →
  map) and has about 15 values per indicator: 50,000 values for 3,000 indicators.
  ``MAX_DEPTH`` = 64 levels, ``MAX_NODES`` = 500,000 values after expanding aliases,
  ``MAX_ALIASES`` = 10,000 alias uses (real data uses anchors rarely, if at all).
* Numbers. Amounts are below 1e13 元 (a province's whole budget), counts below 1e10,
  rates and weights a few digits; data typed by hand has at most 4 decimals, Excel keeps
  15–17 significant digits and leaves float residues around 1e-17. So a number must have
  an absolute value of at most ``MAX_MAGNITUDE`` = 1e15, at least ``MIN_MAGNITUDE`` = 1e-20
  unless it is zero, and at most ``MAX_SIGNIFICANT`` = 20 significant digits; an integer
  written in a JSON/YAML file at most ``MAX_INT_DIGITS`` = 30 digits (Python refuses to
  convert more than 4,300). A number written with an exponent beyond ``MAX_EXPONENT`` = 1000
  (``1e99999999``) is read as ±1e1001 or ±1e-1001 (:func:`clamped`): out of range for every
  field all the same, and converting it to an integer no longer takes minutes. A head count
  (人员情况) is at most ``MAX_COUNT`` = 10,000,000.
* Text. The longest narrative text of a real report is a few thousand characters.
  ``MAX_TEXT`` = 1,000,000 characters in one value.
"""

from __future__ import annotations

from decimal import Decimal

MiB = 1024 * 1024

MAX_TEXT_FILE = 32 * MiB
MAX_ARCHIVE_FILE = 128 * MiB

MAX_MEMBER = 64 * MiB
MAX_TOTAL = 256 * MiB
MAX_MEMBERS = 5_000
MAX_RATIO = 200
RATIO_FLOOR = 1 * MiB

MAX_MERGED_CELLS = 200_000
MAX_CELLS = 500_000

MAX_DEPTH = 64
MAX_NODES = 500_000
MAX_ALIASES = 10_000

MAX_MAGNITUDE = Decimal("1e15")
MIN_MAGNITUDE = Decimal("1e-20")
MAX_SIGNIFICANT = 20
MAX_INT_DIGITS = 30
MAX_COUNT = 10_000_000
MAX_EXPONENT = 1000

MAX_TEXT = 1_000_000


def size_text(size: int) -> str:
    """A byte count as people read it: ``64 MB``, ``512 KB``."""
    if size >= MiB:
        return f"{size / MiB:.0f} MB"
    return f"{max(size // 1024, 1)} KB"


def number_problem(value: Decimal) -> str:
    """Why ``value`` is out of range (Chinese, with the fix), or "" when it is within bounds."""
    if not value.is_finite():
        return "数值超出范围：应为有限的数字。"
    if value == 0:
        return ""
    magnitude = value.copy_abs()  # exact, no context: 1e99999999 would overflow abs()
    if magnitude > MAX_MAGNITUDE:
        return "金额过大/数值超出范围：绝对值不能超过 1000 万亿（1e15），请检查是否多写了数字或填错了单位。"
    if magnitude < MIN_MAGNITUDE:
        return "数值超出范围：不为零的数值绝对值不能小于 1e-20，请检查是否填错了数字或单位。"
    digits = len("".join(map(str, value.as_tuple().digits)).rstrip("0"))  # significant digits, exactly
    if digits > MAX_SIGNIFICANT:
        return f"数值超出范围：有效数字不能超过 {MAX_SIGNIFICANT} 位（现为 {digits} 位），请四舍五入后再填写。"
    return ""


def clamped(value: Decimal) -> Decimal:
    """``value``, or ±1e1001 / ±1e-1001 when its exponent is beyond ``MAX_EXPONENT`` (see above)."""
    if not value.is_finite() or value == 0 or abs(value.adjusted()) <= MAX_EXPONENT:
        return value
    exponent = MAX_EXPONENT + 1 if value.adjusted() > 0 else -(MAX_EXPONENT + 1)
    return Decimal(f"{'-' if value < 0 else ''}1E{exponent:+d}")
