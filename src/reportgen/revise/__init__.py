"""Revising a draft: merge a new render into an edited one, and list what still needs an editor.

Pure functions over plain data (no python-docx, no lxml, no I/O); the docx writer reads a
draft into these values and applies the resulting plan:

- ``model``: what a draft and a render are, seen as keyed blocks of text;
- ``diff``: word-level edits between two texts, for readable tracked changes;
- ``merge``: baseline + edited draft + new render → a :class:`~reportgen.revise.plan.Plan`;
- ``plan``: the operations the writer carries out (tracked changes, comments, inserts);
- ``check``: placeholders, unresolved comments and hand-typed figures that contradict the data.
"""
