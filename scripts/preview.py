"""Render the first pages and the 自评表 page of each example to PNG for README.

Needs LibreOffice and poppler (pdftoppm, pdftotext); uses ci/fonts.conf so the 公文 font
names resolve to free CJK fonts. Run: python scripts/preview.py
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from reportgen.features.pdf import pdf_bytes

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "preview"
RESOLUTION = 60


def pages_to_show(pdf: Path) -> list[int]:
    """Pages 1 and 2, and the page where 附件1 (the 自评表) starts."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    attachment = next((n for n, page in enumerate(text.split("\f"), 1) if re.search(r"附件\s*1", page)), None)
    return sorted({1, 2, *([attachment] if attachment else [])})


def main() -> None:
    os.environ["FONTCONFIG_FILE"] = str(ROOT / "ci" / "fonts.conf")
    OUT.mkdir(parents=True, exist_ok=True)
    for report in sorted((ROOT / "examples").glob("*/report.docx")):
        name = report.parent.name
        with tempfile.TemporaryDirectory() as folder:
            pdf = Path(folder) / f"{name}.pdf"
            pdf.write_bytes(pdf_bytes(report))
            for page in pages_to_show(pdf):
                target = OUT / f"{name}-{page}"
                subprocess.run(
                    [
                        "pdftoppm",
                        "-r",
                        str(RESOLUTION),
                        "-png",
                        "-singlefile",
                        "-f",
                        str(page),
                        "-l",
                        str(page),
                        str(pdf),
                        str(target),
                    ],
                    check=True,
                )
                print(f"{target.relative_to(ROOT)}.png", file=sys.stdout)


if __name__ == "__main__":
    main()
