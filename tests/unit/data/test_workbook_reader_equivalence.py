"""The workbook reader's cells from the sheets' XML are those openpyxl gives, and a workbook is opened once.

:mod:`reportgen.data.excel.sheetxml` reads the cells itself (openpyxl reads the rest of the
package); :func:`reportgen.data.excel.grid._sheets_by_openpyxl` is the reader as it was, and
still reads workbooks of unusual XML. For every workbook here both give the same grids: the
same rows and columns, and for every cell the same value (and type), location, number
format, merged-ness and problem.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import random
import re
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from fuzzing.mutate import XLSX_MUTATIONS, inflate_member
from hostile import rezip
from reportgen.api import RenderOptions
from reportgen.data.excel import grid as excel_grid
from reportgen.data.excel import (
    is_multi_unit,
    read_multi_unit,
    read_units_apart,
    read_workbook,
    write_units_workbook,
    write_workbook,
)
from reportgen.data.excel.grid import NO_RESULT, Grid, open_grids
from reportgen.data.excel.package import BAD_NUMBER, open_package
from reportgen.data.excel.sheetxml import Unsupported
from reportgen.data.raw import RawData
from reportgen.errors import DataError
from reportgen.features.batch import run as batch

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "xlsx"
EXAMPLES = sorted((ROOT / "examples").glob("*/data.yaml"))
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

Dump = dict[str, Any]


def example(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def dump(grids: dict[str, Grid]) -> Dump:
    """Everything a grid tells: its rows, columns and every cell, with the value's type."""
    out: Dump = {}
    for key, grid in grids.items():
        cells = {}
        for row in range(1, max(grid.rows, default=0) + 2):
            for col in range(1, grid.max_col + 2):
                cell = grid.cell(row, col)
                cells[(row, col)] = (
                    type(cell.value),
                    cell.value,
                    cell.where,
                    cell.number_format,
                    cell.own,
                    cell.problem,
                )
        out[key] = (grid.title, grid.rows, grid.max_col, cells)
    return out


def by_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the reader read every workbook through openpyxl, as before."""

    def unsupported(package: object) -> object:
        raise Unsupported("as before")

    monkeypatch.setattr(excel_grid, "_sheets_from_xml", unsupported)


class ReadByOpenpyxl(BaseException):  # not an Exception: the reader turns those into "not a workbook"
    pass


def xml_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any fall-back to openpyxl fail the test."""

    def never(package: object) -> object:
        raise ReadByOpenpyxl

    monkeypatch.setattr(excel_grid, "_sheets_by_openpyxl", never)


def assert_same(path: Path, monkeypatch: pytest.MonkeyPatch, from_xml: bool = True) -> Dump:
    with monkeypatch.context() as patched:
        if from_xml:
            xml_only(patched)
        now = dump(open_grids(path))
    with monkeypatch.context() as patched:
        by_openpyxl(patched)
        before = dump(open_grids(path))
    assert now == before
    return now


def saved(tmp_path: Path, name: str, write: Callable[[Path], object]) -> Path:
    path = tmp_path / name
    write(path)
    return path


