"""A draft's blocks placed under their heading path, with the numbers Word shows."""

from __future__ import annotations

import io

import docx
import pytest

from drafting import render
from reportgen.docx.draft.places import heading_paths
from reportgen.docx.draft.read import read_draft
from samples import LINGLING

pytestmark = pytest.mark.rendering


@pytest.fixture(scope="module")
def lingling() -> bytes:
    return render(LINGLING)


def test_each_block_stands_under_its_numbered_headings(lingling: bytes) -> None:
    draft = read_draft(lingling)
    places = dict(zip((b.text for b in draft.blocks), heading_paths(draft), strict=False))
    assert places[draft.blocks[0].text] == ""  # the title stands under no heading
    paths = heading_paths(draft)
    assert any(p.startswith("一、") for p in paths) and any(" › （一）" in p for p in paths)
    assert all(p.count(" › ") <= 3 for p in paths)


def test_a_heading_stands_under_the_headings_above_it(lingling: bytes) -> None:
    draft = read_draft(lingling)
    paths = heading_paths(draft)
    first = next(i for i, p in enumerate(paths) if p.startswith("一、"))
    assert paths[first - 1] == "" and not paths[first].count(" › ")


def test_a_heading_the_editor_typed_counts_too(lingling: bytes) -> None:
    document = docx.Document(io.BytesIO(lingling))
    chapter = next(p for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1")
    title = chapter.text
    chapter.insert_paragraph_before("编辑加的一章", chapter.style)
    out = io.BytesIO()
    document.save(out)
    draft = read_draft(out.getvalue())
    paths = heading_paths(draft)
    index = next(i for i, b in enumerate(draft.blocks) if b.text == "编辑加的一章")
    moved = next(i for i, b in enumerate(draft.blocks) if b.text == title)
    assert paths[index + 1] == "一、编辑加的一章" and paths[moved + 1] == f"二、{title}"


def test_the_signature_and_attachments_stand_apart_from_the_last_chapter(lingling: bytes) -> None:
    draft = read_draft(lingling)
    paths = heading_paths(draft)
    date = next(i for i, b in enumerate(draft.blocks) if "报告日期" in b.text)
    assert paths[date] == "落款" and paths[-1].startswith("附件")
