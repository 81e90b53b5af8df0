"""Keys in the .docx: a hidden bookmark per generated block and the baseline part.

A draft must know its origin (the text it was generated with and the data's fingerprint)
without anything outside the file, and keep it through Word, LibreOffice and python-docx.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drafting import edit, render, resave_with_libreoffice, rewrite, views
from reportgen.api import Renderer, data_fingerprint, load
from reportgen.docx import read_outline, write_docx
from reportgen.docx.baseline import baseline_xml, parse_baseline
from reportgen.docx.draft.read import read_draft
from reportgen.docx.keys import bookmark_name
from reportgen.render.blocks import Document, Paragraph, Span
from reportgen.render.stylesheet import load_stylesheet
from reportgen.revise.model import Baseline, Generated, Origin
from samples import LINGLING, LINGLING_PROJECT, MINIMAL

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def part(data: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


@pytest.fixture(scope="module")
def lingling() -> bytes:
    return render(LINGLING)


@pytest.mark.rendering
@pytest.mark.parametrize("data", [LINGLING, LINGLING_PROJECT])
def test_every_keyed_block_reads_back_as_its_baseline(data: Path) -> None:
    document = Renderer().document(load(data))
    draft = read_draft(render(data))
    assert draft.baseline is not None
    generated = draft.baseline.by_key()
    keyed = [b for b in draft.blocks if b.key is not None]
    assert [b.key for b in keyed] == [g.key for g in draft.baseline.blocks]
    assert all(b.text == generated[b.key].text for b in keyed if b.key)
    block_keys = [key for b in document.blocks if (key := getattr(b, "key", ""))]
    assert set(block_keys) <= set(generated)
    unkeyed = [b.text for b in draft.blocks if b.key is None]
    assert all(text == "" for text in unkeyed)  # only the hair-thin spacers between tables


@pytest.mark.rendering
def test_bookmarks_are_hidden_short_and_unique(lingling: bytes) -> None:
    names = re.findall(rb'w:name="([^"]*)"', part(lingling, "word/document.xml"))
    assert names and len(names) == len(set(names))
    assert all(re.fullmatch(rb"_RG[0-9a-f]{16}", name) for name in names)
    starts = re.findall(rb'<w:bookmarkStart w:id="(\d+)"', part(lingling, "word/document.xml"))
    ends = re.findall(rb'<w:bookmarkEnd w:id="(\d+)"', part(lingling, "word/document.xml"))
    assert starts == ends


@given(st.text(min_size=1, max_size=200))
def test_a_bookmark_name_is_a_valid_word_name_for_any_key(key: str) -> None:
    name = bookmark_name(key)
    assert len(name) <= 40 and re.fullmatch(r"_RG[0-9a-f]+", name)


@pytest.mark.rendering
def test_the_baseline_is_a_custom_xml_part_with_fingerprint_and_options(lingling: bytes) -> None:
    rels = part(lingling, "word/_rels/document.xml.rels").decode()
    assert 'relationships/customXml" Target="../customXml/item1.xml"' in rels
    assert "customXmlProperties+xml" in part(lingling, "[Content_Types].xml").decode()
    assert b"urn:reportgen:baseline:1" in part(lingling, "customXml/itemProps1.xml")
    draft = read_draft(lingling)
    assert draft.baseline is not None
    assert draft.baseline.origin == Origin(data_fingerprint(load(LINGLING).raw), "standard", "gbt9704")


def test_the_fingerprint_depends_on_values_not_on_the_file(tmp_path: Path) -> None:
    yaml_file = tmp_path / "a.yaml"
    yaml_file.write_text(MINIMAL, encoding="utf-8")
    reformatted = tmp_path / "b.yaml"
    reformatted.write_text("# a comment\n" + MINIMAL.replace("year: 2023", "year:   2023"), encoding="utf-8")
    changed = tmp_path / "c.yaml"
    changed.write_text(MINIMAL.replace("executed: 100", "executed: 90"), encoding="utf-8")
    prints = [data_fingerprint(load(path).raw) for path in (yaml_file, reformatted, changed)]
    assert prints[0] == prints[1] != prints[2]


@pytest.mark.rendering
def test_rendering_stays_deterministic(lingling: bytes) -> None:
    assert render(LINGLING) == lingling


@pytest.mark.rendering
def test_a_document_without_keys_gets_no_baseline() -> None:
    data = write_docx(Document("t", (Paragraph.of("正文"),)), load_stylesheet())
    assert not [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("customXml/")]


@pytest.mark.rendering
def test_a_placeholder_is_a_highlighted_run() -> None:
    spans = (Span("完成率"), Span("【待补充：原因】", highlight=True), Span("。"))
    data = write_docx(Document("t", (Paragraph(spans, key="c/1"),)), load_stylesheet())
    runs = re.findall(rb"<w:r>.*?</w:r>", part(data, "word/document.xml"))
    assert [b'<w:highlight w:val="yellow"/>' in run for run in runs] == [False, True, False]
    (block,) = read_draft(data).blocks
    assert block.text == "完成率【待补充：原因】。" and block.marks == ((3, 11),)


@settings(max_examples=50)
@given(st.lists(st.tuples(st.text(max_size=30), st.booleans()), min_size=1, max_size=8))
def test_the_baseline_part_round_trips_any_text(items: list[tuple[str, bool]]) -> None:
    printable = [("".join(ch for ch in text if ch.isprintable() or ch in "\t\n"), table) for text, table in items]
    blocks = tuple(
        Generated.table(f"k/{i}&<\"'>", ((text, ""), ("x", text))) if table else Generated(f"k/{i}\t", text)
        for i, (text, table) in enumerate(printable)
    )
    baseline = Baseline(blocks, Origin("sha256:0", "standard", "gbt9704"), "0.1.0")
    parsed = parse_baseline(baseline_xml(baseline))
    assert parsed is not None and parsed[0] == baseline


@pytest.mark.rendering
def test_reading_the_outline_is_unchanged_by_keys(lingling: bytes) -> None:
    outline = read_outline(lingling)
    assert outline[0] == ("title", "零陵区司法局2022年度")
    assert not any("_RG" in text for _, text in outline)


@pytest.mark.rendering
def test_keys_and_baseline_survive_an_edit_with_python_docx(lingling: bytes) -> None:
    edited = edit(lingling, lambda d: rewrite(d.paragraphs[5], "编辑改写的段落"))
    before, after = read_draft(lingling), read_draft(edited)
    assert after.baseline == before.baseline
    assert [b.key for b in after.blocks] == [b.key for b in before.blocks]
    changed = [b.text for b, old in zip(after.blocks, before.blocks, strict=True) if b.text != old.text]
    assert changed == ["编辑改写的段落"]


@pytest.mark.rendering
@pytest.mark.libreoffice
def test_keys_and_baseline_survive_a_libreoffice_round_trip(lingling: bytes) -> None:
    edited = edit(lingling, lambda d: rewrite(d.paragraphs[5], "编辑改写的段落"))
    original, resaved = views(edited), views(resave_with_libreoffice(edited))
    assert [(b.key, b.text, b.cells) for b in resaved.accepted] == [(b.key, b.text, b.cells) for b in original.accepted]
    assert read_draft(resaved.data).baseline == read_draft(lingling).baseline


@pytest.mark.rendering
@pytest.mark.libreoffice
def test_placeholder_highlighting_survives_libreoffice(tmp_path: Path) -> None:
    spans = (Span("完成率"), Span("【待补充：原因】", highlight=True))
    data = write_docx(Document("t", (Paragraph(spans, key="c/1"),)), load_stylesheet())
    (block,) = read_draft(resave_with_libreoffice(data)).blocks
    assert block.key == "c/1" and block.marks == ((3, 11),)
