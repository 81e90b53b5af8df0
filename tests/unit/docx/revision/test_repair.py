"""What LibreOffice writes against the schema is put right, keeping each value's meaning."""

from __future__ import annotations

from reportgen.docx.repair import repair_part
from reportgen.ooxml.elements import W_NS, Element, parse, serialize


def part(xml: str) -> Element:
    return parse(f'<w:document xmlns:w="{W_NS}">{xml}</w:document>'.encode())


def test_on_off_only_elements_get_on_and_off() -> None:
    root = part('<w:trPr><w:cantSplit w:val="true"/><w:tblHeader w:val="0"/></w:trPr><w:b w:val="true"/>')
    assert repair_part(root) == 2
    text = serialize(root).decode()
    assert 'cantSplit w:val="on"' in text and 'tblHeader w:val="off"' in text and 'b w:val="true"' in text


def test_a_numbering_level_gets_the_schema_order() -> None:
    root = part(
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:pStyle w:val="Heading1"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    )
    assert repair_part(root) == 1
    order = [str(child.tag).split("}")[1] for child in root[0]]
    assert order == ["start", "numFmt", "pStyle", "lvlText"]
    assert repair_part(root) == 0


def test_an_unsigned_char_space_becomes_the_negative_number_it_stands_for() -> None:
    root = part('<w:docGrid w:type="lines" w:linePitch="579" w:charSpace="4294950911"/>')
    assert repair_part(root) == 1
    assert 'w:charSpace="-16385"' in serialize(root).decode()