# --- the project's own workbooks and the fixtures ----------------------------------------


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*.xlsx")), ids=lambda p: p.name)
def test_fixture_workbooks_read_the_same(fixture: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert_same(fixture, monkeypatch)


@pytest.mark.parametrize("data_file", EXAMPLES, ids=lambda p: p.parent.name)
def test_each_examples_workbook_reads_the_same(
    data_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = saved(tmp_path, "one.xlsx", lambda p: write_workbook(p, example(data_file)))
    assert_same(path, monkeypatch)
    with monkeypatch.context() as patched:
        by_openpyxl(patched)
        before = read_workbook(path)
    now = read_workbook(path)
    assert (now.data, now.locations) == (before.data, before.locations)


def test_a_multi_unit_workbook_reads_the_same_units(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    units = [example(path) for path in EXAMPLES]
    units[1]["unit"]["name"] = "另一个单位"
    path = saved(tmp_path, "units.xlsx", lambda p: write_units_workbook(p, units))
    assert_same(path, monkeypatch)
    with monkeypatch.context() as patched:
        by_openpyxl(patched)
        before = read_units_apart(path)
    now = read_units_apart(path)
    assert [(u.file, u.data, u.locations) for u in now if isinstance(u, RawData)] == [
        (u.file, u.data, u.locations) for u in before if isinstance(u, RawData)
    ]
    assert [str(u) for u in now if isinstance(u, DataError)] == [str(u) for u in before if isinstance(u, DataError)]


# --- cells of every kind, written by openpyxl ---------------------------------------------


def kinds_workbook(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "各种单元格"
    rows: list[list[Any]] = [
        ["文字", "  ", "", "多行\r\n文字 & <符号>", "\x85控制"],
        [1, 1.5, 0.1, 16905537.09, 10**17, -0.0],
        [
            datetime.datetime(2024, 1, 31),
            datetime.date(2023, 12, 31),
            datetime.time(8, 30),
            datetime.timedelta(hours=30),
        ],
        [0.985, 1, True, False, Decimal("3.14")],
        ["=1+1", "=A1", '="文字"'],
    ]
    for line in rows:
        sheet.append(line)
    sheet["A4"].number_format = "0.0%"
    sheet["B4"].number_format = '0.00"%"'
    sheet["C3"].number_format = "h:mm"
    sheet["D3"].number_format = "[h]:mm:ss"
    sheet["E2"].number_format = "yyyy-mm-dd"
    sheet["F2"].number_format = "#,##0.00"
    sheet.merge_cells("A7:B9")
    sheet["A7"] = "合并"
    sheet.merge_cells("D7:D9")
    sheet["D7"] = 42
    sheet["H12"].number_format = "0.00"  # a formatted empty cell widens the sheet
    other = book.create_sheet("隐藏")
    other.sheet_state = "hidden"
    other["B2"] = "隐藏表的值"
    book.save(path)


def test_cells_of_every_kind_read_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved(tmp_path, "kinds.xlsx", kinds_workbook)
    grids = assert_same(path, monkeypatch)
    cells = grids["各种单元格"][3]
    assert cells[(5, 1)][1:] == (None, "各种单元格!A5", "General", True, NO_RESULT)  # openpyxl saves no results
    assert cells[(8, 1)][1:] == ("合并", "各种单元格!A7", "General", False, "")
    assert cells[(4, 1)][1:4] == (0.985, "各种单元格!A4", "0.0%")
    assert cells[(2, 4)][:2] == (float, 16905537.09) and cells[(2, 3)][:2] == (float, 0.1)
    assert "#VALUE!" in cells[(2, 5)][5]  # a date format on a number beyond any date


# --- cells openpyxl cannot write: saved formula results, errors, shared strings ------------


def package(sheet_data: str, strings: list[str] | None = None, date1904: bool = False, root: str = "") -> bytes:
    """A minimal workbook of one sheet ``数据`` whose ``<sheetData>`` is given, as Excel writes it."""
    shared = "".join(strings or [])
    properties = '<workbookPr date1904="1"/>' if date1904 else ""
    styles = (
        f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>'
        '<fonts count="1"><font/></fonts><fills count="1"><fill><patternFill/></fill></fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="10"/>'
        '<xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="46"/></cellXfs></styleSheet>'
    )
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="xl/workbook.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f"{properties}"
            '<sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
            '<Relationship Id="rId2" Target="styles.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"/>'
            '<Relationship Id="rId3" Target="sharedStrings.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>'
        ),
        "xl/styles.xml": styles,
        "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}" count="{len(strings or [])}">{shared}</sst>',
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
            f'<worksheet xmlns="{MAIN}"{root}><sheetData>{sheet_data}</sheetData></worksheet>'
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text.encode())
    return out.getvalue()


EXCEL_CELLS = (
    '<row r="1" spans="1:6"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>'
    '<c r="D1" t="s"><v>3</v></c><c r="E1" s="1"><v>0.985</v></c><c r="F1" s="3"><v>0.5</v></c></row>'
    '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>'
    '<c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D2"><f>A1</f></c><c r="E2" t="str"><f>""</f><v></v></c>'
    '<c r="F2" t="b"><v>1</v></c><c r="G2" t="e"><v>#N/A</v></c></row>'
    '<row r="3"><c r="A3" s="2"><v>45322</v></c><c r="B3" s="4"><v>1.25</v></c><c r="C3" s="2"><v>0.5</v></c>'
    '<c r="D3" t="d"><v>2024-01-31T00:00:00</v></c><c r="E3"><v>1E-3</v></c><c r="F3"><v>123456789012345678</v></c>'
    '<c r="G3" s="2"><v>99999999</v></c></row>'
    '<row r="5" customHeight="1" ht="20"><c r="B5" t="inlineStr"><is><t xml:space="preserve"> 行内 </t></is></c>'
    '<c r="C5" t="inlineStr"><is><r><rPr><b/></rPr><t>粗</t></r><r><t>体</t></r>'
    '<rPh sb="0" eb="1"><t>ふ</t></rPh></is></c>'
    '<c r="D5" t="inlineStr"><is><t>&#x4E00;&#20108;&amp;&lt;&#13;&#10;</t></is></c><c r="E5" s="1"/></row>'
    '<row><c t="inlineStr"><is><t>没有位置的单元格</t></is></c><c><v>7</v></c><c r="E6"><v>8</v></c>'
    "<c><v>9</v></c></row>"
    "<row r='8'><c r='B8' s='3' t='n'><v>0.25</v></c><c r=\"C8\" cm=\"1\"><v>3</v></c></row>"
)
EXCEL_STRINGS = [
    "<si><t>单位名称</t></si>",
    '<si><t xml:space="preserve">  </t></si>',
    "<si><r><t>富</t></r><r><rPr><i/></rPr><t>文本</t></r><rPh sb='0' eb='1'><t>ふ</t></rPh></si>",
    "<si><t>_x005F_x000D_ 与 _x000D_ &amp; \r\n 换行</t></si>",
]


@pytest.mark.parametrize("date1904", [False, True], ids=["1900", "1904"])
def test_cells_as_excel_saves_them_read_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, date1904: bool
) -> None:
    path = tmp_path / "excel.xlsx"
    path.write_bytes(package(EXCEL_CELLS, EXCEL_STRINGS, date1904))
    cells = assert_same(path, monkeypatch)["数据"][3]
    assert cells[(2, 1)][:2] == (int, 2)  # a formula's saved result
    assert cells[(2, 3)][5] == "单元格的值是错误值 #DIV/0!：请改正公式，或直接填写数值。"
    assert cells[(2, 4)][5] == cells[(2, 5)][5] == NO_RESULT  # formulas without a (non-blank) result
    assert cells[(3, 1)][1] == (datetime.datetime(2028, 2, 1) if date1904 else datetime.datetime(2024, 1, 31))
    assert cells[(1, 5)][3] == "0.00%" and cells[(1, 6)][3] == "0.0%"
    assert cells[(6, 2)][1:3] == (7, "数据!B6")  # cells without r: the next column, as openpyxl counts


def test_a_number_cell_that_is_no_number_names_the_cell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(package('<row r="1"><c r="A1"><v>inf</v></c><c r="B1"><v></v></c><c r="C1"><v>1</v></c></row>'))
    cells = assert_same(path, monkeypatch)["数据"][3]
    assert cells[(1, 1)][4:] == (True, BAD_NUMBER) and cells[(1, 2)][4:] == (True, BAD_NUMBER)


@pytest.mark.parametrize(
    "sheet_data",
    [
        '<row r="1"><c r="A1" t="s"><v>9</v></c></row>',  # a shared string that is not there
        '<row r="1"><c r="A1" t="b"><v>yes</v></c></row>',
        '<row r="1"><c r="A1" s="99"><v>1</v></c></row>',  # a style that is not there
    ],
    ids=["string", "boolean", "style"],
)
def test_a_damaged_cell_is_refused_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sheet_data: str) -> None:
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(package(sheet_data, ["<si><t>一</t></si>"]))
    messages = []
    for read in (xml_only, by_openpyxl):
        with monkeypatch.context() as patched, pytest.raises(DataError) as caught:
            read(patched)
            open_grids(path)
        messages.append(caught.value.render())
    assert messages[0] == messages[1] and "不是有效的 Excel 工作簿" in messages[0]


