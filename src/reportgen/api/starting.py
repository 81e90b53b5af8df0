"""Starting files for unit staff: the commented data file, the workbook to fill in, and
next year's data from this year's (:mod:`reportgen.data.carryover`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportgen.data.carryover import CannotCopy, copy_note, next_year
from reportgen.data.sources import read_data
from reportgen.support.output import make_folder, same_content, write_atomic

__all__ = ["CannotCopy", "Workbook", "copy_note", "init_data", "init_workbook", "next_year", "workbook_bytes"]


def init_data(folder: Path, force: bool = False) -> Path:
    """``init``: write the annotated starter data file into ``folder``; returns its path.

    Edited data is the user's: only an identical file is replaced, even with ``force``.
    """
    from reportgen.data.starter import STARTER_NAME, starter_text

    make_folder(folder)
    path = folder / STARTER_NAME
    text = starter_text().encode("utf-8")
    elsewhere = "写出另一个目录，如 reportgen init 新目录"  # init names its folder, it has no -o
    write_atomic(path, text, force=force, ours=same_content(text), other_name=elsewhere)
    return path


@dataclass(frozen=True)
class Workbook:
    """What ``init --xlsx`` wrote: the workbook, and the source's fields it has no place for."""

    path: Path
    unplaced: list[str]


def workbook_bytes(data: dict[str, Any] | None = None) -> tuple[bytes, list[str]]:
    """The fillable workbook as bytes, filled with ``data`` (a data file's plain values) if
    given, and the fields it has no place for."""
    import io

    from reportgen.data.excel import write_workbook

    buffer = io.BytesIO()
    unplaced = write_workbook(buffer, data)
    return buffer.getvalue(), unplaced


def init_workbook(target: Path, source: Path | None = None, force: bool = False) -> Workbook:
    """``init --xlsx``: write the fillable workbook at ``target`` (a .xlsx name, or a folder),
    filled with the data of ``source`` if given."""
    from reportgen.data.starter import STARTER_NAME

    path = target if target.suffix.lower() == ".xlsx" else target / STARTER_NAME.replace(".yaml", ".xlsx")
    make_folder(path.parent)
    data = read_data(source).data if source is not None else None
    filled, unplaced = workbook_bytes(data)
    same, untouched = same_content(filled), same_content(workbook_bytes()[0])
    # A workbook staff may have filled in is their data: only an unfilled or identical one is replaced.
    elsewhere = "写出其他文件名，如 reportgen init --xlsx 新工作簿.xlsx"
    write_atomic(path, filled, force=force, ours=lambda p: same(p) or untouched(p), other_name=elsewhere)
    return Workbook(path, unplaced)
