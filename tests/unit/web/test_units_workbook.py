"""The workbook of units and accounts: read with every problem at once and its cell, bounded
like every upload; the template to fill in and the list of initial passwords handed out."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from reportgen.web.accounts import Taken
from reportgen.web.units_workbook import (
    COLUMNS,
    EXAMPLE,
    MAX_ROWS,
    Handed,
    NewUnit,
    passwords_book,
    read_plan,
    template,
)
from reportgen.web.upload import MAX_UPLOAD


def workbook(*rows: tuple[object, ...], title: str = "单位") -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    written = io.BytesIO()
    book.save(written)
    return written.getvalue()


NOTHING_TAKEN = Taken()


def problems(data: bytes, taken: Taken = NOTHING_TAKEN) -> list[str]:
    return [str(problem) for problem in read_plan(data, taken).problems]


def test_the_header_is_found_by_its_names_in_any_order_and_extra_columns_are_ignored() -> None:
    data = workbook(
        ("某县财政局单位名单",),
        ("序号", "账号", "联系人", "单位名称", "备注", "单位代码"),
        (1, "sfj", "张三", "某县司法局", "旧名单", 101001),
        (2, "Jyj.2", None, "某县教育局", None, "101002"),
    )
    plan = read_plan(data, Taken())
    assert plan.ok and plan.sheet == "单位"
    assert plan.units == [
        NewUnit(3, "某县司法局", "101001", "张三", "sfj"),
        NewUnit(4, "某县教育局", "101002", "", "Jyj.2"),
    ]


def test_code_and_contact_columns_may_be_left_out_or_empty() -> None:
    plan = read_plan(workbook(("单位名称", "账号"), ("某县司法局", "sfj")), Taken())
    assert plan.ok and plan.units == [NewUnit(2, "某县司法局", None, "", "sfj")]


def test_every_problem_is_reported_at_once_with_its_cell() -> None:
    data = workbook(
        COLUMNS,
        ("某县司法局", "101001", "张三", "sfj"),
        ("某县教育局", "101002", "", "jyj"),
        ("", "101001", "", "SFJ"),
        ("某县卫健委", "101004", "", "有 空格"),
        ("某县司法局", "", "", ""),
    )
    assert problems(data) == [
        "第 4 行 A 列（单位名称）：请填写单位名称。",
        "第 4 行 B 列（单位代码）：与第 2 行重复。",
        "第 4 行 D 列（账号）：与第 2 行重复。",
        "第 5 行 D 列（账号）：账号只能由字母、数字和 . _ @ - 组成（不超过 100 个字符），并以字母或数字开头。",
        "第 6 行 A 列（单位名称）：与第 2 行重复。",
        "第 6 行 D 列（账号）：请填写账号（单位登录时用）。",
    ]
    plan = read_plan(data, Taken())
    assert [unit.row for unit in plan.units] == [2, 3] and not plan.ok  # nothing may be created


def test_codes_logins_and_unit_names_already_on_the_server_are_problems() -> None:
    taken = Taken(codes=frozenset({"101001"}), logins=frozenset({"sfj"}), unit_names=frozenset({"某县教育局"}))
    data = workbook(COLUMNS, ("某县司法局", "101001", "", "SFJ"), ("某县教育局", "101002", "", "jyj"))
    assert problems(data, taken) == [
        "第 2 行 B 列（单位代码）：单位代码“101001”已被其他单位使用。",
        "第 2 行 D 列（账号）：账号“SFJ”已存在，请换一个。",
        "第 3 行 A 列（单位名称）：本局已有单位“某县教育局”。",
    ]


def test_too_long_values_are_problems_of_their_cells() -> None:
    data = workbook(COLUMNS, ("单" * 201, "1" * 61, "", "a" * 101))
    found = problems(data)
    assert found[0] == "第 2 行 A 列（单位名称）：超过 200 个字符，请缩短。"
    assert found[1] == "第 2 行 B 列（单位代码）：超过 60 个字符，请缩短。"
    assert found[2].startswith("第 2 行 D 列（账号）：账号只能由")


def test_a_sheet_without_the_header_says_what_the_header_must_have() -> None:
    (only,) = problems(workbook(("名称", "登录名"), ("某县司法局", "sfj"), title="名单"))
    assert "“名单”" in only and "“单位名称”和“账号”" in only and "下载模板" in only


def test_a_header_without_units_below_it_says_where_to_write_them() -> None:
    assert problems(workbook(COLUMNS)) == ["表头（第 1 行）下面没有单位：请从第 2 行起每行填写一个单位。"]


def test_the_example_row_left_in_is_a_problem() -> None:
    assert problems(template()) == ["第 2 行：这是模板中的示例行：请删除它，或改成真实的单位。"]


def test_more_rows_than_allowed_are_refused_before_checking_them() -> None:
    rows = [(f"单位{n}", str(n), "", f"u{n}") for n in range(MAX_ROWS + 1)]
    assert problems(workbook(COLUMNS, *rows)) == [
        f"工作簿有 {MAX_ROWS + 1} 行单位，超过 {MAX_ROWS} 行：请分成几个工作簿，分批导入。"
    ]


def test_files_that_are_not_workbooks_too_large_or_empty_are_refused() -> None:
    assert "不是有效的 Excel 工作簿" in problems(b"not a workbook")[0]
    assert problems(b"") == ["请选择要上传的工作簿（文件为空）。"]
    assert problems(b"x" * (MAX_UPLOAD + 1)) == ["文件过大（超过 10 MB）：请检查是否选错了文件。"]


def test_a_zip_bomb_is_refused_without_inflating_it() -> None:
    written = io.BytesIO()
    with zipfile.ZipFile(written, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (300 * 1024 * 1024))
    assert len(written.getvalue()) < MAX_UPLOAD
    assert problems(written.getvalue()) == [
        "文件中的部件“xl/worksheets/sheet1.xml”解压后有 300 MB，超出了可处理的范围"
        "（可能是恶意构造或已损坏的文件）：请用 Word、WPS 或 Excel 打开并另存后再试。"
    ]


def test_the_template_has_the_columns_an_example_row_widths_and_a_frozen_header() -> None:
    content = template()
    assert content == template()  # the same bytes every time
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.active
    assert sheet is not None
    assert tuple(cell.value for cell in sheet[1][:4]) == COLUMNS
    assert tuple(cell.value for cell in sheet[2][:4]) == EXAMPLE
    assert sheet.freeze_panes == "A2"
    assert all((sheet.column_dimensions[letter].width or 0) >= 15 for letter in "ABCD")
    assert sheet.column_dimensions["B"].number_format == "@"  # a code typed as 001 stays 001


def test_the_template_filled_in_is_read_back() -> None:
    book = openpyxl.load_workbook(io.BytesIO(template()))
    sheet = book.active
    assert sheet is not None
    sheet.delete_rows(2)
    sheet.append(["某县司法局", "001", "张三", "sfj"])
    written = io.BytesIO()
    book.save(written)
    plan = read_plan(written.getvalue(), Taken())
    assert plan.ok and plan.units == [NewUnit(2, "某县司法局", "001", "张三", "sfj")]


def test_the_passwords_workbook_lists_login_unit_and_password() -> None:
    handed = [Handed("sfj", "某县司法局", "abcd-EFGH-3467"), Handed("jyj", "某县教育局", "wxyz-KLMN-4679")]
    content = passwords_book(handed)
    assert content == passwords_book(handed)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        ["账号", "单位", "初始密码"],
        ["sfj", "某县司法局", "abcd-EFGH-3467"],
        ["jyj", "某县教育局", "wxyz-KLMN-4679"],
    ]


@pytest.mark.parametrize("typed", [101001, 101001.0])
def test_a_code_typed_as_a_number_is_read_as_its_digits(typed: object) -> None:
    plan = read_plan(workbook(COLUMNS, ("某县司法局", typed, "", "sfj")), Taken())
    assert plan.units[0].code == "101001"
