"""The OOXML layer on its own: escaping, text → w:t (strings and lxml alike), the text views
of tracked changes, relationships and content types."""

from __future__ import annotations

import pytest

from reportgen.ooxml.elements import add_text, attribute_values, child_val, new_element, parse, serialize, w
from reportgen.ooxml.escape import clean, escape, pieces
from reportgen.ooxml.namespaces import NAMESPACES, RT_IMAGE, W_NS, qn
from reportgen.ooxml.parts import (
    add_default,
    add_override,
    add_relationships,
    related_part,
    relationship_ids,
    relationships_xml,
    rels_name,
)
from reportgen.ooxml.strings import attr, tag, text_xml
from reportgen.ooxml.text import View, paragraph_text, runs

TEXTS = ["plain", " lead and trail ", "a\tb\nc", "x\r\ny\rz\x0bw", "<&>\"'", "bad\x00\x1f\ufffechars", "\n\t", ""]


def run(text: str) -> str:
    """``text`` written into a run by lxml, serialised without the namespace declaration."""
    element = new_element(w("r"), {"w": W_NS})
    add_text(element, text)
    body = serialize(element, declaration=False).decode()
    return body.replace(f' xmlns:w="{W_NS}"', "").removeprefix("<w:r>").removesuffix("</w:r>").replace("<w:r/>", "")


@pytest.mark.parametrize("text", TEXTS)
def test_both_writers_turn_text_into_the_same_run_content(text: str) -> None:
    assert text_xml(text).replace("&quot;", '"') == run(text)


def test_run_pieces_keep_spaces_and_drop_illegal_characters() -> None:
    assert list(pieces("a\tb\r\nc")) == [("t", "a"), ("tab", ""), ("t", "b"), ("br", ""), ("t", "c")]
    assert clean("x\x00\x08y\ud800\uffff") == "xy"
    assert text_xml(" a ") == '<w:t xml:space="preserve"> a </w:t>'


@pytest.mark.parametrize(
    ("quote", "whitespace", "expected"),
    [
        (False, False, '&lt;a&gt; &amp; "b"\n\t'),
        (True, False, "&lt;a&gt; &amp; &quot;b&quot;\n\t"),
        (True, True, "&lt;a&gt; &amp; &quot;b&quot;&#10;&#9;"),
    ],
)
def test_escape_modes(quote: bool, whitespace: bool, expected: str) -> None:
    assert escape('<a> & "b"\n\t', quote=quote, whitespace=whitespace) == expected


def test_string_builders_escape_attributes() -> None:
    assert attr('a"<\x01') == "a&quot;&lt;"
    assert tag("pStyle", val="RG&") == '<w:pStyle w:val="RG&amp;"/>'
    assert tag("rPr", "<w:b/>") == "<w:rPr><w:b/></w:rPr>"


def test_qualified_names() -> None:
    assert qn("w:jc") == w("jc") == f"{{{NAMESPACES['w']}}}jc"
    assert qn("xml:space") == "{http://www.w3.org/XML/1998/namespace}space"


TRACKED = (
    f'<w:p xmlns:w="{W_NS}"><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>'
    "<w:r><w:t>keep </w:t></w:r>"
    '<w:del w:id="1" w:author="x"><w:r><w:delText>old</w:delText></w:r></w:del>'
    '<w:ins w:id="2" w:author="x"><w:r><w:t>new</w:t></w:r></w:ins>'
    '<w:r><w:tab/><w:br w:type="page"/><w:br/><w:noBreakHyphen/></w:r></w:p>'
).encode()


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        ("accepted", "keep new\t\n\u2011"),
        ("rejected", "keep old\t\n\u2011"),
    ],
)
def test_a_paragraph_reads_in_both_views(view: View, expected: str) -> None:
    p = parse(TRACKED)
    assert paragraph_text(p, view) == expected
    assert len(runs(p, view)) == 3


def test_element_queries() -> None:
    p = parse(TRACKED)
    assert attribute_values(p, w("id")) == ["1", "2"]
    assert child_val(parse(f'<w:lvl xmlns:w="{W_NS}"><w:start w:val="3"/></w:lvl>'.encode()), "start") == "3"
    assert child_val(p, "start") is None


def test_relationships_and_content_types() -> None:
    rels = relationships_xml([("rId1", RT_IMAGE, "media/a.png")])
    assert rels.startswith(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships')
    rels = add_relationships(rels, [("rId7", RT_IMAGE, "media/b.png")])
    assert relationship_ids(rels) == {"rId1", "rId7"}
    assert related_part(rels, "word/document.xml", "image") == "word/media/a.png"
    assert rels_name("word/document.xml") == "word/_rels/document.xml.rels"
    assert rels_name("") == "_rels/.rels"
    types = b'<Types xmlns="x"><Default Extension="xml" ContentType="application/xml"/></Types>'
    with_png = add_default(types, "png", "image/png")
    assert with_png.startswith(b'<Types xmlns="x"><Default Extension="png" ContentType="image/png"/>')
    assert add_default(with_png, "png", "image/png") == with_png
    with_part = add_override(types, "word/comments.xml", "c")
    assert with_part.endswith(b'<Override PartName="/word/comments.xml" ContentType="c"/></Types>')
    assert add_override(with_part, "word/comments.xml", "c") == with_part
