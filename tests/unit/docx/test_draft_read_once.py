"""A draft is read once, and its fast reading paths read what the careful ones read.

``update`` parses the draft's document part once and the fresh render's once (the render's
other parts are not checked again, its texts not read: the baseline has them); ``check`` and
``finalize`` parse the draft's document once too. A draft without tracked changes is read
without asking each paragraph and row about them, a table without them likewise; every such
shortcut gives the same blocks, rows and highlighted text as the general path, on drafts as
reportgen writes them, as Word and WPS rewrite them and as an update leaves them (tracked
changes everywhere). Attribute searches done by libxml2 find what a walk over every element finds,
and the percentages of a cell read without labels are those its figures name.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree

from drafting import edit, render, write_data
from finalizing import fill_placeholders
from office_rewrites import office_rewrites
from reportgen.api import check_report, update_report
from reportgen.api.finalizing import finalize_report
from reportgen.docx.draft import read as read_module
from reportgen.docx.draft.change_views import row_gone
from reportgen.docx.draft.places import table_grids
from reportgen.docx.draft.read import Draft, read_draft, read_rendered
from reportgen.ooxml.elements import W_NS, attribute_values, parse_part, w, with_attribute
from reportgen.ooxml.text import paragraph_text, plain_text, untracked
from reportgen.revise.numbers import figures_in, percents_in
from samples import MINIMAL

BASE: dict[str, Any] = yaml.safe_load(MINIMAL)
EXTRA = {"level1": "产出指标", "level2": "质量指标", "name": "结案率", "target": "≥95%", "actual": "98%", "weight": 0}


def document_xml(package: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return archive.read("word/document.xml")


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The draft as rendered, as Word/WPS rewrite it, and after an update (tracked changes in
    paragraphs and in the 自评表), with the data files: ``old`` and ``new``."""
    folder = tmp_path_factory.mktemp("drafts")
    new = copy.deepcopy(BASE)
    new["budget"]["executed"] = BASE["budget"]["executed"] * 0.9
    new["indicators"][0]["actual"] = "12件"
    new["indicators"].append(EXTRA)
    old_data, new_data = write_data(folder / "old.yaml", BASE), write_data(folder / "new.yaml", new)
    rendered = render(old_data)
    (folder / "draft.docx").write_bytes(office_rewrites(rendered))
    update_report(new_data, folder / "draft.docx", folder / "updated.docx")
    return {
        "rendered": rendered,
        "office": office_rewrites(rendered),
        "updated": (folder / "updated.docx").read_bytes(),
        "old": old_data.read_bytes(),
        "new": new_data.read_bytes(),
    }


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[bytes]]:
    """Every XML text parsed (by any of reportgen's parsers), counted."""
    counted: Counter[bytes] = Counter()
    original = etree.fromstring

    def counting(text: Any, *args: Any, **kwargs: Any) -> Any:
        counted[bytes(text) if isinstance(text, bytes | bytearray) else str(text).encode()] += 1
        return original(text, *args, **kwargs)

    monkeypatch.setattr(etree, "fromstring", counting)
    yield counted


