"""The valid inputs that mutations start from, built once per run."""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportgen import api
from reportgen.data.excel import write_workbook
from reportgen.data.sources import read_data

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = [ROOT / "examples" / name / "data.yaml" for name in ("lingling-2022", "lingling-2022-project")]

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_COMMENTS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:comments xmlns:w="{_W}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">'
    '<w:comment w:id="7" w:author="编辑" w:date="2023-04-25T00:00:00Z" w:initials="BJ">'
    '<w:p w14:paraId="1A2B3C4D"><w:r><w:t>请核对这一段的数字。</w:t></w:r></w:p></w:comment>'
    '<w:comment w:id="8" w:author="编辑" w:date="2023-04-25T00:00:00Z" w:initials="BJ">'
    '<w:p w14:paraId="1A2B3C4E"><w:r><w:t>已核对。</w:t></w:r></w:p></w:comment></w:comments>'
)
_EXTENDED = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml">'
    '<w15:commentEx w15:paraId="1A2B3C4E" w15:done="1"/></w15:commentsEx>'
)
_COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"


@dataclass(frozen=True)
class Seed:
    """A valid input: its file name (the extension picks the reader) and bytes."""

    name: str
    data: bytes

    @property
    def kind(self) -> str:
        return self.name.rsplit(".", 1)[-1]


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    return str(value)


def with_comments(docx: bytes) -> bytes:
    """A rendered draft with two editor's comments (one resolved), as Word stores them."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            blob = source.read(name)
            if name == "word/document.xml":
                blob = re.sub(
                    rb"(<w:body>.*?<w:p\b[^>]*>)", rb'\1<w:commentRangeStart w:id="7"/>', blob, count=1, flags=re.S
                )
                blob = blob.replace(
                    b"</w:p>", b'<w:commentRangeEnd w:id="7"/><w:r><w:commentReference w:id="7"/></w:r></w:p>', 1
                )
            elif name == "word/_rels/document.xml.rels":
                blob = blob.replace(
                    b"</Relationships>",
                    f'<Relationship Id="rIdFz1" Type="{_COMMENTS_TYPE}" '
                    'Target="comments.xml"/></Relationships>'.encode(),
                )
            target.writestr(name, blob)
        target.writestr("word/comments.xml", _COMMENTS)
        target.writestr("word/commentsExtended.xml", _EXTENDED)
    return out.getvalue()


def build_seeds() -> list[Seed]:
    """YAML and JSON of both examples, a filled workbook of each, a draft and a draft with comments."""
    seeds: list[Seed] = []
    renderer = api.Renderer()
    for index, path in enumerate(EXAMPLES):
        seeds.append(Seed(f"data{index}.yaml", path.read_bytes()))
        raw = read_data(path)
        text = json.dumps(raw.data, default=_json_default, ensure_ascii=False, indent=1)
        seeds.append(Seed(f"data{index}.json", text.encode()))
        book = io.BytesIO()
        write_workbook(book, raw.data)
        seeds.append(Seed(f"book{index}.xlsx", book.getvalue()))
        draft = renderer.render(api.check_data(raw))
        seeds.append(Seed(f"draft{index}.docx", draft))
        seeds.append(Seed(f"commented{index}.docx", with_comments(draft)))
    return seeds
