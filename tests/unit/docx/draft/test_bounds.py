"""Broken and hostile drafts given to ``update`` and ``check`` end in a clear error.

The package is read within the same bounds as a workbook (a 1 GiB member in a 1 MB file is
refused, not inflated and carried into the output); corrupt compressed data, malformed
comments parts, comment ids that are not numbers and broken XML parts are named; an XML
comment in the baseline part is simply not a block.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from fuzzing.mutate import _bomb
from fuzzing.seeds import with_comments
from hostile import GIB, members, no_traceback, rezip, run_limited
from reportgen.api import Renderer, check_data, check_report, update_report
from reportgen.data.sources import read_data
from reportgen.errors import ReportgenError
from samples import LINGLING


@pytest.fixture(scope="module")
def draft() -> bytes:
    return with_comments(Renderer().render(check_data(read_data(LINGLING))))


def saved(tmp_path: Path, data: bytes, name: str = "草稿.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refused(tmp_path: Path, data: bytes) -> str:
    """The messages of ``check`` and ``update`` for the draft ``data`` (they must be the same error)."""
    path = saved(tmp_path, data)
    with pytest.raises(ReportgenError) as checked:
        check_report(path)
    with pytest.raises(ReportgenError) as updated:
        update_report(LINGLING, path, tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()
    assert checked.value.message == updated.value.message
    return checked.value.message


def test_the_seed_draft_has_comments_and_updates(tmp_path: Path, draft: bytes) -> None:
    path = saved(tmp_path, draft)
    update_report(LINGLING, path, tmp_path / "out.docx")
    assert "word/comments.xml" in members((tmp_path / "out.docx").read_bytes())


@pytest.mark.parametrize("command", ["check", "update"])
def test_a_gigabyte_member_in_a_small_draft_is_refused_within_the_memory_limit(
    tmp_path: Path, draft: bytes, command: str
) -> None:
    bomb = io.BytesIO(_bomb("word/media/image9.png", 1100 * 2**20))
    with zipfile.ZipFile(bomb, "a") as package:
        for name, blob in members(draft).items():
            package.writestr(name, blob)
    path = saved(tmp_path, bomb.getvalue())
    assert path.stat().st_size < 6 * 2**20
    args = ("check", path) if command == "check" else ("update", LINGLING, path, "-o", tmp_path / "out.docx")
    result = run_limited(*args, memory=GIB, timeout=60)
    output = no_traceback(result)
    assert result.returncode == 2
    assert "部件“word/media/image9.png”解压后有 1100 MB，超出了可处理的范围" in output
    assert not (tmp_path / "out.docx").exists()


def test_corrupt_compressed_data_is_a_damaged_file(tmp_path: Path, draft: bytes) -> None:
    data = bytearray(draft)
    start = data.index(b"word/document.xml") + 100
    data[start : start + 64] = bytes(range(64))
    assert "文件已损坏，无法解压" in refused(tmp_path, bytes(data))


@pytest.mark.parametrize(
    ("part", "change", "expected"),
    [
        ("word/comments.xml", lambda xml: xml.replace(b"</w:comments>", b""), "部件“word/comments.xml”不是有效的 XML"),
        ("word/commentsExtended.xml", lambda xml: xml[:-20], "部件“word/commentsExtended.xml”不是有效的 XML"),
        ("word/comments.xml", lambda xml: xml.replace(b'w:id="7"', 'w:id="七"'.encode()), "批注的编号“七”不是数字"),
        ("word/comments.xml", lambda xml: xml.replace(b'w:id="7"', b'w:id="\xc2\xb2"'), "批注的编号“²”不是数字"),
        ("word/settings.xml", lambda xml: xml.replace(b"<w:", b"<w :", 1), "部件“word/settings.xml”不是有效的 XML"),
        (
            "word/document.xml",
            lambda xml: xml.replace(b"<w:body>", b"<w:body>&#1;", 1),
            "“word/document.xml”不是有效的 XML",
        ),
        ("word/document.xml", None, "缺少正文部件“word/document.xml”"),
        (
            "word/document.xml",
            lambda xml: xml.replace(b"</w:body>", b"<w:sdt>" * 3000 + b"</w:sdt>" * 3000 + b"</w:body>"),
            "元素嵌套层数过多",
        ),
    ],
    ids=[
        "comments-unclosed",
        "extended-truncated",
        "comment-id-text",
        "comment-id-superscript",
        "settings-broken",
        "document-control-reference",
        "document-missing",
        "document-deep",
    ],
)
def test_a_broken_part_is_named(tmp_path: Path, draft: bytes, part: str, change, expected: str) -> None:  # type: ignore[no-untyped-def]
    blob = members(draft)[part]
    message = refused(tmp_path, rezip(draft, {part: None if change is None else change(blob)}))
    assert expected in message
    assert "请用 Word 或 WPS 打开并另存" in message


def test_an_xml_comment_in_the_baseline_part_is_not_a_block(tmp_path: Path, draft: bytes) -> None:
    item = members(draft)["customXml/item1.xml"]
    commented = item.replace(b"<p ", "<!-- 编辑的注释 --><?pi x?><p ".encode(), 1).replace(b"<c>", b"<c><!-- x -->", 1)
    path = saved(tmp_path, rezip(draft, {"customXml/item1.xml": commented}))
    original = saved(tmp_path, draft, "原稿.docx")
    update_report(LINGLING, path, tmp_path / "out.docx")
    update_report(LINGLING, original, tmp_path / "原稿-更新.docx")
    assert (
        members((tmp_path / "out.docx").read_bytes())["word/document.xml"]
        == members((tmp_path / "原稿-更新.docx").read_bytes())["word/document.xml"]
    )
    assert check_report(path) == check_report(original)


def test_a_draft_larger_than_any_real_one_is_refused_unread(
    tmp_path: Path, draft: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportgen.support import limits

    monkeypatch.setattr(limits, "MAX_ARCHIVE_FILE", 1000)
    assert "文件过大（超过 1 KB）" in refused(tmp_path, draft)


def test_a_reference_docx_is_read_within_the_same_bounds(tmp_path: Path, draft: bytes) -> None:
    bomb = io.BytesIO(_bomb("word/media/image9.png", 300 * 2**20))
    with zipfile.ZipFile(bomb, "a") as package:
        for name, blob in members(draft).items():
            package.writestr(name, blob)
    reference = saved(tmp_path, bomb.getvalue(), "模板.docx")
    result = run_limited("render", LINGLING, "-o", tmp_path / "out.docx", "--reference-docx", reference, timeout=60)
    assert result.returncode == 2
    assert "参考文档" in no_traceback(result) and "解压后有 300 MB" in result.stderr


def test_a_reference_docx_with_a_broken_theme_is_refused(tmp_path: Path, draft: bytes) -> None:
    from reportgen.docx import load_reference
    from reportgen.errors import StyleError

    broken = rezip(draft, {"word/theme/theme1.xml": members(draft)["word/theme/theme1.xml"][:-40]})
    with pytest.raises(StyleError, match="不是有效的 Word 文档"):
        load_reference(saved(tmp_path, broken, "模板.docx"))