def saved(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def test_an_update_parses_the_drafts_document_once_and_the_renders_once(
    tmp_path: Path, drafts: dict[str, bytes], parses: Counter[bytes]
) -> None:
    draft, new = saved(tmp_path, "draft.docx", drafts["office"]), saved(tmp_path, "new.yaml", drafts["new"])
    fresh = render(new)
    parses.clear()
    update_report(new, draft, tmp_path / "out.docx")
    assert parses[document_xml(drafts["office"])] == 1
    assert parses[document_xml(fresh)] == 1


def test_check_and_finalize_parse_the_drafts_document_once(
    tmp_path: Path, drafts: dict[str, bytes], parses: Counter[bytes]
) -> None:
    draft, new = saved(tmp_path, "draft.docx", drafts["office"]), saved(tmp_path, "new.yaml", drafts["new"])
    check_report(draft, new)
    assert parses[document_xml(drafts["office"])] == 1
    filled = edit(drafts["rendered"], fill_placeholders)
    saved(tmp_path, "filled.docx", filled)
    parses.clear()
    finalize_report(tmp_path / "filled.docx", tmp_path / "final.docx", others="accept")
    assert parses[document_xml(filled)] == 1


def test_a_render_is_read_without_checking_its_other_parts_again(
    drafts: dict[str, bytes], parses: Counter[bytes]
) -> None:
    read_rendered(drafts["rendered"])
    with zipfile.ZipFile(io.BytesIO(drafts["rendered"])) as archive:
        styles = archive.read("word/styles.xml")
    assert parses[styles] == 0


@pytest.mark.parametrize("name", ["rendered", "office"])
def test_a_render_read_for_an_update_has_the_drafts_keys_elements_grids_and_marks(
    drafts: dict[str, bytes], name: str
) -> None:
    full, light = read_draft(drafts[name]), read_rendered(drafts[name])
    assert [b.key for b in light.blocks] == [b.key for b in full.blocks]
    assert [[e.tag for e in es] for es in light.block_elements] == [[e.tag for e in es] for es in full.block_elements]
    assert [len(es) for es in light.elements.values()] == [len(es) for es in full.elements.values()]
    assert table_grids(light) == table_grids(full)
    assert light.baseline == full.baseline
    marks = {b.key: light.marks(light.elements[b.key]) for b in light.blocks if b.key and not b.is_table}
    assert marks == {b.key: b.marks for b in full.blocks if b.key and not b.is_table}
    assert any(marks.values())  # the placeholders are highlighted


def careful(data: bytes, monkeypatch: pytest.MonkeyPatch) -> Draft:
    """``data`` read with every shortcut off: each paragraph and row asked about tracked changes."""
    with monkeypatch.context() as patched:
        patched.setattr(read_module, "untracked", lambda element: False)
        patched.setattr(read_module, "rows_there", _every_row_asked)
        return read_draft(data)


def _every_row_asked(tbl: etree._Element, view: Any = "accepted") -> list[etree._Element]:
    return [tr for tr in tbl.iterfind(w("tr")) if not row_gone(tr, view)]


@pytest.mark.parametrize("name", ["rendered", "office", "updated"])
def test_the_shortcuts_read_the_same_blocks_as_the_careful_path(
    drafts: dict[str, bytes], name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, slow = read_draft(drafts[name]), careful(drafts[name], monkeypatch)
    assert fast.blocks == slow.blocks
    assert [b.text for b in fast.blocks if b.text]  # texts were read
    assert [[fast.rows(e) for e in es if e.tag == w("tbl")] for es in fast.block_elements] == [
        [_every_row_asked(e) for e in es if e.tag == w("tbl")] for es in fast.block_elements
    ]


def test_an_updated_draft_has_tracked_changes_so_its_body_takes_the_careful_path(drafts: dict[str, bytes]) -> None:
    body = parse_part(document_xml(drafts["updated"])).find(w("body"))
    assert body is not None
    assert not untracked(body)
    assert untracked(parse_part(document_xml(drafts["rendered"])).find(w("body")))  # type: ignore[arg-type]


TRACKED: dict[str, Callable[[str], str]] = {
    "inserted run": lambda r: f"<w:ins w:id='1' w:author='a' w:date='2024-01-01T00:00:00Z'>{r}</w:ins>",
    "deleted run": lambda r: f"<w:del w:id='1' w:author='a' w:date='2024-01-01T00:00:00Z'>{r}</w:del>",
    "moved run": lambda r: f"<w:moveFrom w:id='1' w:author='a' w:date='2024-01-01T00:00:00Z'>{r}</w:moveFrom>",
    "text box": lambda r: (
        "<w:r><w:pict><v:shape xmlns:v='urn:schemas-microsoft-com:vml'><v:textbox><w:txbxContent>"
        f"<w:p>{r}</w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    ),
}
RUN = "<w:r><w:t>框内</w:t></w:r>"


@pytest.mark.parametrize("change", list(TRACKED))
def test_a_paragraph_is_untracked_only_without_changes_and_text_boxes(change: str) -> None:
    p = parse_part(
        f"<w:p xmlns:w='{W_NS}'><w:r><w:t>正文</w:t><w:tab/><w:br w:type='page'/></w:r>"
        f"{TRACKED[change](RUN)}</w:p>".encode()
    )
    assert not untracked(p)
    plain = parse_part(f"<w:p xmlns:w='{W_NS}'><w:r><w:t>正文</w:t><w:tab/></w:r>{RUN}</w:p>".encode())
    assert untracked(plain)
    assert plain_text(plain) == paragraph_text(plain) == "正文\t框内"
    assert plain_text(plain, "rejected") == paragraph_text(plain, "rejected")


def test_a_paragraph_inside_a_change_is_not_untracked() -> None:
    root = parse_part(
        f"<w:body xmlns:w='{W_NS}'><w:ins w:id='1' w:author='a'><w:p>{RUN}</w:p></w:ins></w:body>".encode()
    )
    p = next(root.iter(w("p")))
    assert next(p.iter(w("ins")), None) is None
    assert not untracked(p)


MIXED = (
    b"<a xmlns:w='urn:w' xmlns:x='urn:x' id='1' w:id='0'><?pi id='9'?><!-- id='8' -->"
    b"<b xml:space='preserve' w:id='2' x:id='x'/><w:c id='3'><w:d w:id='4'/></w:c></a>"
)


@pytest.mark.parametrize("name", ["id", "{urn:w}id", "{urn:x}id", "{http://www.w3.org/XML/1998/namespace}space", "no"])
def test_attribute_searches_find_what_a_walk_over_every_element_finds(name: str) -> None:
    root = parse_part(MIXED)
    walked = [e for e in root.iter() if isinstance(e.tag, str) and isinstance(e.get(name), str)]  # not a PI's
    assert with_attribute(root, name) == walked
    assert attribute_values(root, name) == [e.get(name) for e in walked]


def test_attribute_searches_agree_with_a_walk_on_a_whole_draft(drafts: dict[str, bytes]) -> None:
    root = parse_part(document_xml(drafts["updated"]))
    for name in (w("id"), w("val"), w("charSpace"), w("name")):
        assert attribute_values(root, name) == [v for e in root.iter() if isinstance(v := e.get(name), str)]
        assert with_attribute(root, name) == [e for e in root.iter() if e.get(name) is not None]


@pytest.mark.parametrize("text", ["执行率为90.00%，满意度95％", "得分10分，1,690.55万元", "", "12.5%%与3％"])
def test_the_percentages_of_a_cell_are_those_its_figures_name(text: str) -> None:
    assert percents_in(text) == [f.value for f in figures_in(text) if f.kind == "percent"]
