"""Removing comments with their anchors and Word's records of them (docx.finalize.comments)."""

from __future__ import annotations

from reportgen.docx.finalize.comments import remove_comments
from reportgen.docx.finalize.parts import PartEdits
from reportgen.docx.revision.comments import read_comments
from reportgen.ooxml.elements import w
from reportgen.ooxml.parts import DOCUMENT

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
CID = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OFFICE = "http://schemas.microsoft.com/office"


def anchored(number: int, text: str) -> str:
    return (
        f'<w:p><w:commentRangeStart w:id="{number}"/><w:r><w:t>{text}</w:t></w:r><w:commentRangeEnd w:id="{number}"/>'
        f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{number}"/></w:r></w:p>'
    )


def comment(number: int, author: str, para: str) -> str:
    text = f"<w:r><w:t>批注{number}</w:t></w:r>"
    return f'<w:comment w:id="{number}" w:author="{author}"><w:p w14:paraId="{para}">{text}</w:p></w:comment>'


def package(document_body: str, comments: str, extended: str, ids: str) -> PartEdits:
    relations = (
        f'<Relationship Id="r1" Type="{REL}/comments" Target="comments.xml"/>'
        f'<Relationship Id="r2" Type="{OFFICE}/2011/relationships/commentsExtended" Target="commentsExtended.xml"/>'
        f'<Relationship Id="r3" Type="{OFFICE}/2016/09/relationships/commentsIds" Target="commentsIds.xml"/>'
    )
    overrides = "".join(
        f'<Override PartName="/word/{name}.xml" ContentType="x"/>'
        for name in ("comments", "commentsExtended", "commentsIds")
    )
    members = (
        (
            "[Content_Types].xml",
            f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">{overrides}</Types>'.encode(),
        ),
        (DOCUMENT, f'<w:document xmlns:w="{W}"><w:body>{document_body}</w:body></w:document>'.encode()),
        (
            "word/_rels/document.xml.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{relations}</Relationships>'.encode(),
        ),
        ("word/comments.xml", f'<w:comments xmlns:w="{W}" xmlns:w14="{W14}">{comments}</w:comments>'.encode()),
        ("word/commentsExtended.xml", f'<w15:commentsEx xmlns:w15="{W15}">{extended}</w15:commentsEx>'.encode()),
        ("word/commentsIds.xml", f'<w16cid:commentsIds xmlns:w16cid="{CID}">{ids}</w16cid:commentsIds>'.encode()),
    )
    return PartEdits(members)


def ex(para: str, done: bool = False, parent: str = "") -> str:
    attributes = f' w15:done="{int(done)}"' + (f' w15:paraIdParent="{parent}"' if parent else "")
    return f'<w15:commentEx w15:paraId="{para}"{attributes}/>'


def cid(para: str, durable: str) -> str:
    return f'<w16cid:commentId w16cid:paraId="{para}" w16cid:durableId="{durable}"/>'


def test_reportgens_comments_go_with_their_anchors_and_records_others_open_ones_stay() -> None:
    edits = package(
        anchored(0, "甲") + anchored(1, "乙") + anchored(2, "丙"),
        comment(0, "reportgen", "0A") + comment(1, "张三", "0B") + comment(2, "李四", "0C") + comment(3, "王五", "0D"),
        ex("0A", done=True) + ex("0B") + ex("0C", parent="0A") + ex("0D"),
        cid("0A", "D1") + cid("0B", "D2") + cid("0C", "D3"),
    )
    root = edits.xml(DOCUMENT)
    comments = read_comments(edits.members)
    result = remove_comments([root], edits, comments, lambda c, placed: c.author == "reportgen" or not placed)
    # 0: reportgen's; 2: a reply to it; 3: anchored nowhere. 1 is 张三's, open: it stays.
    assert result.removed == 3 and [c.id for c in result.kept] == [1]
    assert {a.get(w("id")) for a in root.iter(w("commentRangeStart"), w("commentReference"))} == {"1"}
    assert len(root.findall(f".//{w('r')}")) == 3 + 1  # the text runs, and 张三's reference run
    assert b"0A" not in edits.raw("word/commentsExtended.xml") and b"0B" in edits.raw("word/commentsExtended.xml")
    assert b"D1" not in edits.raw("word/commentsIds.xml") and b"D2" in edits.raw("word/commentsIds.xml")


def test_when_no_comment_is_left_the_comment_parts_go_with_their_references() -> None:
    edits = package(anchored(0, "甲"), comment(0, "reportgen", "0A"), ex("0A", done=True), cid("0A", "D1"))
    root = edits.xml(DOCUMENT)
    remove_comments([root], edits, read_comments(edits.members), lambda c, placed: True)
    assert edits.names() == ["[Content_Types].xml", DOCUMENT, "word/_rels/document.xml.rels"]
    assert b"comments" not in edits.raw("word/_rels/document.xml.rels")
    assert b"comments" not in edits.raw("[Content_Types].xml")
    assert root.find(f".//{w('commentReference')}") is None
