"""What a final copy does without: highlight, reportgen's bookmarks, loose range marks, and
the checks appendix found by the baseline's keys (docx.finalize.strip, docx.finalize.appendix)."""

from __future__ import annotations

from reportgen.docx.finalize.appendix import appendix_keys
from reportgen.docx.finalize.strip import remove_highlight, remove_loose_marks, remove_reportgen_bookmarks
from reportgen.ooxml.elements import Element, parse_part, serialize, w
from reportgen.revise.model import Baseline, Generated

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def body(xml: str) -> Element:
    return parse_part(f'<w:body xmlns:w="{W}">{xml}</w:body>'.encode())


def test_highlight_and_yellow_run_shading_go_and_are_counted_by_passage() -> None:
    root = body(
        '<w:p><w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><w:t>【待补充：甲】</w:t></w:r>'
        '<w:r><w:rPr><w:highlight w:val="yellow"/></w:rPr><w:t>续</w:t></w:r><w:r><w:t>中间</w:t></w:r>'
        '<w:r><w:rPr><w:shd w:val="clear" w:fill="ffff00"/></w:rPr><w:t>乙</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:shd w:val="clear" w:fill="FFFF00"/></w:pPr>'
        '<w:r><w:rPr><w:shd w:val="clear" w:fill="D9D9D9"/></w:rPr><w:t>灰底</w:t></w:r></w:p>'
    )
    assert remove_highlight(root) == 2
    xml = serialize(root)
    assert b"highlight" not in xml and b'w:fill="ffff00"' not in xml
    assert b"D9D9D9" in xml and b'<w:pPr><w:shd w:val="clear" w:fill="FFFF00"/>' in xml  # layout shading stays


def test_only_reportgens_bookmarks_go() -> None:
    root = body(
        '<w:p><w:bookmarkStart w:id="1" w:name="_RG0123456789abcdef"/><w:r><w:t>甲</w:t></w:r>'
        '<w:bookmarkEnd w:id="1"/><w:bookmarkStart w:id="2" w:name="编辑的书签"/><w:bookmarkEnd w:id="2"/></w:p>'
    )
    assert remove_reportgen_bookmarks(root) == 1
    assert [b.get(w("name")) for b in root.iter(w("bookmarkStart"))] == ["编辑的书签"]
    assert [b.get(w("id")) for b in root.iter(w("bookmarkEnd"))] == ["2"]


def test_range_marks_that_lost_their_other_half_go() -> None:
    root = body(
        '<w:p><w:bookmarkEnd w:id="5"/><w:commentRangeStart w:id="6"/><w:r><w:t>甲</w:t></w:r>'
        '<w:bookmarkStart w:id="7" w:name="x"/><w:bookmarkEnd w:id="7"/></w:p>'
    )
    remove_loose_marks(root)
    assert [e.tag for e in root.iter(w("bookmarkStart"), w("bookmarkEnd"), w("commentRangeStart"))] == [
        w("bookmarkStart"),
        w("bookmarkEnd"),
    ]


def test_the_appendix_is_the_checks_table_and_the_paragraphs_back_to_its_attachment_line() -> None:
    baseline = Baseline(
        (
            Generated("95_appendix/top/1", "附件1"),
            Generated.table("95_appendix/table:self_evaluation_indicators", (("指标",),)),
            Generated("95_appendix/top/4", "附件2"),
            Generated("95_appendix/top/5", "数据核对情况"),
            Generated("95_appendix/top/6", "以下是 reportgen 核对自评数据时发现的1处问题……"),
            Generated.table("95_appendix/table:checks", (("序号",),)),
        )
    )
    assert appendix_keys(baseline) == [
        "95_appendix/top/4",
        "95_appendix/top/5",
        "95_appendix/top/6",
        "95_appendix/table:checks",
    ]


def test_without_an_attachment_line_only_the_table_is_the_appendix() -> None:
    table = Generated.table("own/table:checks", (("序号",),))
    assert appendix_keys(Baseline((Generated("own/top/1", "核对情况"), table))) == ["own/table:checks"]
    assert appendix_keys(Baseline((Generated("other/top/1", "附件2"), table))) == ["own/table:checks"]


def test_a_report_without_the_appendix_has_no_appendix_keys() -> None:
    assert appendix_keys(Baseline((Generated("01/top/1", "正文"),))) == []
