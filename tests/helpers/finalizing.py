"""Helpers for finalize tests: drafts as an editor leaves them before submitting.

Comments are resolved as Word does it (a ``w14:paraId`` on each comment paragraph, and
``w15:done="1"`` in ``commentsExtended.xml`` for the last one); other authors' tracked
changes and comments are added as Word writes them.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from lxml import etree

from drafting import by_key, edit, render, rewrite, write_data
from reportgen.docx.draft.read import read_draft
from reportgen.revise.model import Baseline
from samples import LINGLING

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
EXTENDED_TYPE = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
EXTENDED_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return {name: source.read(name) for name in source.namelist()}


def package(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, blob in parts.items():
            target.writestr(name, blob)
    return out.getvalue()


def resolve_comments(data: bytes, which: Callable[[str], bool] = lambda author: True) -> bytes:
    """``data`` with the comments of the authors ``which`` accepts marked resolved."""
    parts = parts_of(data)
    comments = etree.fromstring(parts["word/comments.xml"])
    done = []
    for number, comment in enumerate(comments.iter(q("comment"))):
        paragraphs = comment.findall(q("p"))
        for index, paragraph in enumerate(paragraphs):
            paragraph.set(f"{{{W14}}}paraId", f"{number + 1:04X}{index:04X}")
        if which(comment.get(q("author"), "")):
            done.append(paragraphs[-1].get(f"{{{W14}}}paraId"))
    parts["word/comments.xml"] = etree.tostring(comments, xml_declaration=True, encoding="UTF-8", standalone=True)
    entries = "".join(f'<w15:commentEx w15:paraId="{p}" w15:done="1"/>' for p in done)
    parts["word/commentsExtended.xml"] = f'<w15:commentsEx xmlns:w15="{W15}">{entries}</w15:commentsEx>'.encode()
    rels = parts["word/_rels/document.xml.rels"]
    if b"commentsExtended" not in rels:
        relation = f'<Relationship Id="rIdExt" Type="{EXTENDED_TYPE}" Target="commentsExtended.xml"/>'
        closing = f"{relation}</Relationships>".encode()
        parts["word/_rels/document.xml.rels"] = rels.replace(b"</Relationships>", closing)
        override = f'<Override PartName="/word/commentsExtended.xml" ContentType="{EXTENDED_CONTENT}"/>'
        types = parts["[Content_Types].xml"]
        parts["[Content_Types].xml"] = types.replace(b"</Types>", f"{override}</Types>".encode())
    return package(parts)


def fill_placeholders(document: Any) -> None:
    """What an editor does with every 【待补充：…】: type the text in, drop the highlight."""
    import re

    for paragraph in document.paragraphs:
        if "【待补充" in paragraph.text:
            rewrite(paragraph, re.sub(r"【待补充[：:][^】]*】", "已补充", paragraph.text))
        for run in paragraph.runs:
            run.font.highlight_color = None


def changed_lingling(folder: Path) -> Path:
    """The LINGLING data with the executed budget and one indicator's result changed."""
    data: dict[str, Any] = yaml.safe_load(LINGLING.read_text(encoding="utf-8"))
    changed = copy.deepcopy(data)
    changed["budget"]["executed"] = float(changed["budget"]["executed"]) * 0.9
    changed["indicators"][2]["actual"] = "480件"
    return write_data(folder / "new.yaml", changed)


def baseline(data: bytes) -> Baseline:
    found = read_draft(data).baseline
    assert found is not None
    return found


def edited_draft(new: Path, rewritten: str = "编辑改写。") -> bytes:
    """The LINGLING draft with its placeholders filled in and one paragraph rewritten that
    the changed data ``new`` changes too (so ``update`` comments on it)."""
    draft = render(LINGLING)
    old, fresh = baseline(draft), baseline(render(new))
    key = next(b.key for b in old.blocks if b.cells is None and b.text != fresh.by_key()[b.key].text)
    return edit(draft, fill_placeholders, lambda d: rewrite(by_key(d, key), rewritten))


def track_by(author: str, paragraph: Any, text: str, ident: int) -> None:
    """Append ``text`` to a python-docx paragraph as ``author``'s tracked insertion."""
    inserted = paragraph._p.makeelement(q("ins"), {q("id"): str(ident), q("author"): author})
    paragraph._p.append(inserted)
    inserted.append(paragraph.add_run(text)._r)


def delete_by(author: str, paragraph: Any, ident: int) -> None:
    """Mark every run of a python-docx paragraph as ``author``'s tracked deletion."""
    for run in paragraph._p.findall(q("r")):
        deleted = paragraph._p.makeelement(q("del"), {q("id"): str(ident), q("author"): author})
        run.addprevious(deleted)
        deleted.append(run)
        for node in run.findall(q("t")):
            node.tag = q("delText")
