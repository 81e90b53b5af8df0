"""Word documents: writing a new one, reading a reference, reading a draft, revising a draft.

Four jobs, one package each; all OOXML goes through :mod:`reportgen.ooxml`:

- ``write``: blocks + stylesheet → .docx (``writer.write_docx``). ``base`` is the cached
  styled base document (the only user of python-docx); ``styles``, ``fonts``, ``footer``,
  ``native_numbering`` (numbering.xml bound to Heading1–4) and ``render.heading_numbers`` (literal
  numbers typed into heading text) style it; ``paragraphs``, ``tables``, ``pictures`` and
  ``media`` write the body and its image parts.
- ``reference``: ``--reference-docx`` (``load.load_reference``): its parts, styles and page.
- ``draft``: a .docx read back: ``outline`` (read_outline / read_tables, with
  ``shown_numbers``: list numbers as Word shows them), ``read`` (an edited draft's keyed
  blocks) and ``change_views`` (paragraphs and rows in the accepted or rejected view).
- ``revision``: ``reportgen update``'s plan carried out on a draft as tracked changes
  (``apply.apply_plan``, with ``tracked``, ``textchanges``, ``tablechanges``, ``comments``).
- ``keys`` and ``baseline``: the bookmarks and the stored baseline that let a draft be
  updated; ``style_names``: role ↔ Word style; ``measures``: page metrics in twips.

The update modules are imported by their users only, and the names below are imported from
their modules on first use (PEP 562), so rendering loads neither the draft reader nor (without
``--reference-docx``) the reference reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.support.lazy import lazy_names

if TYPE_CHECKING:
    from reportgen.docx.draft.outline import read_outline, read_tables
    from reportgen.docx.reference.load import Reference, load_reference
    from reportgen.docx.write.writer import write_docx

_HOMES = {
    "read_outline": "reportgen.docx.draft.outline",
    "read_tables": "reportgen.docx.draft.outline",
    "Reference": "reportgen.docx.reference.load",
    "load_reference": "reportgen.docx.reference.load",
    "write_docx": "reportgen.docx.write.writer",
}

__all__ = ["Reference", "load_reference", "read_outline", "read_tables", "write_docx"]


__getattr__, __dir__ = lazy_names(__name__, globals(), _HOMES, __all__)
