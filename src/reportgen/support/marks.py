"""How reportgen recognises the files it wrote: the namespace of the baseline part a
generated .docx carries (see :mod:`reportgen.docx.baseline`). Kept apart so that the
output guard (:mod:`reportgen.support.output`) can look for it without the docx writer."""

from __future__ import annotations

from typing import Final

BASELINE_NS: Final = "urn:reportgen:baseline:1"

__all__ = ["BASELINE_NS"]
