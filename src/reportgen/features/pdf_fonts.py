"""Which of a report's fonts this machine lacks, and what a PDF made here sets instead.

LibreOffice finds fonts through fontconfig (on Linux and other Unix systems). A font of the
report is fine when it is installed, or when the font configuration names a stand-in for it
(as ``ci/fonts.conf`` does: 仿宋_GB2312 → Noto Serif CJK SC). Otherwise fontconfig falls
back to its default face — often a sans-serif one — and the clerk must hear that before
uploading the PDF. Where fontconfig's tools are missing (Windows, macOS without them) no
check is made: there the fonts of official documents are normally installed.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from collections.abc import Iterable
from pathlib import Path

from reportgen.ooxml.elements import attribute_values, parse
from reportgen.ooxml.namespaces import w
from reportgen.render.stylesheet import Stylesheet

FONT_TABLE = "word/fontTable.xml"
FONT_TABLE_BYTES = 1_000_000
PROBE = "reportgen-no-such-font"  # a family no one has: what fontconfig falls back to
FC_TIMEOUT = 10
SANS_FACES = ("黑体", "SimHei", "Hei")


def document_fonts(docx: Path) -> list[str]:
    """The fonts ``docx`` names in its font table (reportgen writes every font it uses there)."""
    try:
        with zipfile.ZipFile(docx) as package:
            info = package.getinfo(FONT_TABLE)
            if info.file_size > FONT_TABLE_BYTES:
                return []
            root = parse(package.read(info))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return []
    return list(dict.fromkeys(attribute_values(root, w("name"))))


def stylesheet_fonts(sheet: Stylesheet) -> list[str]:
    """The fonts a report set in ``sheet`` uses."""
    names = [sheet.latin_font, *(r.font for r in sheet.roles.values()), *(h.font for h in sheet.headings)]
    return list(dict.fromkeys(names))


def missing_font_warnings(fonts: Iterable[str]) -> list[str]:
    """One warning (Chinese) per font of ``fonts`` that is neither installed nor given a
    stand-in, naming the face the PDF will use instead; empty when fontconfig is absent."""
    if shutil.which("fc-match") is None or shutil.which("fc-pattern") is None:
        return []
    fallback = set(_candidates(PROBE))
    warnings: list[str] = []
    for font in fonts:
        matched = _matched(font)
        if not matched or font in matched:  # installed (under this or a localised name)
            continue
        if matched[0] in _stand_ins(_candidates(font), fallback, font):
            continue
        warnings.append(_warning(font, matched[0]))
    return warnings


def _stand_ins(candidates: list[str], fallback: set[str], font: str) -> set[str]:
    """The families the configuration puts before ``font`` (preferred stand-ins) or between it
    and the general fallback (accepted ones)."""
    chosen: set[str] = set()
    after = False
    for family in candidates:
        after = after or family == font
        if after and family in fallback and family != font:
            break
        chosen.add(family)
    return chosen - {font}


def _warning(font: str, used: str) -> str:
    text = f"本机没有字体“{font}”，也没有为它配置替代字体，PDF 中改用“{used}”"
    if "sans" in used.casefold() and not any(face in font for face in SANS_FACES):
        text += "（这是无衬线的黑体类字体，与公文要求的字体不符）"
    return text + "。请安装该字体后重新生成 PDF（Word 文档不受影响）。"


def _matched(font: str) -> list[str]:
    """The family names of the face fontconfig picks for ``font`` (first the primary one)."""
    return _families(["fc-match", "-f", "%{family}", f"{_escape(font)}:lang=zh-cn"])


def _candidates(font: str) -> list[str]:
    """The families fontconfig tries for ``font``, after its configuration's substitutions."""
    return _families(["fc-pattern", "-c", "-f", "%{family}", f"{_escape(font)}:lang=zh-cn"])


def _families(command: list[str]) -> list[str]:
    try:
        done = subprocess.run(command, capture_output=True, timeout=FC_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return []
    if done.returncode != 0:
        return []
    return [name.strip() for name in done.stdout.decode("utf-8", "replace").split(",") if name.strip()]


def _escape(font: str) -> str:
    """``font`` as a fontconfig pattern's family (``-``, ``:`` and ``,`` are special there)."""
    return "".join(f"\\{c}" if c in "\\-:," else c for c in font)