def test_unusual_xml_is_read_by_openpyxl_and_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    prefixed = (
        f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>5</x:v></x:c></x:row>'
        "</x:sheetData></x:worksheet>"
    )
    data = package('<row r="1"><c r="A1"><v>5</v></c></row>')
    path = tmp_path / "prefixed.xlsx"
    path.write_bytes(rezip(data, {"xl/worksheets/sheet1.xml": prefixed.encode()}))
    with monkeypatch.context() as patched:
        xml_only(patched)
        with pytest.raises(ReadByOpenpyxl):
            open_grids(path)
    cells = assert_same(path, monkeypatch, from_xml=False)["数据"][3]
    assert cells[(1, 1)][:3] == (int, 5, "数据!A1")


def test_a_huge_sheet_within_the_bounds_is_read_from_its_xml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = 40_000  # 12 cells a row: 480,000 cells, just within limits.MAX_CELLS
    sheet_data = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{col}{r}"><v>{r}</v></c>' for col in "ABCDEFGHIJKL") + "</row>"
        for r in range(1, rows + 1)
    )
    path = tmp_path / "huge.xlsx"
    path.write_bytes(package(sheet_data))
    xml_only(monkeypatch)
    grid = open_grids(path)["数据"]
    assert (len(grid.rows), grid.max_col) == (rows, 12)
    assert grid.cell(rows, 12) == (rows, f"数据!L{rows}", "General", True, "")


