"""``reportgen review FILE...``: many hand-made 自评表 reviewed one after another, as a bureau
receives them — folders stand for their Word and Excel files in name order, and a file that cannot
be read is reported and passed, never the end of the run."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reportgen.api.reviewing import Review, review_file
from reportgen.errors import DataError, Issue, ReportgenError

__all__ = ["Unreadable", "documents", "review_each"]

# Old Office and WPS files are taken too, so that each is reported with the hint to re-save, not missed.
_SUFFIXES = (".docx", ".xlsx", ".doc", ".xls", ".wps", ".et")


@dataclass(frozen=True)
class Unreadable:
    """A file that could not be reviewed, and why (the reader's issues)."""

    file: str
    issues: list[Issue]

    @property
    def message(self) -> str:
        return "；".join(issue.message for issue in self.issues)


def documents(paths: list[Path]) -> list[Path]:
    """The files to review: each file as given, each folder's Word and Excel files (.docx, .xlsx,
    and the old .doc/.xls/.wps/.et, which are reported as unreadable; not its subfolders', nor
    Office's ``~$`` lock files) in name order. :class:`ReportgenError` for a folder holding none."""
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        inside = sorted(
            p for p in path.iterdir() if p.suffix.lower() in _SUFFIXES and not p.name.startswith(("~$", "."))
        )
        if not inside:
            raise ReportgenError(
                f"文件夹 {path} 中没有 Word 或 Excel 文件（.docx、.xlsx）：请指定自评表文件，或放有自评表的文件夹。"
            )
        found += [p for p in inside if p.is_file()]
    return found


def review_each(files: list[Path]) -> Iterator[Review | Unreadable]:
    """Each file's review, in order; a file that cannot be read gives :class:`Unreadable`."""
    for file in files:
        try:
            yield review_file(file)
        except DataError as exc:
            yield Unreadable(str(file), exc.issues)
