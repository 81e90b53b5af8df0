"""New content from a render takes the draft's own style and list ids, whatever they became."""

from __future__ import annotations

from reportgen.docx.revision.style_map import StyleMap
from reportgen.ooxml.elements import W_NS, Element, parse, w

HEAD = f'<w:styles xmlns:w="{W_NS}">'


def styles(*entries: str) -> bytes:
    return (HEAD + "".join(entries) + "</w:styles>").encode()


def style(style_id: str, name: str, extra: str = "", kind: str = "paragraph") -> str:
    return f'<w:style w:type="{kind}" w:styleId="{style_id}"><w:name w:val="{name}"/>{extra}</w:style>'


def numbering(*entries: str) -> bytes:
    return (f'<w:numbering xmlns:w="{W_NS}">' + "".join(entries) + "</w:numbering>").encode()


def heading(style_id: str, num: str) -> str:
    return style(
        style_id, "heading 1", f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
    )


FRESH = [
    (
        "word/styles.xml",
        styles(style("RGBody", "公文正文"), style("RGTableText", "表格文字"), heading("Heading1", "90")),
    ),
    (
        "word/numbering.xml",
        numbering('<w:abstractNum w:abstractNumId="0"/>', '<w:num w:numId="90"><w:abstractNumId w:val="0"/></w:num>'),
    ),
]


def content(xml: str) -> Element:
    return parse(f'<w:body xmlns:w="{W_NS}">{xml}</w:body>'.encode())


def test_renamed_styles_are_found_by_their_names() -> None:
    draft = [("word/styles.xml", styles(style("Style10", "公文正文"), style("Style17", "表格文字")))]
    body = content(
        '<w:p><w:pPr><w:pStyle w:val="RGTableText"/></w:pPr></w:p><w:p><w:pPr><w:pStyle w:val="RGBody"/></w:pPr></w:p>'
    )
    mapping = StyleMap(tuple(draft), tuple(FRESH))
    mapping.adopt(body)
    assert [e.get(w("val")) for e in body.iter(w("pStyle"))] == ["Style17", "Style10"]
    assert mapping.parts() == {}


def test_a_heading_named_in_another_case_keeps_its_id_and_its_list_follows_the_style() -> None:
    draft = [
        (
            "word/styles.xml",
            styles(
                style("Style10", "公文正文"),
                style("Style17", "表格文字"),
                heading("Heading1", "1").replace("heading 1", "Heading 1"),
            ),
        ),
        (
            "word/numbering.xml",
            numbering(
                '<w:abstractNum w:abstractNumId="1"/>', '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
            ),
        ),
    ]
    body = content(
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/>'
        '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr></w:pPr></w:p>'
    )
    StyleMap(tuple(draft), tuple(FRESH)).adopt(body)
    assert body.find(f".//{w('numId')}").get(w("val")) == "1"


def test_a_style_the_draft_lacks_is_copied_in_under_a_free_id() -> None:
    draft = [("word/styles.xml", styles(style("RGTableText", "编辑自己的样式")))]
    body = content('<w:p><w:pPr><w:pStyle w:val="RGTableText"/></w:pPr></w:p>')
    mapping = StyleMap(tuple(draft), tuple(FRESH))
    mapping.adopt(body)
    assert body.find(f".//{w('pStyle')}").get(w("val")) == "RGTableText2"
    written = parse(mapping.parts()["word/styles.xml"])
    names = {s.get(w("styleId")): s.find(w("name")).get(w("val")) for s in written.iter(w("style"))}
    assert names == {"RGTableText": "编辑自己的样式", "RGTableText2": "表格文字"}


def test_a_list_the_draft_has_no_counterpart_for_is_copied_before_its_nums() -> None:
    draft = [
        ("word/styles.xml", styles(style("Normal", "Normal"))),
        (
            "word/numbering.xml",
            numbering(
                '<w:abstractNum w:abstractNumId="3"/>', '<w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>'
            ),
        ),
    ]
    body = content('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr></w:pPr></w:p>')
    mapping = StyleMap(tuple(draft), tuple(FRESH))
    mapping.adopt(body)
    assert body.find(f".//{w('numId')}").get(w("val")) == "5"
    written = parse(mapping.parts()["word/numbering.xml"])
    assert [(e.tag == w("num"), e.get(w("abstractNumId")) or e.get(w("numId"))) for e in written] == [
        (False, "3"),
        (False, "4"),
        (True, "4"),
        (True, "5"),
    ]