# --- opened once -------------------------------------------------------------------------


def counting_opens(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    opened: list[Path] = []
    real = open_package

    def counted(path: Path) -> Any:
        opened.append(path)
        return real(path)

    monkeypatch.setattr(excel_grid, "open_package", counted)
    return opened


def test_a_batch_opens_a_multi_unit_workbook_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    units = [example(path) for path in EXAMPLES[:2]]
    units[1]["unit"]["name"] = "另一个单位"
    path = saved(tmp_path, "units.xlsx", lambda p: write_units_workbook(p, units))
    opened = counting_opens(monkeypatch)
    jobs, failures = batch.plan([path], RenderOptions())
    assert opened == [path]
    assert not failures and [job.source for job in jobs] == [f"{path}#{u['unit']['name']}" for u in units]


def test_a_single_unit_workbook_is_opened_once_to_find_it_is_no_multi_unit_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = saved(tmp_path, "one.xlsx", lambda p: write_workbook(p, example(EXAMPLES[0])))
    opened = counting_opens(monkeypatch)
    assert read_multi_unit(path) is None and not is_multi_unit(path)
    assert opened == [path, path]  # one each


def test_an_unreadable_workbook_is_no_multi_unit_one(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not a workbook")
    assert read_multi_unit(path) is None and not is_multi_unit(path)


def test_the_package_is_not_packed_again_for_the_xml_reader(tmp_path: Path) -> None:
    path = saved(tmp_path, "kinds.xlsx", kinds_workbook)  # it has merged ranges, taken out of the XML
    opened = open_package(path)
    assert opened.merged
    excel_grid._sheets(opened)
    assert "data" not in opened.__dict__  # the zip for openpyxl (cached_property) was never made


# --- mutated workbooks: the same grids, or the same refusal --------------------------------


ATTEMPTS = 12
_STAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def workbook_bytes(data: dict[str, Any]) -> bytes:
    out = io.BytesIO()
    write_workbook(out, data)
    return out.getvalue()


def same_bytes(data: bytes) -> bytes:
    """The workbook with its times fixed, so that the same mutations apply on every run."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name in source.namelist():
            blob = _STAMP.sub(b"2024-01-01T00:00:00Z", source.read(name))
            package.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), blob, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def outcome(path: Path) -> object:
    try:
        return dump(open_grids(path))
    except DataError as exc:
        return exc.render()


@pytest.mark.parametrize("seed", range(3))
def test_mutated_workbooks_read_the_same_or_fail_the_same(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(seed)
    book = io.BytesIO(same_bytes(workbook_bytes(example(EXAMPLES[seed % len(EXAMPLES)]))))
    mutations = [m for m in XLSX_MUTATIONS if m is not inflate_member]  # bombs: tests/unit/data/excel/test_bounds.py
    for attempt in range(ATTEMPTS):
        data = book.getvalue()
        for _ in range(rng.choice((1, 1, 2))):
            with contextlib.suppress(Exception):  # an earlier mutation broke the zip: member mutations no longer apply
                data = rng.choice(mutations)(rng, data)
        path = tmp_path / f"mutated{attempt}.xlsx"
        path.write_bytes(data)
        now = outcome(path)
        with monkeypatch.context() as patched:
            by_openpyxl(patched)
            before = outcome(path)
        assert now == before, f"mutation {attempt} of seed {seed}"


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="A1" s=""><v>1</v></c>',
        '<c r="A1" t=""><v>1</v></c>',
        '<c r="A1" t="x"><v>1</v></c>',
        '<c r="A1" s="-1"><v>1</v></c>',
    ],
    ids=["empty style", "empty type", "unknown type", "negative style"],
)
def test_odd_cell_attributes_read_or_fail_as_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cell: str) -> None:
    path = tmp_path / "odd.xlsx"
    path.write_bytes(package(f'<row r="1">{cell}</row>'))
    now = outcome(path)
    by_openpyxl(monkeypatch)
    assert now == outcome(path)
