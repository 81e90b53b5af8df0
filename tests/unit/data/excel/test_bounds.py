"""Hostile and broken workbooks end in a clear error naming the workbook or the cell.

Zip bombs (members that inflate to gigabytes, sizes that lie), merged ranges over whole
columns, corrupt compressed data, a sheet whose name differs from a real one only by a
space, numbers beyond range in a cell: bounded before openpyxl builds anything.
"""

from __future__ import annotations

import io
import re
import struct
from pathlib import Path

import pytest

from fuzzing.mutate import _bomb
from hostile import GIB, members, no_traceback, rezip, run_limited
from reportgen.api import load
from reportgen.data.excel import write_workbook
from reportgen.data.excel.grid import open_grids
from reportgen.data.sources import read_data
from reportgen.errors import DataError
from samples import LINGLING

INDICATORS = "xl/worksheets/sheet6.xml"  # 绩效指标, as write_workbook orders the sheets
FUNDS = "xl/worksheets/sheet3.xml"  # 年度资金


@pytest.fixture(scope="module")
def book() -> bytes:
    out = io.BytesIO()
    write_workbook(out, read_data(LINGLING).data)
    return out.getvalue()


def saved(tmp_path: Path, data: bytes, name: str = "data.xlsx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def message(path: Path) -> str:
    with pytest.raises(DataError) as caught:
        load(path)
    return caught.value.render()


def with_merge(data: bytes, ref: str) -> bytes:
    sheet = members(data)[INDICATORS]
    merged = f'<mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'.encode()
    return rezip(data, {INDICATORS: sheet.replace(b"</sheetData>", b"</sheetData>" + merged, 1)})


def test_the_sheet_parts_are_as_the_tests_expect(book: bytes) -> None:
    assert "绩效指标".encode() in members(book)["xl/workbook.xml"]
    assert b"<sheetData>" in members(book)[INDICATORS]


def test_a_merged_whole_column_is_refused_before_loading(tmp_path: Path, book: bytes) -> None:
    path = saved(tmp_path, with_merge(book, "A2:A1048576"))
    result = run_limited("validate", path, timeout=60)
    assert result.returncode == 1
    assert "合并的单元格共有 1048575 个，超过 200000 个" in no_traceback(result)


def test_a_large_merged_range_within_the_bound_is_read_quickly(tmp_path: Path, book: bytes) -> None:
    grids = open_grids(saved(tmp_path, with_merge(book, "M2:M150000")))  # openpyxl alone: about 20 s
    assert grids["绩效指标"].cell(90000, 13).where == "绩效指标!M2"


@pytest.mark.parametrize("size", [70 * 2**20, 1100 * 2**20], ids=["70MB", "1.1GB"])
def test_a_zip_bomb_member_is_refused_within_the_memory_limit(tmp_path: Path, book: bytes, size: int) -> None:
    bomb = io.BytesIO(_bomb("xl/worksheets/sheet1.xml", size))
    import zipfile

    with zipfile.ZipFile(bomb, "a") as package:
        for name, blob in members(book).items():
            if name != "xl/worksheets/sheet1.xml":
                package.writestr(name, blob)
    path = saved(tmp_path, bomb.getvalue())
    result = run_limited("validate", path, memory=GIB, timeout=60)
    output = no_traceback(result)
    assert result.returncode == 1
    assert "部件“xl/worksheets/sheet1.xml”" in output and "超出了可处理的范围" in output


def lie(data: bytes, name: bytes, size: int) -> bytes:
    """The central directory of ``data`` claims ``size`` uncompressed bytes for member ``name``."""
    out = bytearray(data)
    for match in re.finditer(rb"PK\x01\x02", data):
        start = match.start()
        length = struct.unpack("<H", data[start + 28 : start + 30])[0]
        if data[start + 46 : start + 46 + length] == name:
            out[start + 24 : start + 28] = struct.pack("<I", size)
    return bytes(out)


@pytest.mark.parametrize(
    ("size", "expected"), [(10, "校验和不符|已损坏"), (2**31, "解压后有 2048 MB")], ids=["smaller", "larger"]
)
def test_member_sizes_that_lie_are_caught(tmp_path: Path, book: bytes, size: int, expected: str) -> None:
    assert re.search(expected, message(saved(tmp_path, lie(book, INDICATORS.encode(), size))))


def test_corrupt_compressed_data_is_a_damaged_file(tmp_path: Path, book: bytes) -> None:
    data = bytearray(book)
    start = data.index(b"PK\x03\x04", data.index(INDICATORS.encode()) - 40)
    data[start + 200 : start + 260] = bytes(range(60))
    assert "文件已损坏，无法解压" in message(saved(tmp_path, bytes(data)))


def test_a_sheet_named_like_a_real_one_plus_a_space_is_not_silently_preferred(tmp_path: Path, book: bytes) -> None:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(book))
    workbook.create_sheet("绩效指标 ")
    out = io.BytesIO()
    workbook.save(out)
    text = message(saved(tmp_path, out.getvalue()))
    assert "有两个工作表“绩效指标”和“绩效指标 ”" in text
    assert "请删除或重命名其中一个" in text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (b"1e999", "数值超出范围：应为有限的数字，现为“Infinity”"),
        (b"-1e999", "数值超出范围：应为有限的数字"),
        (b"1e27", "金额过大/数值超出范围"),
        (b"1e-31", "数值超出范围：不为零的数值绝对值不能小于 1e-20"),
    ],
    ids=["inf", "minus-inf", "huge", "tiny"],
)
def test_a_number_cell_beyond_range_names_the_cell(tmp_path: Path, book: bytes, value: bytes, expected: str) -> None:
    sheet = members(book)[FUNDS]
    changed = re.sub(
        rb'(<c r="B2"[^>]*?)(?: t="\w+")?(\s*s="\d+")?>.*?</c>',
        rb'\1\2 t="n"><v>' + value + rb"</v></c>",
        sheet,
        count=1,
    )
    assert changed != sheet
    checked = load(saved(tmp_path, rezip(book, {FUNDS: changed})))
    assert [(i.location, i.path) for i in checked.errors] == [("年度资金!B2", "budget.initial")]
    assert expected in checked.errors[0].message


