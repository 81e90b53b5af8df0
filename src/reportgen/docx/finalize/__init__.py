"""``reportgen finalize``: an edited draft made into the plain copy a unit submits.

``clean`` (:class:`~reportgen.docx.finalize.clean.Finalizer`) runs the steps: ``appendix``
finds the checks appendix by the baseline's keys, ``accept`` accepts tracked changes by
author, ``comments`` removes comments with Word's records of them, ``strip`` removes
highlight and reportgen's hidden bookmarks, ``parts`` edits and removes package parts.
"""
