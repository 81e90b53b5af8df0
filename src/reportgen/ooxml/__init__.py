"""OOXML: the one layer for namespaces, escaping, elements, text, parts and the zip.

The only package that imports lxml (ruff's banned-api enforces it). Modules, one job each:

- ``namespaces``: the prefix → URI table, relationship types and ``qn``/``w``;
- ``escape``: cleaning and escaping text, and cutting it into run pieces (for both writers);
- ``strings``: WordprocessingML built as text (the report body);
- ``elements``: lxml parsing, builders and edits, typed as ``etree._Element``;
- ``text``: a paragraph's text in the accepted or rejected view of its tracked changes;
- ``parts``: part names, relationships and content types;
- ``package``: fixed metadata parts and the deterministic zip;
- ``tables``: the tables of a user's Word document as grids (for importing them).
"""
