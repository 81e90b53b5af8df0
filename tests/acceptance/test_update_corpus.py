"""``update`` on drafts as office programs save them: every result valid, correct and in style.

The corpus is the example report's draft saved by LibreOffice (once and twice), edited with
python-docx (as Word keeps what it does not know), both in either order, and rewritten the
ways Word and WPS rewrite a document (rsids, split runs, moved bookmarks, content controls).
Each is updated after four kinds of data change. Every result:

- passes the OOXML schema validator (openxml-audit) with zero findings;
- names only styles and lists its own package defines, and each keyed block has the role its
  render gives it (an added row is 表格文字 in its table, an added paragraph 公文正文);
- reads, with all changes accepted, as the new render wherever the editor did not write, and
  with all rejected as the draft did; every editor's text is there in both;
- reads the same when LibreOffice itself accepts or rejects all changes;
- and updating it again with the same data changes nothing.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from openxml_audit import OpenXmlValidator

from drafting import edit, libreoffice_resolves, render, resave_with_libreoffice, rewrite, views, write_data
from office_rewrites import office_rewrites
from reportgen.api import update_report
from reportgen.docx.draft.read import Draft, read_draft
from reportgen.docx.draft.style_roles import style_roles
from reportgen.ooxml.elements import parse, w
from samples import LINGLING

pytestmark = [pytest.mark.rendering, pytest.mark.libreoffice]

VALIDATOR = OpenXmlValidator()
BASE: dict[str, Any] = yaml.safe_load(LINGLING.read_text(encoding="utf-8"))
EDITED = "编辑改写：本单位全年预算执行情况良好，资金使用规范。"
ADDED = "编辑新增：本年度还开展了法治宣传进社区活动。"


def _edits(document: Any) -> None:
    """An editor's work: one paragraph rewritten, one added, one deleted."""
    body = [p for p in document.paragraphs if p.style is not None and len(p.text) > 30]
    rewrite(body[1], EDITED)
    body[3].insert_paragraph_before(ADDED)
    body[5]._p.getparent().remove(body[5]._p)


def _edited(draft: bytes) -> bytes:
    return edit(draft, _edits)


CORPUS: dict[str, Callable[[bytes], bytes]] = {
    "libreoffice": resave_with_libreoffice,
    "libreoffice-twice": lambda d: resave_with_libreoffice(resave_with_libreoffice(d)),
    "python-docx-edited": _edited,
    "edited-then-libreoffice": lambda d: resave_with_libreoffice(_edited(d)),
    "libreoffice-then-edited": lambda d: _edited(resave_with_libreoffice(d)),
    "office-rewrites": lambda d: office_rewrites(_edited(d)),
    "office-rewrites-then-libreoffice": lambda d: resave_with_libreoffice(office_rewrites(_edited(d))),
}


def _indicator(data: dict[str, Any]) -> None:
    """A new indicator among the 产出指标, its 5 points taken from the one before it."""
    before = data["indicators"][2]
    new = {key: value for key, value in before.items() if key != "score"}
    new.update(name="新增调解案件回访数", target="300件", actual="320件", weight=5)
    before["weight"] = before["weight"] - 5
    before.pop("score", None)
    data["indicators"].insert(3, new)


def _dropped(data: dict[str, Any]) -> None:
    gone = data["indicators"].pop(4)
    data["indicators"][3]["weight"] += gone["weight"]
    data["indicators"][3].pop("score", None)


def _figures(data: dict[str, Any]) -> None:
    data["budget"]["executed"] = round(float(data["budget"]["executed"]) * 0.9, 2)


def _texts(data: dict[str, Any]) -> None:
    data["problems"][0]["text"] = "司法所化解矛盾的积极性有待提高。"
    data["measures"].append({"title": "完善法律援助值班制度", "text": "每个工作日安排律师值班。"})


def _all(data: dict[str, Any]) -> None:
    for change in (_figures, _indicator, _texts):
        change(data)


