"""Pictures: media parts, relationships, extents, captions."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import docx
import pytest
from lxml import etree

from reportgen.docx import read_outline, write_docx
from reportgen.docx.write.media import Media
from reportgen.render.blocks import Document, Heading, PageBreak, Paragraph, Picture
from reportgen.render.stylesheet import Stylesheet, load_stylesheet
from written import ORDER, SAMPLE, W, part, q, xml

# --- pictures ------------------------------------------------------------------------------

WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PIC_NS = {"w": W, "wp": WP, "a": A, "pic": PIC}


def png(rgb: tuple[int, int, int]) -> bytes:
    """A 1×1 RGB PNG."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" + bytes(rgb)))
        + chunk(b"IEND", b"")
    )


RED, BLUE = png((255, 0, 0)), png((0, 0, 255))
PICTURES = Document(
    title="图片",
    blocks=(
        Heading(1, "评价结果"),
        Paragraph.of("等级分布如下。"),
        Picture(RED, 150, 80, title="评价等级分布图", key="chart/grades"),
        Paragraph.of("得分分布如下。"),
        PageBreak(),
        Picture(BLUE, 60.5, 30.25, title="得分分布图"),
        Picture(RED, 20, 10),
    ),
)


@pytest.fixture(scope="module")
def pictures(sheet: Stylesheet) -> bytes:
    return write_docx(PICTURES, sheet)


def drawings(data: bytes) -> list[etree._Element]:
    inlines: list[etree._Element] = xml(data, "word/document.xml").findall(".//w:drawing/wp:inline", PIC_NS)
    return inlines


@pytest.mark.rendering
def test_pictures_in_the_outline_with_numbered_captions(pictures: bytes) -> None:
    assert read_outline(pictures) == [
        ("heading1", "一、评价结果"),
        ("body", "等级分布如下。"),
        ("picture", "评价等级分布图"),
        ("table_title", "图1 评价等级分布图"),
        ("body", "得分分布如下。"),
        ("page_break", ""),
        ("picture", "得分分布图"),
        ("table_title", "图2 得分分布图"),
        ("picture", ""),
    ]


@pytest.mark.rendering
def test_each_picture_is_a_media_part_with_a_relationship(pictures: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(pictures)) as package:
        media = sorted(name for name in package.namelist() if name.startswith("word/media/"))
        assert media == ["word/media/image1.png", "word/media/image2.png", "word/media/image3.png"]
        assert [package.read(name) for name in media] == [RED, BLUE, RED]
    rels = {rel.get("Id"): rel for rel in xml(pictures, "word/_rels/document.xml.rels")}
    assert len(rels) == len(xml(write_docx(SAMPLE, load_stylesheet()), "word/_rels/document.xml.rels")) + 3
    embeds = [blip.get(f"{{{R}}}embed") for blip in xml(pictures, "word/document.xml").iterfind(".//a:blip", PIC_NS)]
    assert len(set(embeds)) == 3
    assert [rels[rid].get("Target") for rid in embeds] == ["media/image1.png", "media/image2.png", "media/image3.png"]
    assert {rels[rid].get("Type") for rid in embeds} == {f"{R}/image"}


@pytest.mark.rendering
def test_png_content_type_is_declared_once(pictures: bytes) -> None:
    types = xml(pictures, "[Content_Types].xml")
    png_types = [d.get("ContentType") for d in types if d.get("Extension") == "png"]
    assert png_types == ["image/png"]
    assert b'Extension="png"' not in part(write_docx(SAMPLE, load_stylesheet()), "[Content_Types].xml")


@pytest.mark.rendering
def test_picture_extents_are_emu_and_doc_pr_ids_unique(pictures: bytes) -> None:
    inlines = drawings(pictures)
    extents = [(i.find("wp:extent", PIC_NS).get("cx"), i.find("wp:extent", PIC_NS).get("cy")) for i in inlines]
    assert extents == [("5400000", "2880000"), ("2178000", "1089000"), ("720000", "360000")]
    for inline, (cx, cy) in zip(inlines, extents, strict=True):
        ext = inline.find(".//pic:spPr/a:xfrm/a:ext", PIC_NS)
        assert (ext.get("cx"), ext.get("cy")) == (cx, cy)
    ids = [i.find("wp:docPr", PIC_NS).get("id") for i in inlines]
    assert ids == ["1", "2", "3"]