def test_not_a_zip_keeps_its_hint_about_old_xls_files(tmp_path: Path) -> None:
    assert "如果是旧版 .xls 文件" in message(saved(tmp_path, "这不是工作簿".encode()))


def test_an_infinity_written_by_another_program_is_named_not_missing(tmp_path: Path, book: bytes) -> None:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(book))
    funds = workbook["年度资金"]
    cell = next(row[1] for row in funds.iter_rows() if row[0].value == "年初预算数")
    cell.value = float("inf")  # openpyxl stores it as an empty <v></v>
    out = io.BytesIO()
    workbook.save(out)
    text = message(saved(tmp_path, out.getvalue()))
    assert f"年度资金!{cell.coordinate}: budget.initial（年初预算数）: 单元格的数值无效" in text
    assert "缺少必填项" not in text


def test_a_workbook_with_more_cells_than_any_real_one_is_refused_before_loading(
    tmp_path: Path, book: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportgen.support import limits

    monkeypatch.setattr(limits, "MAX_CELLS", 100)
    assert "个单元格（含共享文字），超过 100 个" in message(saved(tmp_path, book))


def test_a_broken_sheet_is_named_by_its_title(tmp_path: Path, book: bytes) -> None:
    broken = members(book)[FUNDS].replace(b"</sheetData>", b"</sheetDat>", 1)
    with pytest.raises(DataError) as caught:
        load(saved(tmp_path, rezip(book, {FUNDS: broken})))
    [issue] = caught.value.issues
    assert issue.message.startswith(f"文件中的工作表“年度资金”（{FUNDS}）不是有效的 XML")
    assert re.fullmatch(r"第\d+行第\d+列", issue.location)