CHANGES: dict[str, Callable[[dict[str, Any]], None]] = {
    "figures": _figures,
    "indicator-added": _indicator,
    "indicator-removed": _dropped,
    "texts-and-all": _all,
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("corpus")


@pytest.fixture(scope="module")
def original(folder: Path) -> bytes:
    return render(LINGLING)


@pytest.fixture(scope="module")
def corpus(folder: Path, original: bytes) -> dict[str, bytes]:
    return {name: make(original) for name, make in CORPUS.items()}


def _data(folder: Path, change: str) -> Path:
    changed = copy.deepcopy(BASE)
    CHANGES[change](changed)
    return write_data(folder / f"{change}.yaml", changed)


def _update(folder: Path, name: str, draft: bytes, data: Path, suffix: str = "") -> bytes:
    source, target = folder / f"{name}{suffix}-draft.docx", folder / f"{name}{suffix}-updated.docx"
    source.write_bytes(draft)
    target.unlink(missing_ok=True)
    update_report(data, source, target)
    return target.read_bytes()


def _findings(folder: Path, content: bytes) -> list[str]:
    path = folder / "validate.docx"
    path.write_bytes(content)
    return [str(error) for error in VALIDATOR.validate(path).errors]


def _roles(draft: Draft) -> dict[str, str]:
    return style_roles(parse(dict(draft.members)["word/styles.xml"]))


def _block_roles(draft: Draft) -> dict[str, set[str]]:
    """Per keyed block, the roles of its live paragraphs' styles ("" for the default style)."""
    roles = _roles(draft)
    found: dict[str, set[str]] = {}
    for key, elements in draft.elements.items():
        paragraphs = [p for element in elements for p in ([element] if element.tag == w("p") else element.iter(w("p")))]
        live = [p for p in paragraphs if p.find(f"{w('pPr')}/{w('rPr')}/{w('del')}") is None]
        found[key] = {_role(p, roles) for p in live}
    return found


def _role(p: Any, roles: dict[str, str]) -> str:
    style = p.find(f"{w('pPr')}/{w('pStyle')}")
    return roles.get(style.get(w("val"), ""), "undefined") if style is not None else ""


def _undefined(content: bytes) -> set[str]:
    draft = read_draft(content)
    defined = {s.get(w("styleId"), "") for s in parse(dict(draft.members)["word/styles.xml"]).iter(w("style"))}
    used = {e.get(w("val"), "") for tag in ("pStyle", "rStyle", "tblStyle") for e in draft.root.iter(w(tag))}
    numbering = dict(draft.members).get("word/numbering.xml")
    lists = {n.get(w("numId"), "") for n in parse(numbering).iter(w("num"))} if numbering else set()
    numbered = {e.get(w("val"), "") for e in draft.root.iter(w("numId"))} - {"0"}
    return (used - defined) | {f"list {n}" for n in numbered - lists}


@pytest.mark.parametrize("change", sorted(CHANGES))
@pytest.mark.parametrize("name", sorted(CORPUS))
def test_an_office_saved_draft_updates_to_a_valid_correct_document(
    folder: Path, corpus: dict[str, bytes], name: str, change: str
) -> None:
    draft = corpus[name]
    data = _data(folder, change)
    result = _update(folder, f"{name}-{change}", draft, data)

    assert _findings(folder, result) == []
    assert _undefined(result) == set()

    fresh = read_draft(render(data))
    assert fresh.baseline is not None
    expected = _block_roles(fresh)
    got = _block_roles(read_draft(result))
    assert {k: got[k] for k in expected if k in got} == {k: expected[k] for k in expected if k in got}

    before, after = read_draft(draft), views(result)
    generated = read_draft(render(LINGLING)).baseline
    assert generated is not None
    old = generated.by_key()
    new = fresh.baseline.by_key()
    editors = [b.text for b in before.blocks if b.text.strip() and (b.key is None or b.text != old[b.key].text)]
    for view in ("accepted", "rejected"):
        assert [t for t in after.texts(view) if t in editors] == editors, view
    for block in before.blocks:
        if block.key is not None and block.text == old[block.key].text and block.key in new:
            assert after.text(block.key) == new[block.key].text, block.key
            assert after.text(block.key, "rejected") == block.text, block.key

    again = _update(folder, f"{name}-{change}", result, data, "-again")
    assert views(again).texts() == after.texts()
    assert views(again).texts("rejected") == after.texts("rejected")


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_libreoffice_accepting_and_rejecting_reads_as_our_views(
    folder: Path, corpus: dict[str, bytes], original: bytes, name: str
) -> None:
    # LibreOffice saves block content controls back mangled (office_rewrites says how): here,
    # where LibreOffice saves the result, the draft it has not saved before goes without them.
    draft = office_rewrites(_edited(original), content_controls=False) if name == "office-rewrites" else corpus[name]
    result = views(_update(folder, f"{name}-uno", draft, _data(folder, "texts-and-all")))
    for command, view in (("AcceptAllTrackedChanges", "accepted"), ("RejectAllTrackedChanges", "rejected")):
        resolved = views(libreoffice_resolves(result.data, command))
        assert resolved.count("ins") == resolved.count("del") == 0
        assert _trimmed(resolved.texts()) == _trimmed(result.texts(view)), view


def _trimmed(texts: list[str]) -> list[str]:
    """Without empty paragraphs (LibreOffice keeps one after a final table, and the spacer between tables)."""
    return [text for text in texts if text.strip()]