@pytest.mark.rendering
def test_picture_paragraph_is_centred_single_spaced_and_kept_with_its_caption(pictures: bytes) -> None:
    body = xml(pictures, "word/document.xml").find(q("body"))
    paragraphs = [p for p in body.iterfind(q("p")) if p.find(f".//{q('drawing')}") is not None]
    first, second, third = (p.find(q("pPr")) for p in paragraphs)
    for ppr in (first, second, third):
        assert ppr.find(q("pStyle")).get(q("val")) == "RGTableTitle"
        assert ppr.find(q("jc")).get(q("val")) == "center"
        assert ppr.find(q("snapToGrid")).get(q("val")) == "0"
        spacing = ppr.find(q("spacing"))
        assert (spacing.get(q("line")), spacing.get(q("lineRule"))) == ("240", "auto")
        assert ppr.find(q("ind")).get(q("firstLine")) == "0"
        assert ppr.find(q("ind")).get(q("firstLineChars")) == "0"
    assert first.find(q("keepNext")) is not None and second.find(q("keepNext")) is not None
    assert third.find(q("keepNext")) is None  # no caption to keep with
    assert second.find(q("pageBreakBefore")) is not None


@pytest.mark.rendering
def test_pictures_are_deterministic(pictures: bytes, sheet: Stylesheet) -> None:
    assert write_docx(PICTURES, sheet) == pictures


@pytest.mark.rendering
def test_pictures_open_in_python_docx(pictures: bytes) -> None:
    shapes = docx.Document(io.BytesIO(pictures)).inline_shapes
    assert len(shapes) == 3
    assert [(shape.width, shape.height) for shape in shapes][:2] == [(5400000, 2880000), (2178000, 1089000)]


@pytest.mark.rendering
def test_two_pictures_in_python_docx(sheet: Stylesheet) -> None:
    document = Document("二图", (Picture(RED, 10, 10, "甲"), Picture(BLUE, 20, 10, "乙")))
    data = write_docx(document, sheet)
    assert len(docx.Document(io.BytesIO(data)).inline_shapes) == 2
    assert [text for label, text in read_outline(data) if label == "table_title"] == ["图1 甲", "图2 乙"]


@pytest.mark.rendering
def test_pictures_in_schema_order(pictures: bytes) -> None:
    for parent, order in ORDER.items():
        for element in xml(pictures, "word/document.xml").iter(q(parent)):
            children = [etree.QName(child).localname for child in element]
            assert children == sorted(children, key=order.index), (parent, children)


def test_media_ids_and_names_skip_the_bases_own() -> None:
    rels = (
        b'<Relationships xmlns="x"><Relationship Id="rId9" Target="a"/>'
        b'<Relationship Id="rId11" Target="b"/><Relationship Id="rIdX" Target="c"/></Relationships>'
    )
    types = b'<Types xmlns="y"><Default Extension="PNG" ContentType="image/png"/></Types>'
    media = Media(
        (("[Content_Types].xml", types), ("word/_rels/document.xml.rels", rels), ("word/media/image1.png", b"old"))
    )
    assert media.replacements() == {} and media.members() == ()
    assert [media.add(RED), media.add(BLUE)] == ["rId12", "rId13"]
    assert media.members() == (("word/media/image2.png", RED), ("word/media/image3.png", BLUE))
    replaced = media.replacements()
    assert replaced["[Content_Types].xml"] == types
    assert replaced["word/_rels/document.xml.rels"].count(b"<Relationship ") == 5


@pytest.mark.rendering
def test_a_picture_needs_a_size(sheet: Stylesheet) -> None:
    with pytest.raises(ValueError, match="picture size"):
        write_docx(Document("t", (Picture(RED, 0, 10),)), sheet)
