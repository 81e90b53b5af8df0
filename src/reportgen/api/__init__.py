"""The pipeline: the only package that chains the stages (read → validate → compute →
narrate → parse → write). The CLI, the batch and library users call these functions.

- ``checking``: a data file → :class:`Checked` (model, figures, every finding);
- ``rendering``: :class:`RenderOptions`, :class:`Renderer`, ``render_report``, ``render_unit``;
- ``drafts``: ``update_report`` and ``check_report`` on an editor's draft (``update_draft``,
  ``check_draft`` on its bytes), refusing files that are no reportgen draft and drafts of
  another unit, year or kind;
- ``finalizing``: ``finalize_report`` (``finalize_draft`` on bytes), the clean copy a unit submits;
- ``starting``: ``init_data``, ``init_workbook``, ``workbook_bytes`` and ``next_year`` (a copy
  of last year's report: targets and text carried over, figures cleared).
"""

from reportgen.api.checking import Checked, check_data, check_values, load
from reportgen.api.drafts import (
    DraftCheck,
    DraftRefused,
    OtherSubject,
    Revision,
    Updated,
    check_draft,
    check_report,
    inspect_report,
    read_draft_bytes,
    update_draft,
    update_report,
)
from reportgen.api.importing import Written, import_file, write_imported
from reportgen.api.rendering import (
    Rendered,
    Renderer,
    RenderOptions,
    build_report,
    data_fingerprint,
    refuse_unfinished,
    render_report,
    render_unit,
    template_context,
    unfinished,
)
from reportgen.api.starting import CannotCopy, Workbook, copy_note, init_data, init_workbook, next_year, workbook_bytes
from reportgen.errors import Severity
from reportgen.support.output import ensure_writable, write_atomic

__all__ = [
    "CannotCopy",
    "Checked",
    "DraftCheck",
    "DraftRefused",
    "OtherSubject",
    "RenderOptions",
    "Rendered",
    "Renderer",
    "Revision",
    "Severity",
    "Updated",
    "Workbook",
    "Written",
    "build_report",
    "check_data",
    "check_draft",
    "check_report",
    "check_values",
    "copy_note",
    "data_fingerprint",
    "ensure_writable",
    "import_file",
    "init_data",
    "init_workbook",
    "inspect_report",
    "load",
    "next_year",
    "read_draft_bytes",
    "refuse_unfinished",
    "render_report",
    "render_unit",
    "template_context",
    "unfinished",
    "update_draft",
    "update_report",
    "workbook_bytes",
    "write_atomic",
    "write_imported",
]
