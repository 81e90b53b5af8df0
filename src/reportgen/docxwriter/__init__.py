"""The .docx writer: blocks + stylesheet → a typeset 公文-style Word document.

The only package that imports python-docx. Modules, one job each:

- ``units``: page metrics in twips/half-points;  ``names``: role ↔ Word style mapping;
- ``xml``: element builders;  ``fonts``: rFonts, eastAsia hint, theme-font removal;
- ``styles``: styles.xml;  ``footer``: page numbers;  ``base``: cached styled base document;
- ``numbering``: literal heading numbers;  ``paragraphs`` and ``tables``: body content;
- ``package``: core/app properties and the deterministic zip;  ``writer``: write_docx;
- ``reader``: read_outline / read_tables for tests.
"""

from reportgen.docxwriter.reader import read_outline, read_tables
from reportgen.docxwriter.writer import write_docx

__all__ = ["read_outline", "read_tables", "write_docx"]
