"""Read the parts of a reference Word document (.docx, .dotx, .docm) that reportgen uses.

Parts are found through the package relationships, not by fixed names, so documents whose
main part is not ``word/document.xml`` work too. The package is read within the bounds of
:mod:`reportgen.support.limits`. Anything that is not a readable WordprocessingML package
raises StyleError with a hint about .doc and .wps files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import StyleError
from reportgen.ooxml.elements import Element, parse
from reportgen.ooxml.parts import related_part, rels_name
from reportgen.support.archive import ArchiveError, NotAnArchive, read_file, read_members


@dataclass(frozen=True)
class ReferenceParts:
    """Parsed parts of a reference document; numbering and theme are optional."""

    document: Element
    styles: Element
    numbering: Element | None
    theme: bytes | None


def read_parts(path: Path) -> ReferenceParts:
    """The document, styles, numbering and theme parts of the package at ``path``."""
    try:
        package = dict(read_members(read_file(path)))
    except NotAnArchive:
        raise _not_word(path) from None
    except ArchiveError as exc:
        raise StyleError(f"参考文档 {path} 无法读取：{exc.message}") from None
    except OSError as exc:
        raise StyleError(f"无法读取参考文档 {path}：{exc.strerror or exc}") from None
    try:
        main = _target(package, "", "officeDocument")
        if main is None:
            raise _not_word(path)
        found = {kind: _target(package, main, kind) for kind in ("styles", "numbering", "theme")}
        raw = {kind: package[name] for kind, name in found.items() if name}
        document = parse(package[main])
    except (KeyError, SyntaxError, ValueError):
        raise _not_word(path) from None
    if "styles" not in raw:
        raise StyleError(f"参考文档 {path} 没有样式部分（styles.xml），无法从中取用样式。")
    try:
        styles = parse(raw["styles"])
        numbering = parse(raw["numbering"]) if "numbering" in raw else None
        if "theme" in raw:
            parse(raw["theme"])  # copied into every report as it is: it must be sound XML
    except (SyntaxError, ValueError):
        raise _not_word(path) from None
    return ReferenceParts(document, styles, numbering, raw.get("theme"))


def _not_word(path: Path) -> StyleError:
    return StyleError(
        f"参考文档 {path} 不是有效的 Word 文档（.docx）。如果是 .doc 或 .wps 文件，请先在 Word 或 WPS 中另存为 .docx。"
    )


def _target(package: Mapping[str, bytes], source: str, kind: str) -> str | None:
    """The part that ``source`` (a part name, "" for the package) relates to as ``kind``."""
    rels = rels_name(source)
    if rels not in package:
        return None
    part = related_part(package[rels], source, kind)
    return part if part in package else None
