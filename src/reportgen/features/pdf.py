"""PDF through LibreOffice (``soffice --headless --convert-to pdf``), when it is installed.

Every PDF is PDF/A-2b (what upload portals for 绩效自评 reports ask for), tagged, with all
fonts embedded (:data:`PDF_EXPORT`). One file converts here in a fresh LibreOffice (about two
seconds); a batch converts through one warm LibreOffice (:mod:`reportgen.features.pdf_server`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from reportgen.errors import OutputError

INSTALL_HINT = (
    "未找到 LibreOffice，无法生成 PDF。请先安装："
    "Debian/Ubuntu 运行 sudo apt-get install libreoffice-writer fonts-noto-cjk；"
    "Windows 或 macOS 从 LibreOffice 官网下载安装，并确保 soffice 在 PATH 中。"
    "Word 文档（.docx）已照常生成。"
)
TIMEOUT_SECONDS = 180
# LibreOffice's writer_pdf_Export FilterData: PDF/A-2b (which embeds every font), tagged.
PDF_EXPORT: dict[str, int | bool] = {"SelectPdfVersion": 2, "UseTaggedPDF": True, "EmbedStandardFonts": True}


def find_soffice() -> str | None:
    """The LibreOffice executable, or None: on the PATH, or on Windows where its installer
    puts it (which it does not add to the PATH)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None and os.name == "nt":
        found = installed_on_windows(os.environ)
    return found


def installed_on_windows(environ: Mapping[str, str]) -> str | None:
    """``soffice.exe`` under ``%ProgramFiles%`` or ``%ProgramFiles(x86)%``, if installed there."""
    for variable in ("ProgramFiles", "ProgramFiles(x86)"):
        root = environ.get(variable)
        candidate = Path(root) / "LibreOffice" / "program" / "soffice.exe" if root else None
        if candidate is not None and candidate.is_file():
            return str(candidate)
    return None


def pdf_bytes(docx: Path) -> bytes:
    """The PDF of ``docx`` as LibreOffice renders it (private profile, so runs can overlap)."""
    soffice = find_soffice()
    if soffice is None:
        raise OutputError(INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="reportgen-pdf-") as work:
        folder = Path(work)
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            convert_to_argument(),
            "--outdir",
            str(folder),
            str(docx.resolve()),
        ]
        try:
            subprocess.run(
                command,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
                env={**os.environ, "HOME": str(folder)},
            )
        except subprocess.TimeoutExpired:
            raise OutputError(f"LibreOffice 转换 PDF 超过 {TIMEOUT_SECONDS} 秒未完成，已放弃。") from None
        produced = folder / f"{docx.stem}.pdf"
        if not produced.exists():
            raise OutputError(f"LibreOffice 未能把 {docx} 转换为 PDF：请用 LibreOffice 打开该文件检查。")
        return produced.read_bytes()


def convert_to_argument(options: Mapping[str, int | bool] = PDF_EXPORT) -> str:
    """``--convert-to`` with the export filter and its options as JSON (LibreOffice ≥ 7.4)."""
    typed = {
        name: {"type": "boolean", "value": str(value).lower()}
        if isinstance(value, bool)
        else {"type": "long", "value": str(value)}
        for name, value in options.items()
    }
    return "pdf:writer_pdf_Export:" + json.dumps(typed, separators=(",", ":"))


def font_warnings(docx: Path) -> list[str]:
    """What the PDF of ``docx`` made on this machine sets in other fonts (see :mod:`reportgen.features.pdf_fonts`)."""
    from reportgen.features.pdf_fonts import document_fonts, missing_font_warnings

    return missing_font_warnings(document_fonts(docx))
