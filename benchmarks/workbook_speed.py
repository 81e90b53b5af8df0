"""Reading a bureau's multi-unit workbook (issue 16): 100 and 1000 units × 27 indicators.

The workbooks are written once by reportgen's own multi-unit writer
(:func:`reportgen.data.excel.write_units_workbook`, as ``reportgen init --xlsx`` and the web
application's download write them; 1000 units take ~40 s to write) from the seeded units of
:mod:`synthetic`, each given 27 indicators, and kept in ``--folder`` for later runs.

Times, min of ``--repeat`` runs, each stage on its own:

- open + detect: the package read and checked, every sheet's cells read, the multi-unit
  layout found (:func:`open_grids` and the 单位信息 header);
- read: every sheet's rows as records (:func:`read_sheets`);
- split: the records grouped into units and built into each unit's data;
- plan: what ``reportgen batch WORKBOOK`` does before the first unit is rendered
  (:func:`reportgen.features.batch.run.plan`: all of the above, from one opening, and each
  unit's fingerprint), against the issue's goal of 3 s for 1000 units;
- validate: each unit's data validated and its figures computed (:func:`check_data`, which a
  batch's workers do before rendering each unit).

Before/after in the same run: "open (openpyxl cells)" is the same open with the cells bound by
openpyxl as before this change (:func:`grid._sheets_by_openpyxl`); before, a batch opened the
workbook twice (once to detect the layout). Peers, merely giving every cell's value: openpyxl
(normal and read-only, data only) and python-calamine. Asserts nothing.

Run: python benchmarks/workbook_speed.py [--sizes 100 1000] [--repeat 3] [--folder DIR]
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synthetic import unit_data  # noqa: E402

from reportgen.api import RenderOptions, check_data  # noqa: E402
from reportgen.data.excel import grid as excel_grid  # noqa: E402
from reportgen.data.excel import reader as excel_reader  # noqa: E402
from reportgen.data.excel import write_units_workbook  # noqa: E402
from reportgen.data.excel.package import open_package  # noqa: E402
from reportgen.data.excel.sheets import read_sheets  # noqa: E402
from reportgen.data.raw import RawData  # noqa: E402
from reportgen.features.batch import run as batch_run  # noqa: E402

INDICATORS = 27
GOAL_UNITS, GOAL_SECONDS = 1000, 3.0
ISSUE_SECONDS = 19.9  # the issue's figure for 1000 units, before


def unit(index: int) -> dict[str, Any]:
    """The seeded unit ``index`` with 27 indicators (its own, then copies under new names)."""
    data = unit_data(index)
    own: list[dict[str, Any]] = data["indicators"]
    extra = []
    for n in range(INDICATORS - len(own)):
        item = copy.deepcopy(own[n % len(own)])
        item["name"] = f"{item['name']}（{n + 2}）"
        extra.append(item)
    data["indicators"] = own + extra
    return data


def workbook(folder: Path, size: int) -> Path:
    path = folder / f"units-{size}x{INDICATORS}.xlsx"
    if not path.exists():
        started = time.perf_counter()
        partial = path.with_suffix(".partial")
        write_units_workbook(partial, [unit(i) for i in range(1, size + 1)])
        partial.replace(path)
        print(f"  wrote {path.name} in {time.perf_counter() - started:.1f} s")
    return path


def best(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def openpyxl_values(path: Path, read_only: bool) -> int:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=read_only, data_only=True)
    count = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            count += sum(1 for value in row if value is not None)
    return count


def calamine_values(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    count = 0
    for name in book.sheet_names:
        for row in book.get_sheet_by_name(name).to_python(skip_empty_area=False):
            count += sum(1 for value in row if value != "")
    return count


def split(path: Path, grids: dict[str, excel_grid.Grid]) -> list[RawData | Exception]:
    return list(excel_reader._apart(path, grids))


def validate(units: list[RawData | Exception]) -> int:
    return sum(1 for raw in units if isinstance(raw, RawData) and check_data(raw).report is not None)


def measure(path: Path, size: int, repeat: int) -> None:
    print(f"\n{size} units × {INDICATORS} indicators ({path.stat().st_size / 1e6:.1f} MB)")
    grids = excel_grid.open_grids(path)
    units = split(path, grids)
    failed = [u for u in units if not isinstance(u, RawData)]
    print(f"  {len(units)} units read, {len(failed)} failed")
    opened = best(repeat, lambda: excel_reader._keyed(excel_grid.open_grids(path)))
    read = best(repeat, lambda: read_sheets(grids, keyed=True, issues=[]))
    read_split = best(repeat, lambda: split(path, grids))
    planned = best(repeat, lambda: batch_run.plan([path], RenderOptions()))
    rows = [
        ("open + detect", opened),
        ("read (rows → records)", read),
        ("split (records → units)", read_split - read),
        ("plan (batch, one opening)", planned),
    ]
    package = open_package(path)
    before = best(1, lambda: excel_grid._sheets_by_openpyxl(package))
    after = best(repeat, lambda: excel_grid._sheets(package))
    rows += [
        ("  cells by openpyxl (before)", before),
        ("  cells from the XML (now)", after),
        ("validate each unit", best(1, lambda: validate(units))),
        ("peer: openpyxl, every value", best(1, lambda: openpyxl_values(path, read_only=False))),
        ("peer: openpyxl read-only", best(1, lambda: openpyxl_values(path, read_only=True))),
    ]
    try:
        rows.append(("peer: calamine, every value", best(repeat, lambda: calamine_values(path))))
    except ImportError:
        rows.append(("peer: calamine (pip install python-calamine)", float("nan")))
    for label, seconds in rows:
        print(f"  {label:<34} {seconds:8.3f} s   {seconds / size * 1000:7.2f} ms/unit")
    print(f"  cells: openpyxl binding {before / after:.1f}× the XML reader's time")
    if size == GOAL_UNITS:
        verdict = "meets" if planned <= GOAL_SECONDS else "misses"
        print(
            f"  goal: plan {planned:.2f} s vs ≤ {GOAL_SECONDS:.0f} s — {verdict} it "
            f"(issue's figure before: {ISSUE_SECONDS} s, {ISSUE_SECONDS / planned:.1f}× as long)"
        )
    else:
        print(f"  plan scaled to {GOAL_UNITS} units: {planned * GOAL_UNITS / size:.2f} s (goal ≤ {GOAL_SECONDS:.0f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "reportgen-workbook-speed")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    import subprocess

    baseline = best(
        3,
        lambda: subprocess.run([sys.executable, "-c", "pass"], check=True),
    )
    print(f"python -c pass: {baseline * 1000:.0f} ms (a process's start here)")
    for size in args.sizes:
        measure(workbook(args.folder, size), size, args.repeat)
    print(f"\n(total {time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
