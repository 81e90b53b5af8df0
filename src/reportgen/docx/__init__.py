"""The .docx writer: blocks + stylesheet → a typeset 公文-style Word document.

The only package that imports python-docx. Modules, one job each:

- ``units``: page metrics in twips/half-points;  ``names``: role ↔ Word style mapping;
- ``xml``: element builders;  ``fonts``: rFonts, eastAsia hint, theme-font removal;
- ``styles``: styles.xml;  ``footer``: page numbers;  ``base``: cached styled base document;
- ``numbering``: literal heading numbers;  ``numdef``: native numbering (numbering.xml);
- ``paragraphs``, ``tables`` and ``pictures``: body content;  ``media``: image parts;
- ``package``: core/app properties and the deterministic zip;  ``writer``: write_docx;
- ``reference``, ``refstyles``, ``refpackage``: ``--reference-docx`` (load_reference);
- ``reader`` and ``listnumbers``: read_outline / read_tables for tests, with native
  heading numbers computed from numbering.xml;
- ``keys`` and ``baseline``: the bookmarks and the stored baseline that let a draft be updated;
- ``views``, ``draft``: an edited draft read back (changes accepted or rejected);
- ``tracked``, ``textchanges``, ``tablechanges``, ``comments``, ``revision``: ``reportgen
  update``'s plan carried out on a draft (``draft.read_draft``, ``revision.apply_plan``).

The update modules are imported by their users only, so rendering does not load them.
"""

from reportgen.docx.draft.outline import read_outline, read_tables
from reportgen.docx.reference.load import Reference, load_reference
from reportgen.docx.write.writer import write_docx

__all__ = ["Reference", "load_reference", "read_outline", "read_tables", "write_docx"]
