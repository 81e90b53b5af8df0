"""A written .docx as text a reviewer can read in a diff: its outline, then its tables.

The outline is one line per body block, ``label<TAB>text`` as ``read_outline`` gives it
(headings with their numbers); each table follows as one line per row, its cells separated
by tabs, as ``read_tables`` gives them. Tabs, line breaks and backslashes inside a text are
written ``\\t``, ``\\n`` and ``\\\\``, so every line is one block or one row.
"""

from __future__ import annotations

from reportgen.docx import read_outline, read_tables


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def outline_text(data: bytes) -> str:
    """The outline and tables of the .docx ``data`` as lines of text."""
    lines = ["# outline: label<TAB>text, one line per body block"]
    lines += [f"{label}\t{escape(text)}" for label, text in read_outline(data)]
    for number, rows in enumerate(read_tables(data), start=1):
        lines += ["", f"# table {number}: one line per row, cells separated by tabs"]
        lines += ["\t".join(escape(cell) for cell in row) for row in rows]
    return "\n".join(lines) + "\n"
