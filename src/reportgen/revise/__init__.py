"""Revising a draft: merge a new render into an edited one, and list what still needs an editor.

Pure functions over plain data (no python-docx, no lxml, no I/O); the docx writer reads a
draft into these values and applies the resulting plan:

- ``model``: what a draft and a render are, seen as keyed blocks of text;
- ``diff``: word-level edits between two texts, for readable tracked changes;
- ``merge``: baseline + edited draft + new render → a :class:`~reportgen.revise.plan.Plan`;
- ``plan``: the operations the writer carries out (tracked changes, comments, inserts);
- ``comment_texts``: the words of the comments ``update`` adds (the figures that changed first);
- ``findings``: placeholders, highlight left over, unresolved comments and hand-typed figures
  that contradict the data, with ``location`` (where, in words an editor can act on),
  ``numbers`` (figures in text and the words naming them) and ``expected`` (what a wrong
  figure should be, when the regenerated text tells).
"""
