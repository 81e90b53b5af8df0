"""The text of a table as LibreOffice set it: lines cut into cell pieces by the gaps between words.

``pdftotext -bbox-layout`` gives each word its box; words on one line that are further apart
than a cell's margins belong to different cells, so a line is cut there into *segments*,
one per cell it crosses. A table is found on the pages by the line of its title and the
line that closes it (for the 自评表, the 总分 row's "等级：").
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

CELL_GAP_PT = 4.0  # two cells' margins are 2 mm apart; words of one cell touch
_NS = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Segment:
    """The text of one line inside one cell, with its box in points."""

    page: int
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str

    @property
    def centre(self) -> float:
        return (self.x_min + self.x_max) / 2


def segments(pdf: bytes) -> list[Segment]:
    """Every line of the PDF cut at the gaps between cells, in reading order."""
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "in.pdf", Path(folder) / "out.html"
        source.write_bytes(pdf)
        subprocess.run(["pdftotext", "-bbox-layout", str(source), str(target)], check=True)
        root = ET.parse(target).getroot()
    found: list[Segment] = []
    for number, page in enumerate(root.iter(f"{_NS}page"), 1):
        for line in page.iter(f"{_NS}line"):
            words = sorted(line.iter(f"{_NS}word"), key=lambda w: float(w.get("xMin", 0)))
            group: list[ET.Element] = []
            for word in words:
                if group and float(word.get("xMin", 0)) - float(group[-1].get("xMax", 0)) > CELL_GAP_PT:
                    found.append(_segment(number, group))
                    group = []
                group.append(word)
            if group:
                found.append(_segment(number, group))
    found.sort(key=lambda s: (s.page, round(s.y_min), s.x_min))
    return found


def _segment(page: int, words: list[ET.Element]) -> Segment:
    return Segment(
        page,
        float(words[0].get("xMin", 0)),
        min(float(w.get("yMin", 0)) for w in words),
        float(words[-1].get("xMax", 0)),
        max(float(w.get("yMax", 0)) for w in words),
        "".join(w.text or "" for w in words),
    )


def between(found: list[Segment], first: str, last: str | None) -> list[Segment]:
    """The segments from the first that ``first`` (a pattern) matches whole to the next
    containing ``last`` (to the end without ``last``)."""
    start = next(i for i, s in enumerate(found) if re.fullmatch(first, s.text))
    if last is None:
        return found[start:]
    end = next(i for i in range(start, len(found)) if last in found[i].text)
    return found[start : end + 1]


def is_cjk(char: str) -> bool:
    return unicodedata.category(char) == "Lo" and unicodedata.east_asian_width(char) in "WF"


def lonely(segment: Segment) -> bool:
    """A cell line holding a single CJK character and at most punctuation ("标", "分）")."""
    text = segment.text
    return sum(is_cjk(c) for c in text) == 1 and not any(c.isalnum() and not is_cjk(c) for c in text)
