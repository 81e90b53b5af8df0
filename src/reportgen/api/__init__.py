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

Each name below is imported from its module on first use (PEP 562), so that a command
loads only the stages it uses: ``validate`` no templates, ``render`` no draft reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportgen.support.lazy import lazy_names

if TYPE_CHECKING:
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
    from reportgen.api.options import RenderOptions
    from reportgen.api.rendering import (
        Rendered,
        Renderer,
        build_report,
        data_fingerprint,
        refuse_unfinished,
        render_report,
        render_unit,
        template_context,
        unfinished,
    )
    from reportgen.api.starting import (
        CannotCopy,
        Workbook,
        copy_note,
        init_data,
        init_workbook,
        next_year,
        workbook_bytes,
    )
    from reportgen.errors import Severity
    from reportgen.support.output import ensure_writable, write_atomic

# Where each public name lives.
_HOMES: dict[str, str] = {
    **dict.fromkeys(("Checked", "check_data", "check_values", "load"), "reportgen.api.checking"),
    **dict.fromkeys(
        (
            "DraftCheck",
            "DraftRefused",
            "OtherSubject",
            "Revision",
            "Updated",
            "check_draft",
            "check_report",
            "inspect_report",
            "read_draft_bytes",
            "update_draft",
            "update_report",
        ),
        "reportgen.api.drafts",
    ),
    **dict.fromkeys(("Written", "import_file", "write_imported"), "reportgen.api.importing"),
    "RenderOptions": "reportgen.api.options",
    **dict.fromkeys(
        (
            "Rendered",
            "Renderer",
            "build_report",
            "data_fingerprint",
            "refuse_unfinished",
            "render_report",
            "render_unit",
            "template_context",
            "unfinished",
        ),
        "reportgen.api.rendering",
    ),
    **dict.fromkeys(
        ("CannotCopy", "Workbook", "copy_note", "init_data", "init_workbook", "next_year", "workbook_bytes"),
        "reportgen.api.starting",
    ),
    "Severity": "reportgen.errors",
    **dict.fromkeys(("ensure_writable", "write_atomic"), "reportgen.support.output"),
}

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


__getattr__, __dir__ = lazy_names(__name__, globals(), _HOMES, __all__)
