"""Import speed: the seeds' tables and a large synthetic target table, read and mapped.

Prints, for each seed fixture and for a synthetic 部门整体 table of N indicator rows (Word and
Excel), the time to read the file into grids, to map the grids to data, and the whole import;
then, on identical content, the time python-docx and openpyxl take merely to give every cell's
text (the peers a hand-written importer would start from) and the ratio. Asserts nothing.

Run: python benchmarks/import_speed.py [--rows 300 3000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "helpers"))

import seed_tables  # noqa: E402
from reportgen.data.importing.files import read_document  # noqa: E402
from reportgen.data.importing.mapper import import_tables  # noqa: E402


def best(action: Callable[[], object], repeat: int) -> float:
    """The median of ``repeat`` runs, in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def synthetic_docx(rows: int) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("2024年部门整体支出绩效目标表")
    table = document.add_table(rows=rows + 3, cols=5)
    cells = [row.cells for row in table.rows]
    for r, texts in enumerate(_rows(rows)):
        for c, text in enumerate(texts):
            cells[r][c].text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def synthetic_xlsx(rows: int) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["2024年部门整体支出绩效目标表"])
    for texts in _rows(rows):
        sheet.append(texts)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rows(rows: int) -> list[list[str]]:
    head = [
        ["部门名称", "某县司法局", "", "", ""],
        ["资金总额", "1000", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值", "权重"],
    ]
    return head + [["产出指标", "数量指标", f"第{i}项工作的数量", f"≥{i + 1}件", "1"] for i in range(rows)]


def peer_docx(data: bytes) -> int:
    import docx

    document = docx.Document(io.BytesIO(data))
    return sum(len(cell.text) for table in document.tables for row in table.rows for cell in row.cells)


def peer_xlsx(data: bytes) -> int:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), data_only=True)
    return sum(len(str(cell.value or "")) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row)


def measure(name: str, data: bytes, suffix: str, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{name}{suffix}"
        path.write_bytes(data)
        doc = read_document(path)
        read = best(lambda: read_document(path), repeat)
        mapped = best(lambda: import_tables(doc), repeat)
        peer = best(lambda: (peer_docx if suffix == ".docx" else peer_xlsx)(data), repeat)
        cells = sum(g.height * g.width for g in doc.grids)
        tool = "python-docx" if suffix == ".docx" else "openpyxl"
        total = read + mapped
        print(
            f"{name:28} {cells:7} cells  read {read:8.1f} ms  map {mapped:8.1f} ms  import {total:8.1f} ms"
            f"  | {tool} cell texts only {peer:8.1f} ms  ratio {total / peer:5.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[300, 3000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for name, build in seed_tables.FIXTURES.items():
        if name.endswith((".docx", ".xlsx")) and "table" not in name:
            measure(name.rsplit(".", 1)[0], build(), "." + name.rsplit(".", 1)[1], args.repeat)
    for rows in args.rows:
        measure(f"synthetic-{rows}", synthetic_docx(rows), ".docx", args.repeat)
        measure(f"synthetic-{rows}", synthetic_xlsx(rows), ".xlsx", args.repeat)


if __name__ == "__main__":
    main()
