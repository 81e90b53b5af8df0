"""Opening the file to import: Word or Excel told by content, not by name, and every file that
cannot be imported (missing, too large, old .doc/.xls, WPS, PDF, a web page saved as .doc, a
foreign or damaged zip) refused with a DataError naming the file and saying how to get one."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from hostile import members
from reportgen.data.importing import files
from reportgen.data.importing.files import read_document
from reportgen.errors import DataError
from reportgen.support import limits

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def word_file(*, table: bool = True) -> bytes:
    document = docx.Document()
    document.add_paragraph("2024年项目支出绩效目标表")
    if table:
        document.add_table(rows=1, cols=2).cell(0, 0).text = "项目名称"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def excel_file() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "申报表"
    sheet["A1"] = "项目名称"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zipped(parts: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as package:
        for name, blob in parts.items():
            package.writestr(name, blob)
    return out.getvalue()


def placed(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refusal(path: Path) -> DataError:
    with pytest.raises(DataError) as caught:
        read_document(path)
    error = caught.value
    assert error.file == str(path) and len(error.issues) == 1
    assert "Traceback" not in error.render()
    return error


def message(path: Path) -> str:
    return refusal(path).issues[0].message


def test_a_word_document_gives_its_tables_and_text(tmp_path: Path) -> None:
    path = placed(tmp_path, "目标表.docx", word_file())
    document = read_document(path)
    assert document.file == str(path)
    assert [grid.name for grid in document.grids] == ["第1个表格"]
    assert document.grids[0].caption == ("2024年项目支出绩效目标表",)


def test_a_workbook_gives_its_sheets(tmp_path: Path) -> None:
    document = read_document(placed(tmp_path, "申报表.xlsx", excel_file()))
    assert [grid.name for grid in document.grids] == ["工作表“申报表”"]


def test_the_content_decides_not_the_name(tmp_path: Path) -> None:
    assert read_document(placed(tmp_path, "其实是Word.xlsx", word_file())).grids[0].name == "第1个表格"
    assert read_document(placed(tmp_path, "其实是Excel.docx", excel_file())).grids[0].name == "工作表“申报表”"
    assert read_document(placed(tmp_path, "无后缀", word_file())).grids[0].name == "第1个表格"


def test_a_document_without_tables_gives_no_grids_for_the_mapper_to_explain(tmp_path: Path) -> None:
    document = read_document(placed(tmp_path, "报告.docx", word_file(table=False)))
    assert document.grids == () and document.paragraphs == ("2024年项目支出绩效目标表",)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("目标表.doc", files.OLD_WORD),
        ("目标表.XLS", files.OLD_EXCEL),
        ("目标表.dat", files.OLD_EITHER),
        ("目标表.wps", files.WPS_WORD),
        ("目标表.et", files.WPS_EXCEL),
    ],
)
def test_old_office_and_wps_files_are_told_how_to_save_them_anew(tmp_path: Path, name: str, expected: str) -> None:
    assert message(placed(tmp_path, name, OLE2)) == expected


def test_the_hints_say_what_to_do() -> None:
    assert files.OLD_WORD == "这是旧版 Word（.doc）文件，请用 Word 或 WPS 打开后“另存为” .docx 再导入。"
    assert "“另存为” .xlsx" in files.OLD_EXCEL and "“另存为” .docx 或 .xlsx" in files.OLD_EITHER


def test_a_pdf_asks_for_the_original_file(tmp_path: Path) -> None:
    text = message(placed(tmp_path, "批复表.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"))
    assert text.startswith("PDF 中的表格无法可靠读取：请找到原始的 Word 或 Excel 文件")


@pytest.mark.parametrize(
    "head",
    [b"<html><body><table>", b"\xef\xbb\xbf<!DOCTYPE html>", b"MIME-Version: 1.0\r\n", b"{\\rtf1\\ansi"],
)
def test_a_web_page_or_rtf_named_like_word_is_told_to_be_saved_anew(tmp_path: Path, head: bytes) -> None:
    assert message(placed(tmp_path, "导出.doc", head + b"...")) == files.WEB_PAGE


def test_a_file_of_no_known_kind_says_what_is_needed(tmp_path: Path) -> None:
    assert message(placed(tmp_path, "照片.docx", b"\x89PNG\r\n\x1a\n")) == files.UNKNOWN
    assert message(placed(tmp_path, "旧表.wps", b"\x00\x01garbage")) == files.WPS_WORD
    assert message(placed(tmp_path, "空.docx", b"")) == files.EMPTY


def test_a_zip_that_is_no_word_or_excel_file_is_refused(tmp_path: Path) -> None:
    slides = zipped({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"})
    assert message(placed(tmp_path, "幻灯片.docx", slides)) == files.OTHER_ZIP
    odf = zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<c/>"})
    assert message(placed(tmp_path, "目标表.odt", odf)) == files.OPEN_DOCUMENT


def test_a_truncated_package_is_damaged(tmp_path: Path) -> None:
    data = word_file()
    assert message(placed(tmp_path, "目标表.docx", data[: len(data) // 2])) == files.DAMAGED_ZIP


def test_a_package_with_corrupt_data_names_the_damage(tmp_path: Path) -> None:
    parts = members(word_file())
    data = zipped(parts, zipfile.ZIP_STORED)
    body = parts["word/document.xml"]
    corrupt = data.replace(body, body.replace(b"w:body", b"w:bodx", 1), 1)
    assert corrupt != data
    text = message(placed(tmp_path, "目标表.docx", corrupt))
    assert text.startswith("不是有效的 Word 文档（.docx）：文件已损坏，无法解压（校验和不符）：")
    book = members(excel_file())
    book["xl/workbook.xml"] = b"<workbook"
    assert "不是有效的 XML" in message(placed(tmp_path, "申报表.xlsx", zipped(book)))


def test_a_file_too_large_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ARCHIVE_FILE", 1024)
    assert message(placed(tmp_path, "目标表.docx", word_file())) == "文件过大（超过 1 KB）：请检查是否选错了文件。"


def test_a_missing_or_unreadable_file_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert message(tmp_path / "没有.docx") == "文件不存在：请检查文件名和所在的文件夹。"
    assert message(tmp_path) == "这是一个文件夹，不是文件：请选择 Word 或 Excel 文件。"

    def refused(path: Path, limit: int | None = None) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files, "read_file", refused)
    assert message(tmp_path / "锁定.docx") == "没有读取这个文件的权限：请把文件复制到自己的文件夹后再试。"


def test_a_document_beyond_the_bounds_is_a_data_error_naming_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_CELLS", 1)
    document = docx.Document()
    document.add_table(rows=1, cols=2)
    out = io.BytesIO()
    document.save(out)
    error = refusal(placed(tmp_path, "目标表.docx", out.getvalue()))
    assert error.issues[0].message.startswith("第1个表格超过 1 个单元格位置")
    assert error.render().startswith(f"{tmp_path / '目标表.docx'}: ")


def test_a_word_document_whose_main_part_is_renamed_is_found_through_its_relationships(tmp_path: Path) -> None:
    parts = members(word_file())
    parts["word/document2.xml"] = parts.pop("word/document.xml")
    for name in ("_rels/.rels", "[Content_Types].xml"):
        parts[name] = parts[name].replace(b"word/document.xml", b"word/document2.xml")
    document = read_document(placed(tmp_path, "目标表.docx", zipped(parts)))
    assert [grid.name for grid in document.grids] == ["第1个表格"]
