"""Helpers for update/check tests: render drafts, edit them as an editor would, read them back.

Edits go through python-docx, which keeps what it does not understand (bookmarks, custom XML
parts), as Word does. A paragraph is rewritten run by run so its bookmark stays, as it does
when an editor retypes the text inside a paragraph in Word.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
import docx.document
import docx.text.paragraph
import pytest
import yaml

from pdfpages import require_libreoffice
from reportgen.api import Renderer, load
from reportgen.docx.draft.read import read_draft
from reportgen.docx.keys import bookmark_name
from reportgen.docx.revision.comments import read_comments
from reportgen.features.pdf import find_soffice
from reportgen.revise.model import DraftBlock, DraftComment

Edit = Callable[[docx.document.Document], object]


def render(data: Path) -> bytes:
    return Renderer().render(load(data))


def write_data(path: Path, data: dict[str, object]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def edit(draft: bytes, *edits: Edit) -> bytes:
    """``draft`` after ``edits`` made with python-docx and saved."""
    document = docx.Document(io.BytesIO(draft))
    for change in edits:
        change(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rewrite(paragraph: docx.text.paragraph.Paragraph, text: str) -> None:
    """Replace a paragraph's text, keeping its bookmarks (the first run takes the text)."""
    runs = paragraph.runs
    if not runs:
        paragraph.add_run(text)
        return
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def delete(paragraph: docx.text.paragraph.Paragraph) -> None:
    paragraph._p.getparent().remove(paragraph._p)


def find(document: docx.document.Document, start: str) -> docx.text.paragraph.Paragraph:
    return next(p for p in document.paragraphs if p.text.startswith(start))


@dataclass(frozen=True)
class Views:
    """A .docx read back: blocks with all changes accepted and all rejected, and comments."""

    accepted: list[DraftBlock]
    rejected: list[DraftBlock]
    comments: list[DraftComment]
    data: bytes

    def text(self, key: str, view: str = "accepted") -> str | None:
        blocks = self.accepted if view == "accepted" else self.rejected
        return next((b.text for b in blocks if b.key == key), None)

    def texts(self, view: str = "accepted") -> list[str]:
        return [b.text for b in (self.accepted if view == "accepted" else self.rejected)]

    @property
    def document(self) -> str:
        return zipfile.ZipFile(io.BytesIO(self.data)).read("word/document.xml").decode()

    def count(self, tag: str) -> int:
        return self.document.count(f"<w:{tag} ")


def views(data: bytes) -> Views:
    accepted = read_draft(data)
    return Views(accepted.blocks, read_draft(data, "rejected").blocks, read_comments(accepted.members), data)


def resave_with_libreoffice(data: bytes) -> bytes:
    """``data`` opened and saved again as .docx by LibreOffice (skips without it, unless in CI)."""
    require_libreoffice()
    soffice = find_soffice()
    assert soffice is not None
    with tempfile.TemporaryDirectory(prefix="reportgen-lo-") as work:
        folder = Path(work)
        source = folder / "in" / "draft.docx"
        source.parent.mkdir()
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        subprocess.run(command, capture_output=True, timeout=180, check=True, env={**os.environ, "HOME": str(folder)})
        return (folder / "out" / "draft.docx").read_bytes()


def by_key(document: docx.document.Document, key: str) -> docx.text.paragraph.Paragraph:
    """The body paragraph that carries ``key``'s bookmark."""
    name = bookmark_name(key)
    return next(p for p in document.paragraphs if name in p._p.xpath(".//w:bookmarkStart/@w:name"))


def uno_python() -> str | None:
    """A Python that can drive LibreOffice (has its ``uno`` module), or None."""
    for candidate in ("/usr/bin/python3", "/usr/local/bin/python3", sys.executable):
        found = Path(candidate).exists() and subprocess.run([candidate, "-c", "import uno"], capture_output=True)
        if found and found.returncode == 0:
            return candidate
    return None


def libreoffice_resolves(data: bytes, command: str) -> bytes:
    """``data`` after LibreOffice's own Accept All (or Reject All) tracked changes."""
    require_libreoffice()
    python = uno_python()
    if python is None:
        pytest.skip("needs a Python with LibreOffice's uno module (python3-uno)")
    with tempfile.TemporaryDirectory(prefix="reportgen-accept-") as work:
        source, target = Path(work) / "in.docx", Path(work) / "out.docx"
        source.write_bytes(data)
        script = Path(__file__).with_name("lo_accept.py")
        subprocess.run(
            [python, str(script), str(source), str(target), command], check=True, timeout=300, capture_output=True
        )
        return target.read_bytes()
